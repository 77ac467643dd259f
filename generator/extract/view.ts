/**
 * A view's `## SQL Definition`: one SELECT per backend (a `<TabItem>` per backend, or one untabbed
 * block), over a base resource. It is the view's whole documentation: its output columns are the
 * fields (`expr as "alias"` gives `alias`, a plain column its name), the names its WHERE compares
 * with a placeholder value (`subscriptionId = 'replace-me'`) are the required params of its select
 * method, and the definition per backend is kept in the model for the mock to run.
 */
import type { VFile } from 'vfile';
import { parseStatementsWithSpans, StatementSyntaxError, type Repair } from '../core/sql/index.ts';
import type { Literal, SelectStatement } from '../core/sql/ast.ts';
import { checkBudget } from '../parse/budget.ts';
import { error, info, report, warn } from '../parse/diagnostics.ts';
import type { Code, Section } from '../parse/tree.ts';
import { visitParents } from 'unist-util-visit-parents';
import type { Field, Method, ViewDefinition, ViewSql } from '../core/model.ts';
import { tabOf } from './columns.ts';
import { unknownType } from '../core/types.ts';
import { viewStatement } from '../core/example-statement.ts';
import { markRead, markReported } from './coverage.ts';

export interface ViewResult {
  view: ViewDefinition;
  fields: Field[];
  /** The select method the definition implies (its WHERE placeholders are the required params). */
  method?: Method;
}

/** A value that stands for "put yours here": `'replace-me'`, `'<name>'`, `'{{ x }}'`. */
function isPlaceholderValue(value: Literal | undefined): boolean {
  if (!value) return false;
  if (value.type === 'placeholder' || value.type === 'template') return true;
  return value.type === 'string' && /^(replace[-_ ]?me|<[^<>]*>|\{\{.*\}\}|your[-_ ].*|x{3,})$/i.test(value.value.trim());
}

export function readViewDefinition(section: Section, resourceId: string, file: VFile): ViewResult {
  const definitions: ViewSql[] = [];
  visitParents(section, (node, ancestors) => {
    if (node.type === 'table') return 'skip';
    if (node.type !== 'code') return undefined;
    const code = node as Code;
    checkBudget(file, code.valueLine);
    if (code.lang !== 'sql' && code.lang !== '') {
      info(file, 'view/non-sql-code', `a ${code.lang} code block in the SQL Definition is not a definition; skipped`, code);
      markReported(file, code);
      return undefined;
    }
    markRead(file, code);
    definitions.push(readDefinition(code, tabOf(ancestors) ?? '', file));
    return undefined;
  });
  const result: ViewResult = { view: { definitions }, fields: [] };
  const parsed = definitions.flatMap((d) => {
    const statement = viewStatement(d);
    return statement ? [{ ...d, statement }] : [];
  });
  if (definitions.length === 0) {
    warn(file, 'view/no-definition', "the SQL Definition section holds no SQL block: the view's fields and params are unknown", section);
    return result;
  }
  if (parsed.length === 0) return result;

  const first = parsed[0];
  const base = first.statement.target.parts.join('.');
  result.view.base = base;
  for (const d of parsed.slice(1)) {
    const other = d.statement.target.parts.join('.');
    if (other !== base) warn(file, 'view/backends-differ', `the ${d.backend || 'untabbed'} definition reads ${other}, the ${first.backend || 'first'} one ${base}`, d.line);
    const a = outputColumns(first.statement).join(',');
    const b = outputColumns(d.statement).join(',');
    if (a !== b) warn(file, 'view/backends-differ', `the ${d.backend || 'untabbed'} definition's columns differ from the ${first.backend || 'first'} one's; fields follow the ${first.backend || 'first'} one`, d.line);
  }

  const seen = new Set<string>();
  for (const column of first.statement.columns) {
    if (column.expr.type === 'star') {
      warn(file, 'view/star-column', `the definition selects ${column.text}: the columns it stands for are not on this page`, first.line);
      continue;
    }
    const name = columnNameOf(column);
    if (seen.has(name)) continue;
    seen.add(name);
    const computed = column.expr.type !== 'column';
    result.fields.push({
      name,
      type: 'unknown',
      rawType: '',
      typeRef: unknownType(),
      description: computed ? `${column.text.replace(/\s+as\s+\S+$/i, '')} over ${base}` : `${column.expr.type === 'column' ? column.expr.name : name} of ${base}`,
      line: first.line,
    });
  }

  const required: string[] = [];
  for (const p of first.statement.where) {
    if (p.name !== undefined && (p.op === undefined || p.op === '=') && isPlaceholderValue(p.value) && !required.includes(p.name)) required.push(p.name);
  }
  result.method = {
    name: 'select',
    verb: 'select',
    rawVerb: '',
    requiredParams: required,
    optionalParams: [],
    requiredParamsResolved: required.map(() => 'param'),
    description: `Reads the view: its SQL Definition over ${base}.`,
    line: first.line,
  };
  info(file, 'view/select-method', `${resourceId} is a view over ${base}: ${result.fields.length} field(s) from its definition's columns, a select method requiring ${required.length === 0 ? 'nothing' : required.join(', ')}`, first.line);
  return result;
}

/** A column's output name: its alias, else the column's own name, else its text. */
function columnNameOf(column: SelectStatement['columns'][number]): string {
  if (column.alias !== undefined) return column.alias;
  if (column.expr.type === 'column') return column.expr.name;
  return column.text;
}

function outputColumns(st: SelectStatement): string[] {
  return st.columns.map(columnNameOf);
}

function readDefinition(code: Code, backend: string, file: VFile): ViewSql {
  const def: ViewSql = { backend, sql: code.value, line: code.valueLine };
  const repairs: Repair[] = [];
  try {
    const spans = parseStatementsWithSpans(code.value, { onRepair: (r) => repairs.push(r) });
    for (const r of repairs) report(file, 'warning', r.code, `SQL definition repaired: ${r.message}`, { line: code.valueLine + r.line - 1, column: r.column });
    if (spans.length !== 1 || spans[0].statement.kind !== 'select') {
      const what = spans.length === 0 ? 'no statement' : spans.length > 1 ? `${spans.length} statements` : `a ${spans[0].statement.kind.toUpperCase()}`;
      error(file, 'view/not-a-select', `the ${backend || 'untabbed'} SQL definition holds ${what}, not one SELECT`, code);
      def.parseError = `not one SELECT: ${what}`;
      return def;
    }
    if (repairs.length > 0) def.repairs = repairs.map((r) => r.code);
  } catch (e) {
    if (!(e instanceof StatementSyntaxError)) throw e;
    const line = code.valueLine + e.line - 1;
    report(file, 'error', 'view/unparsed-sql', `the ${backend || 'untabbed'} SQL definition does not parse: ${e.reason}`, { line, column: e.column });
    def.parseError = `line ${line}, column ${e.column}: ${e.reason}`;
  }
  return def;
}
