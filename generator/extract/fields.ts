/**
 * The Fields section: the row shape of the resource. One table or fields component
 * (field-component.ts), or one per `<TabItem>` (a field set per SELECT method, or the azure
 * `view`/`resource` pair), or a "SELECT not supported" note. `fields` is the union of all sets, in
 * first-seen order.
 */
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { checkBudget } from '../parse/budget.ts';
import { info, warn } from '../parse/diagnostics.ts';
import { cellCode, inlineToText } from '../parse/inline.ts';
import { cellText } from '../parse/rich-cell.ts';
import { lineOf, type Jsx, type Section, type Table } from '../parse/tree.ts';
import type { Field, FieldSet } from '../core/model.ts';
import { columnsOf, isFieldsTable, tabOf } from './columns.ts';
import { markRead, markReported } from './coverage.ts';
import { copyFacts, describe, parseDataType, rowType, unusablePattern } from './datatype.ts';
import { readFieldComponent } from './field-component.ts';

export interface FieldsResult {
  fields: Field[];
  fieldSets: FieldSet[];
  selectNotSupported: boolean;
  /** What the fields were read from, in order: table formats and component names (source.format). */
  formats: string[];
  /** Set when the section says the fields are in the view's SQL Definition. */
  pointsToDefinition?: boolean;
}

export function readFields(section: Section, file: VFile): FieldsResult {
  const result: FieldsResult = { fields: [], fieldSets: [], selectNotSupported: false, formats: [] };
  const byName = new Map<string, Field>();
  const labels = new Map<string, string>();
  const inTabs = section.children.some((b) => b.type === 'tabs');

  const addSet = (node: Table | Jsx, read: Field[], format: string, tab: string | undefined, description: string | undefined) => {
    markRead(file, node);
    const shown = inTabs ? `tabs/${format}` : format;
    if (!result.formats.includes(shown)) result.formats.push(shown);
    const names: string[] = [];
    for (const f of read) {
      names.push(f.name);
      const seen = byName.get(f.name);
      if (!seen) {
        byName.set(f.name, f);
        result.fields.push(f);
      } else if (seen.rawType !== f.rawType && seen.type === 'unknown') {
        // A later set knows the type the first one left empty.
        Object.assign(seen, { type: f.type, rawType: f.rawType, format: f.format, typeRef: f.typeRef });
      }
    }
    if (read.length === 0) info(file, 'fields/empty-table', 'fields table has no rows', node);
    if (tab !== undefined) {
      const set: FieldSet = { method: tab, label: labels.get(tab) ?? tab, fields: names, line: lineOf(node) };
      if (description) set.description = description;
      result.fieldSets.push(set);
    }
  };

  // The prose just before a table, in the same container, describes that table's field set.
  const pendingProse = new Map<unknown, string>();
  visitParents(section, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    const tab = tabOf(ancestors);
    if (node.type === 'tabs') {
      for (const v of (node as { values: Array<{ label: string; value: string }> }).values) labels.set(v.value, v.label);
    } else if (node.type === 'prose') {
      const text = cellText((node as { value: string }).value);
      if (/\bnot supported\b/i.test(text) && /select/i.test(text)) {
        result.selectNotSupported = true;
        info(file, 'fields/select-not-supported', 'the page says SELECT is not supported for this resource', node);
      } else if (/\bSQL Definition\b/i.test(text)) {
        result.pointsToDefinition = true;
      } else if (!/^The following fields are returned/i.test(text)) pendingProse.set(parent, text);
    } else if (node.type === 'table') {
      const table = node as Table;
      if (isFieldsTable(table)) addSet(table, readTable(table, file), table.format, tab, tab !== undefined ? pendingProse.get(parent) : undefined);
      else {
        warn(file, 'fields/unknown-table', `table with columns [${table.header.join(', ')}] in Fields is not a fields table; skipped`, table);
        markReported(file, table);
      }
      pendingProse.delete(parent);
      return 'skip';
    } else if (node.type === 'jsx') {
      const jsx = node as Jsx;
      const read = readFieldComponent(jsx, file);
      if (read.kind === 'fields') addSet(jsx, read.fields, jsx.name, tab, tab !== undefined ? pendingProse.get(parent) : undefined);
      else {
        warn(file, 'fields/unknown-component', `<${jsx.name}> in Fields holds no fields: ${read.why}; skipped`, jsx);
        markReported(file, jsx);
      }
      pendingProse.delete(parent);
      return 'skip';
    }
    return undefined;
  });
  return result;
}

function readTable(table: Table, file: VFile): Field[] {
  const cols = columnsOf(table);
  const out: Field[] = [];
  for (const row of table.children) {
    checkBudget(file, lineOf(row));
    const nameCell = row.children[cols.name ?? 0];
    const name = nameCell ? (cellCode(nameCell.value) ?? inlineToText(nameCell.value)) : '';
    if (name === '') {
      warn(file, 'fields/row-without-name', 'fields table row has no name; skipped', row);
      continue;
    }
    const typeCell = cols.datatype !== undefined ? row.children[cols.datatype] : undefined;
    const rawType = typeCell ? (cellCode(typeCell.value) ?? inlineToText(typeCell.value)) : '';
    const dt = parseDataType(rawType);
    if (!dt.recognised) info(file, 'fields/unknown-type', `field '${name}' has datatype '${rawType}', not one of the known bases`, row);
    const descCell = cols.description !== undefined ? row.children[cols.description] : undefined;
    const facts = describe(descCell ? cellText(descCell.value) : '');
    const field: Field = { name, type: dt.type, rawType, description: facts.description, typeRef: rowType(dt, facts), line: lineOf(row) };
    if (dt.format) field.format = dt.format;
    copyFacts(field, facts);
    const badPattern = unusablePattern(facts);
    if (badPattern) info(file, 'fields/unusable-pattern', `field '${name}': ${badPattern}`, row);
    out.push(field);
  }
  return out;
}
