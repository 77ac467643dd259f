/**
 * Finding a table's columns by what their headers say, never by position: the docs have had
 * several column layouts (Description present or not, Optional Params present or not).
 */
import type { Block, Table } from '../parse/tree.ts';

export type ColumnKey = 'name' | 'datatype' | 'description' | 'accessibleBy' | 'requiredParams' | 'optionalParams';

const HEADER_KEYS: Array<[RegExp, ColumnKey]> = [
  [/^name$/i, 'name'],
  [/^(data ?type|type)$/i, 'datatype'],
  [/^description$/i, 'description'],
  [/^accessible ?by$/i, 'accessibleBy'],
  [/^required ?param(eter)?s$/i, 'requiredParams'],
  [/^optional ?param(eter)?s$/i, 'optionalParams'],
];

export type Columns = Partial<Record<ColumnKey, number>>;

export function columnsOf(table: Table): Columns {
  const cols: Columns = {};
  table.header.forEach((h, idx) => {
    const text = h.replace(/<[^>]+>|[`*]/g, '').trim();
    for (const [re, key] of HEADER_KEYS) {
      if (re.test(text) && cols[key] === undefined) cols[key] = idx;
    }
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

/** Every table under a block list, with the tab it sits in (depth-first, source order). */
export function* tablesIn(blocks: Block[], tab?: string): Generator<{ table: Table; tab?: string }> {
  for (const b of blocks) {
    if (b.type === 'table') yield { table: b, tab };
    else if (b.type === 'tabs') yield* tablesIn(b.children, tab);
    else if (b.type === 'tabItem') yield* tablesIn(b.children, b.value);
  }
}
