// The ETA shown with progress: none until there is evidence, coarse when there is, never nonsense.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Eta, formatSecondsLeft, MIN_SECONDS, secondsLeft } from '../../generator/cli/eta.ts';

describe('secondsLeft', () => {
  it('says nothing early: the first batch of a sub-minute run once read "16m5s left"', () => {
    // 0.3 s in, one batch of 16 out of 2357 pages done (workers still booting).
    expect(secondsLeft(16, 2357, 0.3)).toBeUndefined();
    // 2.5 s in but under 5% done.
    expect(secondsLeft(100, 2357, 2.5)).toBeUndefined();
  });

  it('says nothing at 0 done, at the end, or without a total (the "NFs left" case)', () => {
    expect(secondsLeft(0, 100, 10)).toBeUndefined();
    expect(secondsLeft(100, 100, 10)).toBeUndefined();
    expect(secondsLeft(5, 0, 10)).toBeUndefined();
    expect(secondsLeft(50, 100, 10, 0)).toBeUndefined();
    const eta = new Eta();
    eta.update(60, 0);
    expect(eta.text(100)).toBe('');
  });

  it('is the phase average once there is evidence', () => {
    expect(secondsLeft(500, 2000, 5)).toBeCloseTo(15);
  });

  it('is finite and non-negative whenever it is given', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.double({ min: 0, max: 1e4, noNaN: true }), (done, total, elapsed) => {
        const left = secondsLeft(done, total, elapsed);
        if (left === undefined) return;
        expect(Number.isFinite(left) && left >= 0).toBe(true);
        expect(elapsed).toBeGreaterThanOrEqual(MIN_SECONDS);
        expect(formatSecondsLeft(left)).toMatch(/^(a few seconds|about \d+ (s|min)) left$/);
      }),
    );
  });
});

describe('Eta', () => {
  it('follows the recent rate: a run that speeds up once its workers are warm', () => {
    // google-microsite/google, measured: 320 of 2357 pages at 5 s, 1008 at 10 s, done at 15.2 s.
    const eta = new Eta();
    eta.update(0.5, 0);
    eta.update(1, 16);
    expect(eta.text(2357)).toBe('');
    eta.update(5, 320);
    expect(eta.text(2357)).toBe('about 35 s left'); // start-up dominates the first window
    eta.update(7.5, 650);
    eta.update(10, 1008);
    expect(eta.text(2357)).toBe('a few seconds left'); // the last 5 s only: 9.8 s (it took 5.2)
  });
});

describe('formatSecondsLeft', () => {
  it('rounds to what an estimate can promise', () => {
    expect(formatSecondsLeft(3)).toBe('a few seconds left');
    expect(formatSecondsLeft(12)).toBe('about 15 s left');
    expect(formatSecondsLeft(61)).toBe('about 65 s left');
    expect(formatSecondsLeft(300)).toBe('about 5 min left');
  });
});
