/**
 * SELECT on a view (a resource of kind `view` with a definition): the view's own WHERE gives its
 * params, which take the place of the placeholders in its SQLite definition (`subscriptionId =
 * 'replace-me'`); the definition then runs as an ordinary SELECT on the base resource (its rows,
 * generated and INSERTed alike), and the statement is evaluated on what the definition returned.
 * So a view shows what was written to its base, as StackQL's views do.
 */
import type { Literal, Predicate, SelectStatement } from '../../generator/core/sql/index.ts';
import type { ViewSql } from '../../generator/core/model.ts';
import { viewStatement } from '../../generator/core/example-statement.ts';
import type { ResourceInfo } from './catalog.ts';
import { errors } from './errors.ts';
import { planSelect, project, runSelect, type ExecContext } from './select.ts';
import type { Row } from './types.ts';

/** Any SELECT: on a view with a definition through it, otherwise on the resource itself. */
export function runSelectStatement(ctx: ExecContext, stmt: SelectStatement): Row[] {
  const info = ctx.catalog.resolve(stmt.target.parts);
  const view = info.resource.view;
  if (view === undefined || view.definitions.length === 0) return runSelect(ctx, stmt);
  return runViewSelect(ctx, stmt, info, runnableDefinition(ctx, info));
}

/** The definition SQLite runs: the `Sqlite…` tab, or the only, untabbed one. */
function runnableDefinition(ctx: ExecContext, info: ResourceInfo): SelectStatement {
  const defs = info.resource.view!.definitions;
  const def: ViewSql | undefined = defs.find((d) => /sqlite/i.test(d.backend)) ?? (defs.length === 1 && defs[0]!.backend === '' ? defs[0] : undefined);
  if (def === undefined) throw errors.viewNotRunnable(info.id, `its page gives no SQLite definition (backends: ${defs.map((d) => d.backend || 'untabbed').join(', ')})`);
  const statement = viewStatement(def);
  if (statement === undefined) throw errors.viewNotRunnable(info.id, `its ${def.backend || 'untabbed'} definition did not parse (${def.parseError ?? 'not a SELECT'})`);
  const base = statement.target.parts.join('.');
  if (!ctx.catalog.has(base)) throw errors.viewNotRunnable(info.id, `it reads ${base}, which is not in the model (its page is missing or was excluded)`);
  return statement;
}

function runViewSelect(ctx: ExecContext, stmt: SelectStatement, info: ResourceInfo, definition: SelectStatement): Row[] {
  const plan = planSelect(info, stmt);
  const baseRows = runSelect(ctx, { ...definition, where: definition.where.map((p) => withParam(p, plan.params)) });
  return project(ctx, plan.source, plan.projection, baseRows);
}

/** A definition's `name = <placeholder>` with the value the statement gave for that name. */
function withParam(p: Predicate, params: ReadonlyMap<string, string>): Predicate {
  const value = p.name === undefined ? undefined : params.get(p.name);
  if (value === undefined || (p.op !== undefined && p.op !== '=') || p.expr.type !== 'binary') return p;
  const literal: Literal = { type: 'string', value };
  return { ...p, value: literal, expr: { ...p.expr, right: { type: 'literal', value: literal } } };
}
