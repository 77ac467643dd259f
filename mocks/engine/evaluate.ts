/**
 * Values written by INSERT and UPDATE: constants, folded in JS when simple (a literal, `-5`,
 * `'a' || 'b'`), otherwise evaluated by SQLite as `SELECT <expr>` (json_object(...), replace(...),
 * ...), as StackQL would. A value may not read columns: there is no row to read them from.
 */
import type { Expr } from '../../generator/core/sql/index.ts';
import { errors } from './errors.ts';
import { renderExpr } from './render-sql.ts';
import { forEachColumn, literalValue } from './resolve.ts';
import type { Sqlite } from './sqlite.ts';

/** Thrown when a statement needs SQLite and it is not loaded yet: the executor loads it and retries. */
export class NeedSqlite extends Error {
  constructor() {
    super('SQLite is needed');
  }
}

export function evaluateConstant(expr: Expr, column: string, sqlite: Sqlite | undefined): unknown {
  const folded = fold(expr);
  if (folded !== NOT_FOLDED) return folded;
  forEachColumn(expr, (c) => {
    if (!c.doubleQuoted || c.table !== undefined) throw errors.notConstant(column);
  });
  if (sqlite === undefined) throw new NeedSqlite();
  const sql = `SELECT ${renderExpr(expr, (c) => `'${c.name.replaceAll("'", "''")}'`)}`;
  try {
    return sqlite.run(sql).rows[0]?.[0] ?? null;
  } catch (error) {
    throw errors.sqlite((error as Error).message);
  }
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
