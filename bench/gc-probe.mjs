/**
 * Loaded (`node --import`) into each mock server by `bench/mock-server.ts --gc`: keeps the server's
 * garbage collections (kind and pause, from perf_hooks) and, on SIGUSR2, writes those since the
 * last SIGUSR2 to `$GC_PROBE_DIR/<pid>.json` as [[kind, ms], ...] (kind: perf_hooks.constants
 * NODE_PERFORMANCE_GC_*). A file, not stdout: the bench reads nothing while wrk runs, and a full
 * pipe would stop the server it measures.
 */
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

let entries = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) entries.push([e.detail.kind, Math.round(e.duration * 1000) / 1000]);
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  writeFileSync(`${process.env.GC_PROBE_DIR}/${process.pid}.json`, JSON.stringify(entries));
  entries = [];
});
