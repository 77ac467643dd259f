/**
 * The engine's budgets: what one statement may cost and what the store may hold. They live in the
 * engine, not in a transport, so every front (the HTTP server, msw, the Postgres-wire front) gets the
 * same protection. Walks here are iterative: the values they look at are the hostile ones.
 */
import { EngineError } from './errors.ts';

export interface MockLimits {
  /** Approximate JSON size of one answer's rows (default 32 MiB). */
  maxAnswerBytes: number;
  /** Nesting depth of a stored value: `{"a": {"b": 1}}` is 2 deep (default 64). */
  maxValueDepth: number;
  /** Wall time of the SQLite part of one statement (default 5 s). */
  statementTimeoutMs: number;
  /** SQLite's heap, the rows a statement hands it included (default 128 MiB). */
  maxSqliteMemoryBytes: number;
  /** Rows one `GET /__mock/state` answer (or one `snapshot()`) may carry (default 10,000). */
  maxStateRows: number;
  /** UTF-8 bytes of one statement's text, refused before it is lexed (default 256 KiB). */
  maxStatementBytes: number;
}

export const DEFAULT_LIMITS: Readonly<MockLimits> = Object.freeze({
  maxAnswerBytes: 32 * 1024 * 1024,
  maxValueDepth: 64,
  statementTimeoutMs: 5_000,
  maxSqliteMemoryBytes: 128 * 1024 * 1024,
  maxStateRows: 10_000,
  // Measured in bench/statement-size.ts (bench/RESULTS.md): the largest ```sql block of the corpus
  // (35,861 blocks) is 5.2 KiB, the 99.9th percentile 2.4 KiB; parsing costs up to 0.5 ms per KiB
  // (an AND chain; a long string literal 0.01). At 256 KiB, 49 times the largest doc statement and
  // room for large @@json bodies, the worst statement blocks the calling thread about 140 ms (the
  // rest of its second runs in SQLite's threads, under statementTimeoutMs); at 1 MiB it was 740 ms.
  maxStatementBytes: 256 * 1024,
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
  /** `narrow` says how this front narrows or raises it: query parameters, or snapshot()'s options. */
  stateRows: (rows: number, limit: number, narrow = 'ask for one resource with ?resource=<id>, or raise ?limit=') =>
    new EngineError(413, `the state holds ${rows} rows, more than the ${limit} one answer carries (maxStateRows): ${narrow}`, 'budget/state-rows'),
  statementSize: (bytes: number, limit: number) =>
    new EngineError(
      400,
      `the statement is ${bytes} bytes, more than the mock's limit of ${limit} bytes (maxStatementBytes): it was not parsed`,
      'budget/statement-size',
    ),
};

/** The UTF-8 length of `text`, without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Refuses a statement longer than `limit` UTF-8 bytes. A string never has more UTF-16 units than
 * UTF-8 bytes, nor more than three bytes per unit: short ones are not counted. The count of a
 * long one is a linear scan (about 1 ms per MiB), far cheaper than lexing it.
 */
export function checkStatementSize(text: string, limit: number): void {
  if (text.length * 3 <= limit) return;
  const bytes = utf8Bytes(text);
  if (bytes > limit) throw budgetErrors.statementSize(bytes, limit);
}

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
