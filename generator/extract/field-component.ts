/**
 * Fields given as component data: `<SchemaTable fields={[{ "name", "type", "description",
 * "children": [...] }]} />`. A component is a fields table when one of its props is a list of
 * objects whose keys say what table headers say (a name, and a type or datatype; description
 * optional), whatever the component or the prop is called. A nested list of such objects (under
 * any key) becomes the field's `children`.
 */
import type { VFile } from 'vfile';
import { checkBudget } from '../parse/budget.ts';
import { info, warn } from '../parse/diagnostics.ts';
import { cellCode, inlineToText } from '../parse/inline.ts';
import { readComponent, type JsxData, type LineMap } from '../parse/jsx-props.ts';
import { cellText } from '../parse/rich-cell.ts';
import { lineOf, type Jsx } from '../parse/tree.ts';
import type { Field } from '../core/model.ts';
import { columnKeyOf, type ColumnKey } from './columns.ts';
import { describe, parseDataType, rowType } from './datatype.ts';

type Row = { [key: string]: JsxData };

export type ComponentFields =
  | { kind: 'fields'; prop: string; fields: Field[] }
  /** No prop holds a list of field-like objects: not a fields component. */
  | { kind: 'none'; why: string };

/** Nesting deeper than this is kept as the field's type alone (the data is already bounded by jsx-props). */
const MAX_NESTING = 32;

export function readFieldComponent(node: Jsx, file: VFile): ComponentFields {
  const component = readComponent(node.value, lineOf(node));
  const reasons: string[] = [];
  for (const [prop, value] of component.props) {
    if (value.kind === 'expression') {
      reasons.push(`prop '${prop}' is not data (${value.reason}, line ${value.line})`);
      continue;
    }
    if (value.kind !== 'data') continue;
    const keys = rowKeys(value.value);
    if (!keys) continue;
    return { kind: 'fields', prop, fields: toFields(value.value as Row[], keys, value.lines, lineOf(node), file, 0) };
  }
  return { kind: 'none', why: reasons.length > 0 ? reasons.join('; ') : `no prop of <${component.name}> is a list of objects with a name and a type` };
}

/** The keys of a list of field-like objects by what they name, or undefined when it is not one. */
function rowKeys(data: JsxData): Partial<Record<ColumnKey, string>> | undefined {
  if (!Array.isArray(data) || data.length === 0) return undefined;
  if (!data.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) return undefined;
  const keys: Partial<Record<ColumnKey, string>> = {};
  for (const row of data as Row[]) {
    for (const k of Object.keys(row)) {
      const key = columnKeyOf(k);
      if (key !== undefined && keys[key] === undefined && typeof row[k] === 'string') keys[key] = k;
    }
  }
  return keys.name !== undefined && keys.datatype !== undefined ? keys : undefined;
}

function toFields(rows: Row[], keys: Partial<Record<ColumnKey, string>>, lines: LineMap, fallbackLine: number, file: VFile, depth: number): Field[] {
  const out: Field[] = [];
  for (const row of rows) {
    const line = lines.get(row) ?? fallbackLine;
    checkBudget(file, line);
    const text = (key: ColumnKey) => {
      const k = keys[key];
      const v = k === undefined ? undefined : row[k];
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    };
    const rawName = text('name');
    const name = cellCode(rawName) ?? inlineToText(rawName);
    if (name === '') {
      warn(file, 'fields/row-without-name', 'a field of the component has no name; skipped', line);
      continue;
    }
    const rawType = text('datatype');
    const dt = parseDataType(rawType);
    if (!dt.recognised) info(file, 'fields/unknown-type', `field '${name}' has datatype '${rawType}', not one of the known bases`, line);
    const facts = describe(cellText(text('description')));
    const field: Field = { name, type: dt.type, rawType, description: facts.description, typeRef: rowType(dt, facts), line };
    if (dt.format) field.format = dt.format;
    if (facts.enum) field.enum = facts.enum;
    if (facts.default !== undefined) field.default = facts.default;
    if (facts.example !== undefined) field.example = facts.example;
    if (facts.pattern !== undefined) field.pattern = facts.pattern;
    const nested = nestedRows(row, keys);
    if (nested) {
      if (depth >= MAX_NESTING) warn(file, 'fields/too-deep', `field '${name}' nests fields deeper than ${MAX_NESTING} levels; the deeper ones were not read`, line);
      else field.children = toFields(nested.rows, nested.keys, lines, line, file, depth + 1);
    }
    out.push(field);
  }
  return out;
}

/** The first value of a row that is itself a list of field-like objects (awscc calls it `children`). */
function nestedRows(row: Row, parentKeys: Partial<Record<ColumnKey, string>>): { rows: Row[]; keys: Partial<Record<ColumnKey, string>> } | undefined {
  for (const [k, v] of Object.entries(row)) {
    if (Object.values(parentKeys).includes(k) || !Array.isArray(v)) continue;
    const keys = rowKeys(v);
    if (keys) return { rows: v as Row[], keys };
  }
  return undefined;
}
