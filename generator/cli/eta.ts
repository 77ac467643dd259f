/**
 * An ETA that is either honest or absent. The estimate is the phase's own average rate since it
 * started (units done in this run, never the ones the cache answered), and none is given until the
 * phase has run long enough and done enough to say anything: early rates are dominated by start-up
 * (workers booting, the first batch), which is how `16m5s left` appears in a sub-minute run.
 */
export const MIN_SECONDS = 2;
export const MIN_SHARE = 0.05;

/** Seconds left, or undefined while there is too little evidence. */
export function secondsLeft(done: number, total: number, elapsedSeconds: number): number | undefined {
  if (!(total > 0) || !(done > 0) || done >= total) return undefined;
  if (elapsedSeconds < MIN_SECONDS || done / total < MIN_SHARE) return undefined;
  const left = ((total - done) * elapsedSeconds) / done;
  return Number.isFinite(left) ? left : undefined;
}

/** Coarse on purpose: an estimate is not a measurement. */
export function formatSecondsLeft(seconds: number): string {
  if (seconds < 10) return 'a few seconds left';
  if (seconds < 90) return `about ${Math.ceil(seconds / 5) * 5} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

export function etaText(done: number, total: number, elapsedSeconds: number): string {
  const left = secondsLeft(done, total, elapsedSeconds);
  return left === undefined ? '' : formatSecondsLeft(left);
}
