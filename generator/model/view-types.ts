/**
 * A view's fields typed from its base resource, once every page is read: a view's page gives only
 * its definition (`name as bucket_name`, `JSON_EXTRACT(properties, '$.a.b') as "b"`), so a column
 * that is a base field (or a path into a base field's children) takes that field's type, and a
 * base param is a string. Anything else (an expression over several columns) stays `unknown`.
 */
import type { Expr } from '../core/sql/index.ts';
import type { Field, Resource } from '../core/model.ts';
import { viewStatement } from '../core/example-statement.ts';

export interface ViewTyping {
  resource: Resource;
  /** Fields that took a type from the base. */
  typed: number;
}

/** The view with its fields typed from `base` (a new object; the view is not changed). */
export function typeViewFields(view: Resource, base: Resource): ViewTyping {
  const definition = view.view?.definitions.map(viewStatement).find((s) => s !== undefined);
  if (!definition) return { resource: view, typed: 0 };
  const exprByName = new Map<string, Expr>();
  for (const c of definition.columns) {
    const name = c.alias ?? (c.expr.type === 'column' ? c.expr.name : c.text);
    if (!exprByName.has(name)) exprByName.set(name, c.expr);
  }
  let typed = 0;
  const fields = view.fields.map((f): Field => {
    const expr = exprByName.get(f.name);
    const source = expr ? sourceOf(expr, base) : undefined;
    if (!source) return f;
    typed++;
    const { name: _name, line: _line, description, ...type } = source;
    return { ...f, ...type, description: description || f.description };
  });
  // The view's params are the base's, compared in its definition: they take the base's types.
  const params = view.params.map((p) => {
    const same = base.params.find((b) => b.name === p.name);
    return same ? { ...p, type: same.type, rawType: same.rawType, typeRef: same.typeRef, description: p.description || same.description } : p;
  });
  return { resource: { ...view, fields, params }, typed };
}

/** The base field (or child) a view column reads, or a param as a string field. */
function sourceOf(expr: Expr, base: Resource): Field | undefined {
  if (expr.type === 'column') {
    const field = base.fields.find((f) => f.name === expr.name);
    if (field) return field;
    const param = base.params.find((p) => p.name === expr.name);
    return param ? { name: param.name, type: param.type, rawType: param.rawType, description: param.description, typeRef: param.typeRef, line: param.line } : undefined;
  }
  // JSON_EXTRACT(column, '$.a.b'): a path into the column's documented children.
  if (expr.type === 'call' && expr.name.toLowerCase() === 'json_extract' && expr.args.length === 2) {
    const [column, path] = expr.args;
    if (column.type !== 'column' || path.type !== 'literal' || path.value.type !== 'string') return undefined;
    const steps = /^\$((?:\.[A-Za-z_$][\w$-]*)+)$/.exec(path.value.value)?.[1].slice(1).split('.');
    let field = base.fields.find((f) => f.name === column.name);
    for (const step of steps ?? []) field = field?.children?.find((c) => c.name === step);
    return steps && field ? field : undefined;
  }
  return undefined;
}
