/**
 * Parameters documented apart from the Parameters table: awscc's "Additional Parameters" section
 * (`ClientToken`, `RoleArn`, `TypeVersionId`), as a table (`Parameter | Description`) or a bullet
 * list (`- `ClientToken`: ...`). The prose around them says which statements take them ("supplied
 * with `INSERT`, `UPDATE`, or `DELETE` operations"): those methods get them as optional params.
 */
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { checkBudget } from '../parse/budget.ts';
import { info, warn } from '../parse/diagnostics.ts';
import { cellCode, inlineToText } from '../parse/inline.ts';
import { cellText } from '../parse/rich-cell.ts';
import { lineOf, type Prose, type Section, type Table } from '../parse/tree.ts';
import { VERBS, type Method, type Param, type Verb } from '../core/model.ts';
import { cellAt, columnsOf } from './columns.ts';
import { markRead, markReported } from './coverage.ts';
import { describe, parseDataType, rowType } from './datatype.ts';
import { unknownType } from '../core/types.ts';

export interface ExtraParams {
  params: Param[];
  /** The statements the prose says take them; empty when it names none. */
  verbs: Verb[];
  line: number;
}

const BULLET = /^\s*[-*+]\s+(.*)$/;

export function readExtraParams(section: Section, file: VFile): ExtraParams {
  const out: ExtraParams = { params: [], verbs: [], line: lineOf(section) };
  const add = (name: string, rawType: string, description: string, line: number) => {
    if (out.params.some((p) => p.name === name)) return;
    const dt = parseDataType(rawType);
    // The docs say nothing of the type without a Datatype column: typeRef unknown, as a name known
    // only from the Methods table is until a field of its name says more.
    const param: Param = { name, type: rawType === '' ? 'string' : dt.type, rawType, description, origin: 'table', typeRef: rawType === '' ? unknownType() : rowType(dt, describe(description)), line };
    if (dt.format) param.format = dt.format;
    out.params.push(param);
  };
  visit(section, (node) => {
    if (node.type === 'prose') {
      const prose = node as Prose;
      for (const verb of VERBS) if (!out.verbs.includes(verb) && mentionsVerb(prose.value, verb)) out.verbs.push(verb);
      prose.value.split('\n').forEach((text, k) => {
        const item = BULLET.exec(text)?.[1];
        if (item === undefined) return;
        const name = cellCode(item);
        if (name === undefined || name === '') return;
        const rest = item.slice(item.indexOf(name) + name.length).replace(/^[^A-Za-z0-9(]*/, '');
        add(name, '', cellText(rest), lineOf(prose) + k);
      });
      return 'skip';
    }
    if (node.type !== 'table') return undefined;
    const table = node as Table;
    const cols = columnsOf(table);
    if (cols.name === undefined) {
      warn(file, 'params/unknown-table', `table with columns [${table.header.join(', ')}] in '${section.title}' has no Name or Parameter column; not read`, table);
      markReported(file, table);
      return 'skip';
    }
    markRead(file, table);
    for (const row of table.children) {
      checkBudget(file, lineOf(row));
      const raw = cellAt(row, cols.name);
      const name = cellCode(raw) ?? inlineToText(raw);
      if (name === '') {
        warn(file, 'params/row-without-name', 'parameters table row has no name; skipped', row);
        continue;
      }
      const typeRaw = cellAt(row, cols.datatype);
      add(name, cellCode(typeRaw) ?? inlineToText(typeRaw), cellText(cellAt(row, cols.description)), lineOf(row));
    }
    return 'skip';
  });
  return out;
}

/** A verb as the docs name statements: upper case, on its own or in backticks (`INSERT`). */
function mentionsVerb(text: string, verb: Verb): boolean {
  return new RegExp(`(^|[^A-Za-z])${verb.toUpperCase()}([^A-Za-z]|$)`).test(text);
}

/** Each method of a verb the prose names takes the extra params as optional params. */
export function addExtraParams(methods: Method[], extra: ExtraParams, file: VFile): void {
  if (extra.params.length === 0) return;
  const names = extra.params.map((p) => p.name);
  const taking = methods.filter((m) => extra.verbs.includes(m.verb));
  for (const m of taking) {
    for (const name of names) if (!m.requiredParams.includes(name) && !m.optionalParams.includes(name)) m.optionalParams.push(name);
  }
  const to = taking.length > 0 ? `optional params of ${taking.map((m) => m.name).join(', ')}` : 'params of no method (the section names no statement that takes them)';
  info(file, 'params/extra', `${names.join(', ')} read from the extra parameters section as ${to}`, extra.line);
}

/** The resolved params with the extra ones: a documented row replaces a name known only from methods. */
export function mergeParams(params: Param[], extra: Param[] | undefined): Param[] {
  if (!extra || extra.length === 0) return params;
  const out = params.filter((p) => !(p.origin === 'methods' && extra.some((e) => e.name === p.name)));
  for (const e of extra) if (!out.some((p) => p.name === e.name)) out.push(e);
  return out;
}
