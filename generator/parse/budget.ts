/**
 * The per-page time budget. Every reader is linear in its input, so an honest page takes
 * milliseconds; the budget is the backstop for what is not, checked between blocks and rows.
 * An overrun throws `OverBudget`, which the page's caller turns into a skipped page with a
 * `page/over-budget` error naming the line reached.
 */
import type { VFile } from 'vfile';

declare module 'vfile' {
  interface DataMap {
    /** performance.now() after which reading this page stops. */
    deadline: number;
    budgetMs: number;
  }
}

export const DEFAULT_PAGE_BUDGET_MS = 5000;

export class OverBudget extends Error {
  constructor(readonly budgetMs: number, readonly line: number) {
    super(`reading the page took over ${budgetMs} ms (stopped at line ${line})`);
  }
}

export function startBudget(file: VFile, budgetMs = DEFAULT_PAGE_BUDGET_MS): void {
  file.data.budgetMs = budgetMs;
  file.data.deadline = performance.now() + budgetMs;
}

/** Throws OverBudget when the page's time is up; `line` says how far reading got. */
export function checkBudget(file: VFile, line: number): void {
  const deadline = file.data.deadline;
  if (deadline !== undefined && performance.now() > deadline) throw new OverBudget(file.data.budgetMs ?? 0, line);
}
