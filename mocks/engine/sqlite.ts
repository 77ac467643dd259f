/**
 * SQLite (sql.js, wasm) for what StackQL evaluates in its embedded SQLite, behind one async
 * interface with the engine's budgets:
 *  - memory: `PRAGMA hard_heap_limit`, so zeroblob(1e9) or printf('%.*c', 9e8, 'x') fail at once
 *    with "out of memory" instead of growing the process by gigabytes;
 *  - answer size: counted while rows are stepped, so a huge result is refused before it is copied;
 *  - time: in Node the statements run in worker threads (sqlite-thread.ts), killed and replaced when
 *    a statement overruns, so a slow statement never blocks the thread that serves everyone else.
 *    Elsewhere (browsers, or `sqliteThreads: 0`) they run in the calling thread (InThreadSqlite):
 *    there the time budget is checked between result rows and in every call of the mock's own
 *    functions (REGEXP, split_part), which stops row loops; one long single step (a huge sort) is not
 *    interruptible in-thread, and that is the documented limit of that path.
 * Rows go in as one JSON parameter read through json_each, so no table is created or filled per
 * query (measured ~4x faster than CREATE/INSERT/DROP of a temp table).
 */
import type initSqlJs from 'sql.js';
import { asSqliteError, SIZE_MARK, TIME_MARK, type SqliteLimits, type SqliteOptions, type SqliteResult, type SqliteRunner, type SqlValue } from './sqlite-common.ts';

export * from './sqlite-common.ts';

type Database = initSqlJs.Database;
type Statement = initSqlJs.Statement;

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** The runner the options ask for: worker threads in Node unless `threads` is 0, else in-thread. */
export async function openSqlite(options: SqliteOptions): Promise<SqliteRunner> {
  if (isNode && options.threads > 0) {
    const { ThreadedSqlite } = await import('./sqlite-thread.ts');
    return new ThreadedSqlite(options);
  }
  return new InThreadSqlite(await openDatabase(options), options);
}

// ---- in-thread ----------------------------------------------------------------------------

const STATEMENT_CACHE = 64;

let loading: Promise<typeof initSqlJs extends (...args: never[]) => Promise<infer S> ? S : never> | undefined;

/** Loads sql.js once per process (the wasm module is shared; each runner gets its own database). */
async function openDatabase(options: SqliteOptions): Promise<Database> {
  if (loading === undefined) {
    loading = import('sql.js').then((mod) => {
      const init = ((mod as { default?: typeof initSqlJs }).default ?? mod) as typeof initSqlJs;
      return init(options.locateFile ? { locateFile: options.locateFile } : undefined);
    });
    // A failed load (no wasm file) may be retried with another locateFile.
    loading.catch(() => (loading = undefined));
  }
  const SQL = await loading;
  const db = new SQL.Database();
  db.exec(`PRAGMA hard_heap_limit = ${Math.floor(options.maxMemoryBytes)}`);
  return db;
}

/** The same functions the worker threads register (sqlite-thread.ts); a test runs both alike. */
function registerFunctions(db: Database, checkTime: () => void): void {
  // StackQL's split_part, which SQLite lacks.
  db.create_function('split_part', (text: unknown, delimiter: unknown, index: unknown) => {
    checkTime();
    if (text === null || delimiter === null || index === null) return null;
    const parts = String(text).split(String(delimiter));
    const n = Number(index);
    const part = n < 0 ? parts[parts.length + n] : parts[n - 1];
    return part ?? '';
  });
  // The function behind the REGEXP operator; an invalid pattern matches nothing.
  db.create_function('regexp', (pattern: unknown, value: unknown) => {
    checkTime();
    if (pattern === null || value === null) return null;
    try {
      return new RegExp(String(pattern)).test(String(value)) ? 1 : 0;
    } catch {
      return 0;
    }
  });
}

export class InThreadSqlite implements SqliteRunner {
  private readonly cache = new Map<string, Statement>();
  private deadline = Infinity;

  constructor(
    private readonly db: Database,
    private readonly limits: SqliteLimits,
  ) {
    registerFunctions(db, () => {
      if (performance.now() > this.deadline) throw new Error(TIME_MARK);
    });
  }

  async run(sql: string, params: SqlValue[] = []): Promise<SqliteResult> {
    this.deadline = performance.now() + this.limits.timeoutMs;
    try {
      return this.step(this.prepare(sql), params);
    } catch (error) {
      throw asSqliteError(error, this.limits);
    } finally {
      this.deadline = Infinity;
    }
  }

  async close(): Promise<void> {}

  private prepare(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.cache.size >= STATEMENT_CACHE) {
        const [oldest, old] = this.cache.entries().next().value as [string, Statement];
        old.free();
        this.cache.delete(oldest);
      }
      this.cache.set(sql, statement);
    }
    return statement;
  }

  private step(statement: Statement, params: SqlValue[]): SqliteResult {
    try {
      statement.bind(params);
      const rows: SqlValue[][] = [];
      let bytes = 0;
      while (statement.step()) {
        const raw = statement.get();
        bytes += rowBytes(raw);
        if (bytes > this.limits.maxAnswerBytes) throw new Error(SIZE_MARK);
        if (performance.now() > this.deadline) throw new Error(TIME_MARK);
        rows.push(raw.map(cellValue));
      }
      return { columns: statement.getColumnNames(), rows };
    } finally {
      statement.reset();
    }
  }
}

// ---- shared -------------------------------------------------------------------------------

/** A cell as the answer holds it: blobs as base64 text. */
function cellValue(value: initSqlJs.SqlValue): SqlValue {
  if (value instanceof Uint8Array) return base64(value);
  return value;
}

function base64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** About how many bytes a row adds to the JSON answer (blobs as base64); key names are left to the caller's check. */
function rowBytes(row: readonly initSqlJs.SqlValue[]): number {
  let bytes = 2;
  for (const v of row) bytes += typeof v === 'string' ? v.length + 3 : v instanceof Uint8Array ? Math.ceil(v.byteLength / 3) * 4 + 3 : 12;
  return bytes;
}
