/**
 * Methods the docs make impossible to call or to tell apart: reported by `generate` (as page
 * diagnostics, extract/resource.ts) and skipped, with the same reason, by the contract suites
 * (core/build-contract-spec.ts).
 */
import type { Example, Method, Param, Resource } from './model.js';
import { givenNames, missingParams } from './required-params.js';
import { SQL_FUNCTIONS, functionsCalled } from './sql/functions.js';
import { statementShape } from './statement-shape.js';
import { exampleStatement } from './example-statement.js';
import type { Statement } from './sql/index.js';

export interface MethodDefect {
  method: Method;
  severity: 'warning';
  code: 'methods/ambiguous-select' | 'methods/delete-without-where' | 'methods/select-not-supported';
  message: string;
}

const paramSet = (m: Method) => [...new Set(m.requiredParams)].sort().join('\u0000');

/** SELECT methods whose required params are another SELECT's: a statement cannot say which of them it means. */
export function ambiguousSelects(methods: readonly Method[]): Map<Method, Method[]> {
  const out = new Map<Method, Method[]>();
  const selects = methods.filter((m) => m.verb === 'select' && !m.duplicate);
  for (const m of selects) {
    const same = selects.filter((o) => o !== m && o.name !== m.name && paramSet(o) === paramSet(m));
    if (same.length > 0) out.set(m, same);
  }
  return out;
}

/** Why a SELECT method cannot be called: the page says SELECT is not supported, yet lists it. */
export function selectNotSupported(resource: { selectNotSupported?: boolean }, method: Method): string | undefined {
  if (!resource.selectNotSupported || method.verb !== 'select') return undefined;
  return `the page says SELECT is not supported for this resource, yet lists SELECT method '${method.name}'`;
}

export function methodDefects(methods: readonly Method[], examples: readonly Example[], page: { selectNotSupported?: boolean } = {}): MethodDefect[] {
  const out: MethodDefect[] = [];
  for (const m of methods) {
    const why = selectNotSupported(page, m);
    if (why) out.push({ method: m, severity: 'warning', code: 'methods/select-not-supported', message: why });
  }
  for (const [m, same] of ambiguousSelects(methods)) {
    out.push({
      method: m,
      severity: 'warning', code: 'methods/ambiguous-select',
      message: `SELECT method '${m.name}' takes the same required params as ${same.map((o) => `'${o.name}'`).join(', ')}: a statement cannot tell them apart, so SELECT * cannot be checked against its fields`,
    });
  }
  for (const m of methods) {
    if (m.verb !== 'delete' || m.requiredParams.length > 0 || m.optionalParams.length > 0) continue;
    const withWhere = examples.some((e) => e.method === m.name && ((st) => st?.kind === 'delete' && st.where.length > 0)(exampleStatement(e)));
    if (!withWhere) out.push({ method: m, severity: 'warning', code: 'methods/delete-without-where', message: `DELETE method '${m.name}' names no param and its example no WHERE: there is nothing to say which row to delete` });
  }
  return out;
}

/** Why a docs' example cannot run on StackQL: it calls functions StackQL's SQL does not have; undefined when it can. */
export function unknownFunctions(example: Example): string | undefined {
  const st = exampleStatement(example);
  if (!st) return undefined;
  const unknown = functionsCalled(st).filter((name) => !SQL_FUNCTIONS.has(name));
  if (unknown.length === 0) return undefined;
  return `it calls ${unknown.map((n) => `${n}()`).join(', ')}, which StackQL's SQL does not have`;
}

/**
 * Why a docs' example on its own resource cannot run: no method of its verb gets every required
 * param from it (WHERE, INSERT columns, `@params`, `@@json` keys; SET only body params, see
 * required-params.ts); StackQL refuses it, naming
 * what is missing. Undefined when one does.
 */
