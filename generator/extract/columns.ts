/**
 * Finding a table's columns by what their headers say, never by position: the docs have had
 * several column layouts (Description present or not, Optional Params present or not).
 */
import { visitParents, SKIP } from 'unist-util-visit-parents';
import { stripTags } from '../parse/inline.ts';
import type { Section, TabItem, Table } from '../parse/tree.ts';

export type ColumnKey = 'name' | 'datatype' | 'description' | 'accessibleBy' | 'requiredParams' | 'optionalParams';

const HEADER_KEYS: Array<[RegExp, ColumnKey]> = [
  [/^(name|parameter|param)$/i, 'name'],
  [/^(data ?type|type)$/i, 'datatype'],
  [/^description$/i, 'description'],
  [/^accessible ?by$/i, 'accessibleBy'],
  [/^required ?param(eter)?s$/i, 'requiredParams'],
  [/^optional ?param(eter)?s$/i, 'optionalParams'],
];

export type Columns = Partial<Record<ColumnKey, number>>;

/** What a header (a table's, or a key of a component's row objects) names, if anything known. */
export function columnKeyOf(header: string): ColumnKey | undefined {
  const text = stripTags(header).replace(/[`*]/g, '').trim();
  for (const [re, key] of HEADER_KEYS) if (re.test(text)) return key;
  return undefined;
}

export function columnsOf(table: Table): Columns {
  const cols: Columns = {};
  table.header.forEach((h, idx) => {
    const key = columnKeyOf(h);
    if (key !== undefined && cols[key] === undefined) cols[key] = idx;
  });
  return cols;
}

export function isMethodsTable(table: Table): boolean {
  return columnsOf(table).accessibleBy !== undefined;
}

export function isFieldsTable(table: Table): boolean {
  const c = columnsOf(table);
  return c.name !== undefined && c.datatype !== undefined && c.accessibleBy === undefined;
}

/** Every table of a section, in source order, with the value of the tab it sits in. */
export function tablesIn(section: Section): Array<{ table: Table; tab?: string }> {
  const out: Array<{ table: Table; tab?: string }> = [];
  visitParents(section, 'table', (table, ancestors) => {
    const tab = tabOf(ancestors);
    out.push(tab === undefined ? { table } : { table, tab });
    return SKIP;
  });
  return out;
}

/** The raw text of a row's cell at a column index (empty when the row is short). */
export function cellAt(row: { children: Array<{ value: string }> }, index: number | undefined): string {
  return index === undefined ? '' : row.children[index]?.value ?? '';
}

/** The value of the innermost `<TabItem>` among a node's ancestors. */
export function tabOf(ancestors: readonly unknown[]): string | undefined {
  for (let k = ancestors.length - 1; k >= 0; k--) {
    const a = ancestors[k] as TabItem;
    if (a.type === 'tabItem') return a.value;
  }
  return undefined;
}
