/**
 * The engine's budgets: what one statement may cost and what the store may hold. They live in the
 * engine, not in a transport, so every front (the HTTP server, msw, the Postgres-wire front) gets the
 * same protection. Walks here are iterative: the values they look at are the hostile ones.
 */
import { EngineError } from './errors.js';

export interface MockLimits {
  /** Approximate JSON size of one answer's rows (default 32 MiB). */
  maxAnswerBytes: number;
  /** Nesting depth of a stored value: `{"a": {"b": 1}}` is 2 deep (default 64). */
  maxValueDepth: number;
  /** Wall time of the SQLite part of one statement (default 5 s). */
  statementTimeoutMs: number;
  /** SQLite's heap, the rows a statement hands it included (default 128 MiB). */
  maxSqliteMemoryBytes: number;
  /** Rows one `GET /__mock/state` answer may carry before it asks for `?resource=` (default 10,000). */
  maxStateRows: number;
}

export const DEFAULT_LIMITS: Readonly<MockLimits> = Object.freeze({
  maxAnswerBytes: 32 * 1024 * 1024,
  maxValueDepth: 64,
  statementTimeoutMs: 5_000,
  maxSqliteMemoryBytes: 128 * 1024 * 1024,
  maxStateRows: 10_000,
});

/** The defaults with `given` applied; each must be a positive integer. */
export function resolveLimits(given: Partial<MockLimits> | undefined): MockLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new TypeError(`limits.${name} must be a positive integer`);
  }
  // setTimeout cannot wait longer than 2^31 - 1 ms: a larger budget would mean none.
  if (limits.statementTimeoutMs > MAX_TIMER_MS) throw new TypeError(`limits.statementTimeoutMs must be at most ${MAX_TIMER_MS}`);
  return limits;
}

/** The longest delay setTimeout honours; longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const budgetErrors = {
  answerSize: (limit: number) =>
    new EngineError(400, `the answer would be larger than the mock's budget of ${limit} bytes (maxAnswerBytes): select fewer rows or columns`, 'budget/answer-size'),
  valueDepth: (limit: number, where: string) =>
    new EngineError(400, `${where} is nested deeper than ${limit} levels (maxValueDepth): not stored`, 'budget/value-depth'),
  stateRows: (rows: number, limit: number) =>
    new EngineError(
      413,
      `the state holds ${rows} rows, more than the ${limit} one answer carries (maxStateRows): ask for one resource with ?resource=<id>, or raise ?limit=`,
      'budget/state-rows',
    ),
};

/**
 * About how many bytes `JSON.stringify(value)` would take, counting strings by their length (so
 * escapes and multi-byte characters are under-counted: a budget, not a measurement). Stops counting
 * once past `limit`, so a check of a huge value costs no more than the limit.
 */
export function jsonBytes(value: unknown, limit = Infinity): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'bigint') bytes += 12;
    else if (typeof v === 'boolean') bytes += 5;
    else if (v === null || v === undefined) bytes += 4;
    else if (Array.isArray(v)) {
      bytes += 2 + v.length;
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (typeof v === 'object') {
      bytes += 2;
      for (const key in v) {
        bytes += key.length + 4;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
    if (bytes > limit) return bytes;
  }
  return bytes;
}

/** Throws the value-depth error when `value` nests deeper than `limit` (objects and arrays count). */
export function checkDepth(value: unknown, limit: number, where: string): void {
  if (typeof value !== 'object' || value === null) return;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > limit) throw budgetErrors.valueDepth(limit, where);
    const children = Array.isArray(v) ? v : Object.values(v as object);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
}

/** checkDepth over each field of a row, naming the field. */
export function checkRowDepth(row: Record<string, unknown>, limit: number, resource: string): void {
  for (const key in row) {
    const v = row[key];
    if (typeof v === 'object' && v !== null) checkDepth(v, limit, `the value of '${key}' in ${resource}`);
  }
}
