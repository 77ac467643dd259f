/**
 * The Fields section: the row shape of the resource. One table, or one per `<TabItem>` (a field set
 * per SELECT method, or the azure `view`/`resource` pair), or a "SELECT not supported" note.
 * `fields` is the union of all sets, in first-seen order.
 */
import { cellCode, inlineToText } from '../parse/inline.ts';
import type { DiagnosticSink } from '../parse/diagnostics.ts';
import type { Block, Section, Table } from '../parse/tree.ts';
import type { Field, FieldSet } from '../core/model.ts';
import { columnsOf, isFieldsTable } from './columns.ts';
import { copyFacts, describe, parseDataType, rowType, unusablePattern } from './datatype.ts';

export interface FieldsResult {
  fields: Field[];
  fieldSets: FieldSet[];
  selectNotSupported: boolean;
}

export function readFields(section: Section, sink: DiagnosticSink): FieldsResult {
  const result: FieldsResult = { fields: [], fieldSets: [], selectNotSupported: false };
  const byName = new Map<string, Field>();
  const labels = new Map<string, string>();

  const addSet = (table: Table, tab: string | undefined, description: string | undefined) => {
    const names: string[] = [];
    for (const f of readTable(table, sink)) {
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
    if (table.rows.length === 0) sink.info('fields/empty-table', 'fields table has no rows', table.line);
    if (tab !== undefined) {
      const set: FieldSet = { method: tab, label: labels.get(tab) ?? tab, fields: names, line: table.line };
      if (description) set.description = description;
      result.fieldSets.push(set);
    }
  };

  const walk = (blocks: Block[], tab: string | undefined) => {
    let pendingProse: string | undefined;
    for (const b of blocks) {
      if (b.type === 'tabs') {
        for (const v of b.values) labels.set(v.value, v.label);
        walk(b.children, tab);
      } else if (b.type === 'tabItem') walk(b.children, b.value);
      else if (b.type === 'prose') {
        const component = /^\s*<([A-Z][\w.]*)/.exec(b.raw)?.[1];
        if (component) {
          // A JSX component (`<SchemaTable fields={[...]}>`): its fields are data this reader does not read yet.
          sink.warn('fields/component-not-read', `a <${component}> in Fields was not read: the resource's rows are untyped`, b.line);
          continue;
        }
        const text = inlineToText(b.raw);
        if (/\bnot supported\b/i.test(text) && /\bselect\b/i.test(text)) {
          result.selectNotSupported = true;
          sink.info('fields/select-not-supported', 'the page says SELECT is not supported for this resource', b.line);
        } else if (!/^The following fields are returned/i.test(text)) pendingProse = text;
      } else if (b.type === 'table') {
        if (isFieldsTable(b)) addSet(b, tab, tab !== undefined ? pendingProse : undefined);
        else sink.warn('fields/unknown-table', `table with columns [${b.header.join(', ')}] in Fields is not a fields table; skipped`, b.line);
        pendingProse = undefined;
      } else if (b.type === 'code') {
        sink.info('fields/code-ignored', `a ${b.lang || 'plain'} code block in Fields was not read`, b.line);
      }
    }
  };
  walk(section.children, undefined);
  return result;
}

function readTable(table: Table, sink: DiagnosticSink): Field[] {
  const cols = columnsOf(table);
  const out: Field[] = [];
  for (const row of table.rows) {
    const nameCell = row.cells[cols.name ?? 0];
    const name = nameCell ? (cellCode(nameCell.raw) ?? inlineToText(nameCell.raw)) : '';
    if (name === '') {
      sink.warn('fields/row-without-name', 'fields table row has no name; skipped', row.line);
      continue;
    }
    const typeCell = cols.datatype !== undefined ? row.cells[cols.datatype] : undefined;
    const rawType = typeCell ? (cellCode(typeCell.raw) ?? inlineToText(typeCell.raw)) : '';
    const dt = parseDataType(rawType);
    if (!dt.recognised) sink.info('fields/unknown-type', `field '${name}' has datatype '${rawType}', not one of the known bases`, row.line);
    const descCell = cols.description !== undefined ? row.cells[cols.description] : undefined;
    const facts = describe(descCell ? inlineToText(descCell.raw) : '');
    const field: Field = { name, type: dt.type, rawType, description: facts.description, typeRef: rowType(dt, facts), line: row.line };
    if (dt.format) field.format = dt.format;
    copyFacts(field, facts);
    const badPattern = unusablePattern(facts);
    if (badPattern) sink.info('fields/unusable-pattern', `field '${name}': ${badPattern}`, row.line);
    out.push(field);
  }
  return out;
}
