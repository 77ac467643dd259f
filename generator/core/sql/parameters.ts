/**
 * How a WHERE conjunct passes a parameter to StackQL: `name = value` (or `value = name`), the name
 * a column reference, the value a literal. Split from the parser, which only calls asParameter.
 */
import type { Expr, Literal, Predicate } from './ast.ts';
import { stringLiteral } from './placeholders.ts';

/** Comparison operators mirrored: `'x' < a` is `a > 'x'`. */
const FLIPPED: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=', '!=': '!=', '<>': '<>' };

type ColumnExpr = Extract<Expr, { type: 'column' }>;


/**
 * `name <op> value` (or `value <op> name`, op mirrored) with a literal value: the shape in which a
 * WHERE clause passes a parameter.
 */
export function asParameter(expr: Expr, templates: boolean): Pick<Predicate, 'name' | 'op' | 'value'> | undefined {
  if (expr.type !== 'binary') return undefined;
  const { op } = expr;
  const isPattern = op === 'LIKE' || op === 'NOT LIKE';
  if (FLIPPED[op] === undefined && !isPattern) return undefined;
  const left = parameterName(expr.left);
  const right = parameterName(expr.right);
  if (left !== undefined) {
    const value = parameterValue(expr.right, templates);
    if (value !== undefined) return { name: left, op, value };
  }
  if (right !== undefined && !isPattern && expr.left.type === 'literal') {
    return { name: right, op: FLIPPED[op]!, value: expr.left.value };
  }
  return undefined;
}

/**
 * The parameter a column reference names, dotted path included. Google's BigQuery parameters are
 * documented as `+datasetId` (from the `{+datasetId}` URL template) and the docs write
 * `+datasetId = '...'`: a unary plus on a column, which names the parameter `+datasetId`.
 */
function parameterName(expr: Expr): string | undefined {
  if (expr.type === 'unary' && expr.op === '+' && expr.operand.type === 'column') {
    const name = parameterName(expr.operand);
    return name === undefined ? undefined : `+${name}`;
  }
  if (expr.type !== 'column') return undefined;
  return expr.table === undefined ? expr.name : `${expr.table}.${expr.name}`;
}

/** A literal, or a "double-quoted" name standing for a string as SQLite reads it (see ColumnExpr.doubleQuoted). */
function parameterValue(expr: Expr, templates: boolean): Literal | undefined {
  if (expr.type === 'literal') return expr.value;
  if (isDoubleQuotedString(expr)) return stringLiteral(expr.name, `"${expr.name.replaceAll('"', '""')}"`, templates);
  return undefined;
}

function isDoubleQuotedString(expr: Expr): expr is ColumnExpr {
  return expr.type === 'column' && expr.doubleQuoted === true && expr.table === undefined;
}
