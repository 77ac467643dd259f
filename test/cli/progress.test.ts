// Progress as a CI log sees it (not a terminal): periodic plain lines while a phase runs, one line
// when each phase ends, timings for the JSON report.
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../generator/cli/progress.ts';

function fakeRun() {
  let t = 0;
  const lines: string[] = [];
  const progress = createProgress({ write: (s) => lines.push(s.trimEnd()), tty: false, intervalMs: 5000, now: () => t });
  return { progress, lines, at: (ms: number) => (t = ms) };
}

describe('createProgress (plain lines)', () => {
  it('prints a line per ended phase, with its size and time, and returns the timings', () => {
    const { progress, lines, at } = fakeRun();
    progress.listener({ phase: 'read', done: 0, total: 7 });
    at(10);
    progress.listener({ phase: 'read', done: 7, total: 7 });
    progress.listener({ phase: 'parse', done: 0, total: 7 });
    at(130);
    progress.listener({ phase: 'parse', done: 7, total: 7 });
    progress.listener({ phase: 'emit', done: 0, total: 5 });
    at(400);
    progress.listener({ phase: 'write', done: 0, total: 101 });
    at(450);
    const timings = progress.finish();
    expect(lines).toEqual(['read  7 pages in 0.01 s', 'parse 7 pages in 0.12 s', 'emit  5 resources in 0.27 s', 'write 101 files in 0.05 s']);
    expect(timings.map((p) => [p.phase, p.total, p.seconds])).toEqual([
      ['read', 7, 0.01],
      ['parse', 7, 0.12],
      ['emit', 5, 0.27],
      ['write', 101, 0.05],
    ]);
  });

  it('prints the running phase every interval, with an ETA only once there is evidence', () => {
    const { progress, lines, at } = fakeRun();
    progress.listener({ phase: 'parse', done: 0, total: 2000 });
    at(1000);
    progress.listener({ phase: 'parse', done: 50, total: 2000 });
    expect(lines).toEqual([]); // under the interval: nothing yet
    at(5000);
    progress.listener({ phase: 'parse', done: 60, total: 2000 });
    at(5001);
    progress.listener({ phase: 'parse', done: 61, total: 2000 });
    at(10_000);
    progress.listener({ phase: 'parse', done: 500, total: 2000 });
    at(15_000);
    progress.listener({ phase: 'parse', done: 2000, total: 2000 });
    progress.finish();
    expect(lines).toEqual([
      'parse 60/2000 pages (3%), 5.00 s', // under 5% done: no ETA
      'parse 500/2000 pages (25%), 10.0 s, about 20 s left', // 440 pages in the last 5 s
      'parse 2000 pages in 15.0 s',
    ]);
  });
});
