/**
 * Loaded (`node --import`) into each mock server by `bench/mock-server.ts --gc`: keeps the server's
 * garbage collections (kind, pause, start, from perf_hooks, and the young generation's size after
 * it) and the moments requests start (node:http's diagnostics channel), and, on SIGUSR2, writes
 * what came since the last SIGUSR2 to `$GC_PROBE_DIR/<pid>.json` as
 * `{ gc: [[kind, ms, MiB], ...], stalls: [ms, ...] }` (kind: perf_hooks.constants
 * NODE_PERFORMANCE_GC_*; MiB: the new space, both semi-spaces, which V8 may grow and shrink
 * between the flags' bounds). A file, not stdout: the bench reads nothing while wrk runs, and a
 * full pipe would stop the server it measures.
 *
 * A stall is a gap between two request starts longer than STALL_MS that no collection overlaps:
 * under a steady load requests start every few tens of microseconds, so such a gap is the server
 * busy elsewhere (its own code, V8 outside a collection) or the load generator idle. A CPU profile
 * then says which: that is how the store's growth stalls were found (steady-collections.ts).
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

const STALL_MS = 5;

/** [kind, ms, young MiB, start] */
let entries = [];
/** Request starts, in order (performance.now()). */
let starts = [];
new PerformanceObserver((list) => {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  for (const e of list.getEntries()) entries.push([e.detail.kind, Math.round(e.duration * 1000) / 1000, Math.round(young / 1048576), e.startTime]);
}).observe({ entryTypes: ['gc'] });
subscribe('http.server.request.start', () => starts.push(performance.now()));

function stalls() {
  const out = [];
  for (let i = 1; i < starts.length; i++) {
    const from = starts[i - 1];
    const to = starts[i];
    if (to - from <= STALL_MS) continue;
    if (entries.some(([, ms, , start]) => start < to && start + ms > from)) continue;
    out.push(Math.round((to - from) * 10) / 10);
  }
  return out;
}

process.on('SIGUSR2', () => {
  writeFileSync(`${process.env.GC_PROBE_DIR}/${process.pid}.json`, JSON.stringify({ gc: entries.map(([kind, ms, mib]) => [kind, ms, mib]), stalls: stalls() }));
  entries = [];
  starts = [];
});