export function missingRequired(example: Example, resourceId: string, methods: readonly Method[], params: readonly Param[] = []): string | undefined {
  const st = exampleStatement(example);
  if (!st || example.target || st.kind === 'show' || st.kind === 'describe') return undefined;
  if (st.target.parts.slice(0, 3).join('.').toLowerCase() !== resourceId.toLowerCase()) return undefined;
  if ((st.kind === 'select' && st.joins?.length) || (st.kind === 'insert' && st.select)) return undefined;
  const verb = st.kind;
  const candidates = verb === 'exec' ? methods.filter((m) => m.verb === 'exec' && m.name === st.target.parts[3]) : methods.filter((m) => m.verb === verb);
  if (candidates.length === 0) return undefined;
  const names = givenNames(statementShape(st));
  const place = (name: string) => params.find((p) => p.name === name)?.in;
  const missing = candidates.map((m) => missingParams(m, names, place));
  if (missing.some((left) => left.length === 0)) return undefined;
  const needs = candidates.map((m, i) => `${m.name} needs ${missing[i]!.join(', ')}`);
  return `it leaves out a required param of every ${verb.toUpperCase()} method (${needs.join('; ')})`;
}

/**
 * Why a docs' SELECT example on its own resource cannot run: an expression in its column list
 * reads a column the resource does not have (aws `storage_lens_configuration/id`, a path written
 * unquoted, reads as a division by a column `id`), on the resource or on a view of it without a page. Plain columns are not checked: a column only
 * an example names is a column of the row. Undefined when every column is known.
 */
export function unknownColumnsRead(example: Example, resource: Pick<Resource, 'id' | 'fields' | 'params' | 'methods'>): string | undefined {
  const st = exampleStatement(example);
  if (!st || st.kind !== 'select' || st.joins?.length || resource.fields.length === 0) return undefined;
  // On a view without a page (`*_list_only`) the columns are the resource's too: the same check.
  if (st.target.parts.slice(0, 3).join('.').toLowerCase() !== (example.target ?? resource.id).toLowerCase()) return undefined;
  const known = new Set<string>([...resource.fields.map((f) => f.name), ...resource.params.map((p) => p.name)]);
  for (const m of resource.methods) for (const p of [...m.requiredParams, ...m.optionalParams]) known.add(p);
  for (const c of st.columns) if (c.expr.type === 'column') known.add(c.expr.name);
  for (const c of st.columns) if (c.alias) known.add(c.alias);
  const unknown = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const r = node as { type?: string; name?: string; table?: string; doubleQuoted?: boolean };
    if (r.type === 'column' && r.table === undefined && !r.doubleQuoted && r.name !== undefined && !known.has(r.name)) unknown.add(r.name);
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
  };
  for (const c of st.columns) if (c.expr.type !== 'column') walk(c.expr);
  if (unknown.size === 0) return undefined;
  return `it reads ${[...unknown].map((n) => `'${n}'`).join(', ')}, which the resource does not have`;
}

/** JSON Schema's type names, as some page generations write them where a SET value belongs. */
const SCHEMA_TYPE_WORDS = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array']);

/** A SET value written as a schema type word: the column it is for and the word. */
export interface TypeWordValue {
  column: string;
  word: string;
}

/**
 * The SET values of an UPDATE/REPLACE written as a bare schema type word (`goal = number`): where a
 * property is no string, some page generations put its type where the `{{ goal }}` placeholder
 * belongs. As SQL it reads a column `number`, which StackQL cannot do in SET (the mock refuses it
 * too), so generate reports it and the examples are run with a sample of that type
 * (sample-values.ts). The grammar itself reads it as the valid SQL it is.
 */
export function typeWordValues(statement: Statement | undefined): TypeWordValue[] {
  if (statement?.kind !== 'update' && statement?.kind !== 'replace') return [];
  const out: TypeWordValue[] = [];
  for (const { column, value } of statement.set) {
    if (value.type === 'column' && value.table === undefined && !value.doubleQuoted && SCHEMA_TYPE_WORDS.has(value.name)) out.push({ column, word: value.name });
  }
  return out;
}
