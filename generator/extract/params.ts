/**
 * Parameters: the Parameters table where the page has one (newer format), otherwise derived from
 * the names in the Methods table. Then each method's required params are resolved to where their
 * value goes: a documented parameter, a request-body field, or unknown.
 *
 * Resolution rule (documented in the README):
 *  - `data__x` is always a body column;
 *  - a name in the Parameters table is a parameter;
 *  - on pages without a Parameters table, a name that only INSERT/UPDATE/REPLACE methods require
 *    (no SELECT, DELETE or EXEC method names it) is a body field; other names are parameters;
 *  - on pages with a Parameters table, a name missing from it is a body field when it names a
 *    field or a manifest property, else unknown (reported).
 */
import type { VFile } from 'vfile';
import { checkBudget } from '../parse/budget.ts';
import { info, warn } from '../parse/diagnostics.ts';
import { cellCode, inlineToText } from '../parse/inline.ts';
import { cellText } from '../parse/rich-cell.ts';
import { lineOf, type Section } from '../parse/tree.ts';
import type { Field, ManifestNode, Method, Param, ParamResolution } from '../core/model.ts';
import { cellAt, columnsOf, isFieldsTable, tablesIn } from './columns.ts';
import { markRead, markReported } from './coverage.ts';
import { copyFacts, describe, parseDataType, rowType, unusablePattern } from './datatype.ts';
import { unknownType } from '../core/types.ts';

export function readParamsTable(section: Section, file: VFile): Param[] {
  const params: Param[] = [];
  for (const { table } of tablesIn(section)) {
    if (!isFieldsTable(table)) {
      warn(file, 'params/unknown-table', `table with columns [${table.header.join(', ')}] in Parameters was not read`, table);
      markReported(file, table);
      continue;
    }
    markRead(file, table);
    const cols = columnsOf(table);
    for (const row of table.children) {
      checkBudget(file, lineOf(row));
      const nameRaw = cellAt(row, cols.name ?? 0);
      const name = cellCode(nameRaw) || inlineToText(nameRaw) || row.id?.replace(/^parameter-/, '');
      if (!name) {
        warn(file, 'params/row-without-name', 'parameters table row has no name; skipped', row);
        continue;
      }
      const typeRaw = cellAt(row, cols.datatype);
      const rawType = cellCode(typeRaw) ?? inlineToText(typeRaw);
      const dt = parseDataType(rawType);
      const facts = describe(cols.description !== undefined ? cellText(cellAt(row, cols.description)) : '');
      const param: Param = { name, type: dt.type, rawType, description: facts.description, origin: 'table', typeRef: rowType(dt, facts), line: lineOf(row) };
      if (dt.format) param.format = dt.format;
      copyFacts(param, facts);
      const badPattern = unusablePattern(facts);
      if (badPattern) info(file, 'params/unusable-pattern', `parameter '${name}': ${badPattern}`, row);
      params.push(param);
    }
  }
  return params;
}

const BODY_VERBS = new Set(['insert', 'update', 'replace']);

export function resolveParams(
  methods: Method[],
  tableParams: Param[] | undefined,
  fields: Field[],
  manifest: ManifestNode[] | undefined,
  file: VFile,
): Param[] {
  const documented = new Set((tableParams ?? []).map((p) => p.name));
  const fieldNames = new Set(fields.map((f) => f.name));
  const manifestNames = new Set<string>();
  const walk = (nodes: ManifestNode[] | undefined) => nodes?.forEach((n) => (manifestNames.add(n.name), walk(n.props)));
  walk(manifest);
  const namedOutsideBody = new Set<string>();
  for (const m of methods) {
    if (!BODY_VERBS.has(m.verb)) for (const p of [...m.requiredParams, ...m.optionalParams]) namedOutsideBody.add(p);
  }

  const resolve = (name: string, m: Method): ParamResolution => {
    if (name.startsWith('data__')) return 'body';
    if (documented.has(name)) return 'param';
    if (!tableParams) return BODY_VERBS.has(m.verb) && !namedOutsideBody.has(name) ? 'body' : 'param';
    return fieldNames.has(name) || manifestNames.has(name) ? 'body' : 'unknown';
  };

  const derived = new Map<string, Param>();
  for (const m of methods) {
    m.requiredParamsResolved = m.requiredParams.map((name) => {
      const r = resolve(name, m);
      if (r === 'unknown') warn(file, 'methods/unresolved-param', `method '${m.name}' requires '${name}', which is neither a documented parameter nor a body field`, m.line);
      return r;
    });
    if (tableParams) continue;
    m.requiredParams.forEach((name, k) => {
      if (m.requiredParamsResolved[k] === 'param') addDerived(derived, name, m.line);
    });
    for (const name of m.optionalParams) if (!name.startsWith('data__')) addDerived(derived, name, m.line);
  }
  if (tableParams) {
    for (const m of methods) {
      for (const name of m.optionalParams) {
        if (!documented.has(name) && !name.startsWith('data__')) info(file, 'methods/undocumented-optional-param', `method '${m.name}' names optional param '${name}', which has no Parameters row`, m.line);
      }
    }
    return tableParams;
  }
  const list = [...derived.values()];
  if (list.length > 0) info(file, 'params/derived-from-methods', `no Parameters table: ${list.length} parameter(s) known by name from the Methods table, typed string`, list[0].line);
  return list;
}

function addDerived(map: Map<string, Param>, name: string, line: number): void {
  if (map.has(name)) return;
  const param: Param = { name, type: 'string', rawType: '', description: '', origin: 'methods', typeRef: unknownType(), line };
  if (/^[A-Z][A-Za-z]*(-[A-Z][A-Za-z]*)+$/.test(name)) param.in = 'header';
  map.set(name, param);
}
