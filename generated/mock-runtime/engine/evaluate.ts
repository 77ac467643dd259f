/**
 * Values written by INSERT and UPDATE: constants, folded in JS when simple (a literal, `-5`,
 * `'a' || 'b'`), otherwise evaluated by SQLite as `SELECT <expr>` (json_object(...), replace(...),
 * ...), as StackQL would. A value may not read columns: there is no row to read them from.
 *
 * SQLite answers asynchronously (in a worker thread, under a time budget: sqlite.ts), while a
 * statement runs synchronously inside a store transaction. The two meet through SqliteAnswers: the
 * statement asks for what it needs; what is not there yet is collected and the statement stops with
 * NeedSqlite; the executor rolls back, has SQLite answer, and runs the statement again, which now
 * finds its answers. The answers are keyed by the exact SQL and parameters (the rows included), so a
 * store changed by another client in between asks for new ones instead of using stale ones.
 */
import type { Expr } from '../../core/sql/index.js';
import { errors } from './errors.js';
import { renderExpr } from './render-sql.js';
import { forEachColumn, literalValue } from './resolve.js';
import type { SqliteResult, SqlValue } from './sqlite.js';

export interface SqliteJob {
  key: string;
  sql: string;
  params: SqlValue[];
}

/** Thrown when a statement needs SQLite answers it does not have yet: the executor gets them and runs it again. */
export class NeedSqlite extends Error {
  constructor(readonly jobs: SqliteJob[]) {
    super('SQLite is needed');
  }
}

/** SQLite answers for one statement, computed ahead by the executor; see the module comment. */
export class SqliteAnswers {
  /** SQLite's answers by job key; made with the first one (most statements need none: a Map per statement was garbage). */
  private known: Map<string, SqliteResult> | undefined;
  /** Made when a first job is noted: most statements need none (one per statement is garbage). */
  private pending: SqliteJob[] | undefined;
  private pendingKeys: Set<string> | undefined;

  /** The answer when it is known; otherwise the job is noted (see flush) and undefined returned. */
  lookup(sql: string, params: SqlValue[] = []): SqliteResult | undefined {
    const key = params.length === 0 ? sql : `${sql}\u0000${params.join('\u0000')}`;
    const answer = this.known?.get(key);
    if (answer === undefined && !this.pendingKeys?.has(key)) {
      (this.pendingKeys ??= new Set()).add(key);
      (this.pending ??= []).push({ key, sql, params });
    }
    return answer;
  }

  /** Keeps SQLite's answer to a job. */
  set(key: string, answer: SqliteResult): void {
    (this.known ??= new Map()).set(key, answer);
  }

  /** Whether any answer came from SQLite. */
  get used(): boolean {
    return this.known !== undefined;
  }

  /** The answer, or NeedSqlite for it and everything noted before. */
  run(sql: string, params: SqlValue[] = []): SqliteResult {
    const answer = this.lookup(sql, params);
    if (answer === undefined) this.flush();
    return answer!;
  }

  /** Throws NeedSqlite when answers were asked for that are not known yet. */
  flush(): void {
    const jobs = this.pending;
    if (jobs === undefined || jobs.length === 0) return;
    this.pending = undefined;
    this.pendingKeys = undefined;
    throw new NeedSqlite(jobs);
  }
}

/** The constant values of INSERT VALUES or UPDATE SET, by column; all SQLite work asked for at once. */
export function evaluateValues(items: readonly { column: string; value: Expr }[], sqlite: SqliteAnswers): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const { column, value } of items) values.set(column, ownString(evaluateConstant(value, column, sqlite)));
  sqlite.flush();
  return values;
}

/**
 * V8 makes a substring of 13 characters or more a view into its parent (a "sliced" string), and
 * a string literal's value is one: of the statement, itself a view into the request body. A row
 * that kept such a value would keep the whole request alive, for as long as the row is stored: a
 * few hundred bytes more per inserted row for the garbage collector to copy and mark. Values that
 * are stored get a string of their own (JSON.parse makes a fresh one; the same characters, lone
 * surrogates included). Shorter strings are copies already.
 *
 * And a value stored again is the string stored before, not one more copy: rows written one after
 * another repeat most of their values (a zone, a machine type, a status), and each copy would be
 * one more object per row for every scavenge to copy and promote. `recent` remembers the last
 * string of each of its slots (a slot by length and three characters: no hash of the whole
 * string); a value equal to its slot's is answered with it. A miss costs one comparison and a copy
 * as before; values longer than INTERN_MAX are only copied.
 */
export function ownString<T>(value: T): T {
  if (typeof value !== 'string' || value.length === 0) return value;
  const n = value.length;
  if (n > INTERN_MAX) return JSON.parse(JSON.stringify(value)) as T;
  const slot = (n * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(n >> 1) * 3 + value.charCodeAt(n - 1)) & (recent.length - 1);
  const seen = recent[slot];
  if (seen === value) return seen as T;
  const own = n >= 13 ? (JSON.parse(JSON.stringify(value)) as string) : value;
  recent[slot] = own;
  return own as T;
}

const INTERN_MAX = 256;
/** ownString's strings, by slot (a power of two). */
const recent: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);

/** One value: folded, or SQLite's answer (undefined until known: callers go through evaluateValues). */
function evaluateConstant(expr: Expr, column: string, sqlite: SqliteAnswers): unknown {
  const folded = fold(expr);
  if (folded !== NOT_FOLDED) return folded;
  forEachColumn(expr, (c) => {
    if (!c.doubleQuoted || c.table !== undefined) throw errors.notConstant(column);
  });
  const sql = `SELECT ${renderExpr(expr, (c) => `'${c.name.replaceAll("'", "''")}'`)}`;
  const answer = sqlite.lookup(sql);
  return answer === undefined ? undefined : (answer.rows[0]?.[0] ?? null);
}

const NOT_FOLDED = Symbol('not folded');

function fold(expr: Expr): unknown {
  switch (expr.type) {
    case 'literal':
      return literalValue(expr.value);
    case 'paren':
      return fold(expr.expr);
    case 'column':
      // SQLite reads a "double-quoted" name that is no column as a string, and the docs rely on it.
      return expr.doubleQuoted && expr.table === undefined ? expr.name : NOT_FOLDED;
    case 'unary': {
      const v = fold(expr.operand);
      if (v === NOT_FOLDED) return v;
      if (expr.op === '-' && typeof v === 'number') return -v;
      if (expr.op === '+' && typeof v === 'number') return v;
      return NOT_FOLDED;
    }
    case 'binary': {
      if (expr.op !== '||') return NOT_FOLDED;
      const l = fold(expr.left);
      const r = fold(expr.right);
      if (l === NOT_FOLDED || r === NOT_FOLDED) return NOT_FOLDED;
      if (l === null || r === null) return null;
      return `${text(l)}${text(r)}`;
    }
    default:
      return NOT_FOLDED;
  }
}

const text = (v: unknown) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
