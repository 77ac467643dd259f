/**
 * What both SQLite runners share (sqlite.ts in-thread, sqlite-thread.ts in worker threads): the
 * result and option types, and how a budget stop or SQLite's own error becomes a SqliteError.
 */
/** What a result cell can be: blobs come back as base64 text, as a Go JSON encoder writes []byte. */
export type SqlValue = string | number | null;

export interface SqliteResult {
  columns: string[];
  rows: SqlValue[][];
}

export interface SqliteLimits {
  /** Wall time one statement may take. */
  timeoutMs: number;
  /** Approximate JSON size of a result. */
  maxAnswerBytes: number;
  /** SQLite's heap (`PRAGMA hard_heap_limit`): the rows handed over count too. */
  maxMemoryBytes: number;
}

export interface SqliteOptions extends SqliteLimits {
  /** Worker threads in Node (default 2); 0 runs SQLite in the calling thread. Ignored outside Node. */
  threads: number;
  /** Where sql.js finds its wasm file (browsers; Node finds it in node_modules). */
  locateFile?: ((file: string) => string) | undefined;
}

/** A statement refused by a budget (or by SQLite itself): the executor turns it into an answer. */
export class SqliteError extends Error {
  constructor(
    message: string,
    /** Which budget stopped it; undefined for SQLite's own errors. */
    readonly budget?: 'statement-time' | 'answer-size' | 'sqlite-memory',
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

export interface SqliteRunner {
  /** Runs one statement with positional parameters. Rejects with SqliteError. */
  run(sql: string, params?: SqlValue[]): Promise<SqliteResult>;
  /** Stops worker threads (if any); the runner starts them again on the next run. */
  close(): Promise<void>;
}

/** Markers a budget check throws from inside SQLite's step loop or a function, found again in the error. */
export const TIME_MARK = 'mock budget: statement time';
export const SIZE_MARK = 'mock budget: answer size';

/** What SQLite or a budget check threw, as a SqliteError saying which budget (if any) stopped it. */
export function asSqliteError(error: unknown, limits: SqliteLimits): SqliteError {
  if (error instanceof SqliteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes(TIME_MARK)) return budgetError('statement-time', limits);
  if (message.includes(SIZE_MARK)) return budgetError('answer-size', limits);
  if (/out of memory|string or blob too big/i.test(message)) return budgetError('sqlite-memory', limits);
  return new SqliteError(message);
}

export function budgetError(budget: NonNullable<SqliteError['budget']>, limits: SqliteLimits): SqliteError {
  switch (budget) {
    case 'statement-time':
      return new SqliteError(`the statement ran longer than the mock's time budget of ${limits.timeoutMs} ms (statementTimeoutMs) and was stopped`, budget);
    case 'answer-size':
      return new SqliteError(`the answer would be larger than the mock's budget of ${limits.maxAnswerBytes} bytes (maxAnswerBytes): select fewer rows or columns`, budget);
    case 'sqlite-memory':
      return new SqliteError(`the statement needs more than the mock's SQLite memory budget of ${limits.maxMemoryBytes} bytes (maxSqliteMemoryBytes)`, budget);
  }
}

