/**
 * An ETA that is either honest or absent. None is given until the phase has run long enough and
 * done enough to say anything: early rates are dominated by start-up (workers booting, the first
 * batch), which is how `16m5s left` appeared in a sub-minute run. After that, the rate is the one
 * of the last few seconds (runs speed up as workers warm), counting only units done in this run,
 * never the ones the cache answered.
 */
export const MIN_SECONDS = 2;
export const MIN_SHARE = 0.05;
/** The rate is measured over about this much of the recent past. */
export const WINDOW_SECONDS = 5;

/** Seconds left at `rate` units a second, or undefined while there is too little evidence. */
export function secondsLeft(done: number, total: number, elapsedSeconds: number, rate = done / elapsedSeconds): number | undefined {
  if (!(total > 0) || !(done > 0) || done >= total) return undefined;
  if (elapsedSeconds < MIN_SECONDS || done / total < MIN_SHARE || !(rate > 0)) return undefined;
  const left = (total - done) / rate;
  return Number.isFinite(left) ? left : undefined;
}

/** Coarse on purpose: an estimate is not a measurement. */
export function formatSecondsLeft(seconds: number): string {
  if (seconds < 10) return 'a few seconds left';
  if (seconds < 90) return `about ${Math.ceil(seconds / 5) * 5} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** One phase's ETA: feed it (seconds since the phase started, units done); ask for the text. */
export class Eta {
  private readonly samples: Array<[seconds: number, done: number]> = [[0, 0]];

  update(seconds: number, done: number): void {
    this.samples.push([seconds, done]);
    // Keep one sample older than the window, so the window always has a start.
    while (this.samples.length > 2 && this.samples[1]![0] <= seconds - WINDOW_SECONDS) this.samples.shift();
  }

  text(total: number): string {
    const [t, done] = this.samples[this.samples.length - 1]!;
    const [t0, done0] = this.samples[0]!;
    const rate = t - t0 >= 1 ? (done - done0) / (t - t0) : done / t;
    const left = secondsLeft(done, total, t, rate);
    return left === undefined ? '' : formatSecondsLeft(left);
  }
}
