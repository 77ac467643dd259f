/**
 * SQLite (sql.js, wasm) for what StackQL evaluates in its embedded SQLite: loaded lazily on the
 * first statement the fast path cannot answer, once per engine. Rows go in as one JSON parameter
 * read through json_each, so no table is created or filled per query (measured ~4x faster than
 * CREATE/INSERT/DROP of a temp table), and prepared statements are cached by their text.
 */
import type initSqlJs from 'sql.js';

type Database = initSqlJs.Database;
type Statement = initSqlJs.Statement;
export type SqlValue = initSqlJs.SqlValue;

export interface SqliteResult {
  columns: string[];
  rows: SqlValue[][];
}

const CACHE_SIZE = 64;

export class Sqlite {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    // StackQL functions SQLite lacks, and the function behind the REGEXP operator.
    db.create_function('split_part', (text: unknown, delimiter: unknown, index: unknown) => {
      if (text === null || delimiter === null || index === null) return null;
      const parts = String(text).split(String(delimiter));
      const n = Number(index);
      const part = n < 0 ? parts[parts.length + n] : parts[n - 1];
      return part ?? '';
    });
    db.create_function('regexp', (pattern: unknown, value: unknown) => {
      if (pattern === null || value === null) return null;
      try {
        return new RegExp(String(pattern)).test(String(value)) ? 1 : 0;
      } catch {
        return 0;
      }
    });
  }

  /** Runs one statement with positional parameters; throws SQLite's error as an Error. */
  run(sql: string, params: SqlValue[] = []): SqliteResult {
    let statement = this.cache.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.cache.size >= CACHE_SIZE) {
        const [oldest, old] = this.cache.entries().next().value as [string, Statement];
        old.free();
        this.cache.delete(oldest);
      }
      this.cache.set(sql, statement);
    }
    try {
      statement.bind(params);
      const rows: SqlValue[][] = [];
      while (statement.step()) rows.push(statement.get());
      return { columns: statement.getColumnNames(), rows };
    } finally {
      statement.reset();
    }
  }
}

let loading: Promise<typeof initSqlJs extends (...args: never[]) => Promise<infer S> ? S : never> | undefined;

/** Loads sql.js once per process (the wasm module is shared; each engine gets its own database). */
export async function openSqlite(locateFile?: (file: string) => string): Promise<Sqlite> {
  if (loading === undefined) {
    loading = import('sql.js').then((mod) => {
      const init = ((mod as { default?: typeof initSqlJs }).default ?? mod) as typeof initSqlJs;
      return init(locateFile ? { locateFile } : undefined);
    });
    // A failed load (no wasm file) may be retried with another locateFile.
    loading.catch(() => (loading = undefined));
  }
  const SQL = await loading;
  return new Sqlite(new SQL.Database());
}
