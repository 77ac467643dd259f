/**
 * The Methods section: one Method per table row, in table order, duplicates kept and flagged.
 * Verbs are normalised from whatever markup the doc used (`SELECT`, <code>INSERT</code>,
 * <CopyableCode code="select" />).
 */
import { cellCode, cellNames, inlineToText, lifecycleBadge } from '../parse/inline.ts';
import type { DiagnosticSink } from '../parse/diagnostics.ts';
import type { Section } from '../parse/tree.ts';
import { VERBS, type Method, type Verb } from '../core/model.ts';
import { columnsOf, isMethodsTable, tablesIn } from './columns.ts';

export interface MethodsResult {
  methods: Method[];
  /** Rows in the section's methods tables, read or not: the corpus check compares against it. */
  rowCount: number;
}

export function readMethods(section: Section, sink: DiagnosticSink): MethodsResult {
  const methods: Method[] = [];
  const seen = new Set<string>();
  let rowCount = 0;
  for (const { table } of tablesIn(section.children)) {
    if (!isMethodsTable(table)) {
      sink.warn('methods/unknown-table', `table with columns [${table.header.join(', ')}] in Methods has no 'Accessible by' column; skipped`, table.line);
      continue;
    }
    const cols = columnsOf(table);
    for (const row of table.rows) {
      rowCount++;
      const cell = (k: keyof typeof cols) => (cols[k] !== undefined ? row.cells[cols[k]!]?.raw ?? '' : '');
      const name = cellCode(cell('name')) ?? inlineToText(cell('name'));
      const rawVerb = inlineToText(cell('accessibleBy'));
      const verb = normaliseVerb(rawVerb);
      if (name === '') {
        sink.error('methods/row-without-name', 'methods table row has no method name; skipped', row.line);
        continue;
      }
      if (!verb) {
        sink.error('methods/unknown-verb', `method '${name}' is accessible by '${rawVerb}', which is not a StackQL verb; skipped`, row.line);
        continue;
      }
      const descRaw = cell('description');
      const method: Method = {
        name,
        verb,
        rawVerb,
        requiredParams: cellNames(cell('requiredParams')),
        optionalParams: cellNames(cell('optionalParams')),
        requiredParamsResolved: [],
        description: inlineToText(descRaw),
        line: row.line,
      };
      const lifecycle = lifecycleBadge(descRaw);
      if (lifecycle) method.lifecycle = lifecycle;
      if (seen.has(name)) {
        method.duplicate = true;
        sink.warn('methods/duplicate-name', `method '${name}' is listed more than once; kept and flagged`, row.line);
      }
      seen.add(name);
      methods.push(method);
    }
  }
  return { methods, rowCount };
}

export function normaliseVerb(raw: string): Verb | undefined {
  const v = raw.replace(/[`*_]/g, '').trim().toLowerCase();
  return (VERBS as readonly string[]).includes(v) ? (v as Verb) : undefined;
}
