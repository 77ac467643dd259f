/**
 * Loaded (`node --import`) into each mock server by `bench/mock-server.ts --gc`: keeps the server's
 * garbage collections (kind and pause, from perf_hooks, and the young generation's size after it)
 * and, on SIGUSR2, writes those since the last SIGUSR2 to `$GC_PROBE_DIR/<pid>.json` as
 * [[kind, ms, MiB], ...] (kind: perf_hooks.constants NODE_PERFORMANCE_GC_*; MiB: the new space,
 * both semi-spaces, which V8 may grow and shrink between the flags' bounds). A file, not stdout: the bench reads nothing while wrk runs, and a full
 * pipe would stop the server it measures.
 */
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

let entries = [];
new PerformanceObserver((list) => {
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  for (const e of list.getEntries()) entries.push([e.detail.kind, Math.round(e.duration * 1000) / 1000, Math.round(young / 1048576)]);
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  writeFileSync(`${process.env.GC_PROBE_DIR}/${process.pid}.json`, JSON.stringify(entries));
  entries = [];
});
