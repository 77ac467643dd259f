/**
 * The Methods section: one Method per table row, in table order, duplicates kept and flagged.
 * Verbs are normalised from whatever markup the doc used (`SELECT`, <code>INSERT</code>,
 * <CopyableCode code="select" />). A section with no methods table is reported: a table the
 * splitter could not read (a broken delimiter row) must not leave a resource with no methods in
 * silence.
 */
import type { VFile } from 'vfile';
import { checkBudget } from '../parse/budget.ts';
import { error, info, warn } from '../parse/diagnostics.ts';
import { cellCode, cellNames, inlineToText, lifecycleBadge } from '../parse/inline.ts';
import { cellText } from '../parse/rich-cell.ts';
import { lineOf, type Section } from '../parse/tree.ts';
import { VERBS, type Method, type Verb } from '../core/model.ts';
import { cellAt, columnsOf, isMethodsTable, tablesIn } from './columns.ts';
import { markRead, markReported } from './coverage.ts';

export interface MethodsResult {
  methods: Method[];
  /** Rows in the section's methods tables, read or not: the corpus check compares against it. */
  rowCount: number;
  /** The formats of the tables read (source.format). */
  formats: string[];
}

export function readMethods(section: Section, file: VFile): MethodsResult {
  const methods: Method[] = [];
  const seen = new Set<string>();
  let rowCount = 0;
  let tables = 0;
  const formats: string[] = [];
  for (const { table } of tablesIn(section)) {
    if (!isMethodsTable(table)) {
      warn(file, 'methods/unknown-table', `table with columns [${table.header.join(', ')}] in Methods has no 'Accessible by' column; skipped`, table);
      markReported(file, table);
      continue;
    }
    tables++;
    markRead(file, table);
    if (!formats.includes(table.format)) formats.push(table.format);
    if (table.children.length === 0) warn(file, 'methods/empty-table', 'the methods table has no rows', table);
    const cols = columnsOf(table);
    for (const row of table.children) {
      rowCount++;
      checkBudget(file, lineOf(row));
      const cell = (k: keyof typeof cols) => cellAt(row, cols[k]);
      const name = cellCode(cell('name')) ?? inlineToText(cell('name'));
      const rawVerb = inlineToText(cell('accessibleBy'));
      const verb = normaliseVerb(rawVerb);
      if (name === '') {
        error(file, 'methods/row-without-name', 'methods table row has no method name; skipped', row);
        continue;
      }
      if (!verb) {
        error(file, 'methods/unknown-verb', `method '${name}' is accessible by '${rawVerb}', which is not a StackQL verb; skipped`, row);
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
        description: cellText(descRaw),
        line: lineOf(row),
      };
      const lifecycle = lifecycleBadge(descRaw);
      if (lifecycle) method.lifecycle = lifecycle;
      if (seen.has(name)) {
        method.duplicate = true;
        warn(file, 'methods/duplicate-name', `method '${name}' is listed more than once; kept and flagged`, row);
      }
      seen.add(name);
      methods.push(method);
    }
  }
  if (tables === 0) reportNoTable(section, file);
  return { methods, rowCount, formats };
}

/**
 * A Methods section without a methods table: a sentence ("Currently only SELECT is supported") is
 * the doc's own word, anything else (table-like lines that did not parse, nothing at all) means
 * methods were lost.
 */
function reportNoTable(section: Section, file: VFile): void {
  const saysNone = (text: string) => /\b(no|only)\b/i.test(text);
  const endsPage = (s: Section) => (s.position?.end.offset ?? 0) >= String(file.value).replace(/^\uFEFF/, '').trimEnd().length;
  const prose = section.children.filter((b) => b.type === 'prose');
  const tableLike = prose.find((b) => /^\s*\|/m.test(b.value));
  if (tableLike) warn(file, 'methods/unreadable-table', "the Methods section holds table rows that do not form a table (is the '| --- |' row broken?): the resource has no methods", tableLike);
  else if (prose.length > 0 && section.children.every((b) => b.type === 'prose') && (!endsPage(section) || saysNone(prose[0].value))) info(file, 'methods/none-listed', `the Methods section lists no methods: ${prose[0].value.slice(0, 80)}`, section);
  else warn(file, 'methods/no-table', "the Methods section has no table with an 'Accessible by' column: the resource has no methods", section);
}

/**
 * The verbs a Methods section without a table says are supported ("Currently only <code>SELECT</code>
 * is supported for this resource"): the older generation's way of listing one SELECT.
 */
export function verbsSaidSupported(section: Section): Verb[] {
  const out: Verb[] = [];
  for (const b of section.children) {
    if (b.type !== 'prose') continue;
    // A sentence, not a page: the lazy group stays cheap on any input.
    const text = inlineToText(b.value.slice(0, 500));
    const m = /\bonly\s+([A-Za-z,\s]+?)\s+(?:is|are)\s+supported\b/i.exec(text);
    for (const word of m?.[1].split(/[\s,]+|\band\b/i) ?? []) {
      const verb = normaliseVerb(word);
      if (verb && !out.includes(verb)) out.push(verb);
    }
  }
  return out;
}

export function normaliseVerb(raw: string): Verb | undefined {
  const v = raw.replace(/[`*_]/g, '').trim().toLowerCase();
  return (VERBS as readonly string[]).includes(v) ? (v as Verb) : undefined;
}
