// The ETA shown with progress: none until there is evidence, coarse when there is, never nonsense.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { etaText, formatSecondsLeft, MIN_SECONDS, secondsLeft } from '../../generator/cli/eta.ts';

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
    expect(etaText(0, 100, 60)).toBe('');
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

describe('formatSecondsLeft', () => {
  it('rounds to what an estimate can promise', () => {
    expect(formatSecondsLeft(3)).toBe('a few seconds left');
    expect(formatSecondsLeft(12)).toBe('about 15 s left');
    expect(formatSecondsLeft(61)).toBe('about 65 s left');
    expect(formatSecondsLeft(300)).toBe('about 5 min left');
  });
});
