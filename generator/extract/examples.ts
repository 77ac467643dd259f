/**
 * The example sections (`SELECT examples`, `INSERT example`, ..., `Lifecycle Methods`): every SQL
 * block, raw and parsed with the project's statement parser, tied to the method and tab it
 * documents; YAML blocks are manifests.
 */
import { parseStatementsWithSpans, StatementSyntaxError, type Repair } from '../core/sql/index.ts';
import type { Statement } from '../core/sql/ast.ts';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { checkBudget } from '../parse/budget.ts';
import { info, report, reportAll, warn } from '../parse/diagnostics.ts';
import type { Code, Section } from '../parse/tree.ts';
import type { Example, ManifestNode, Method, Verb } from '../core/model.ts';
import { tabOf } from './columns.ts';
import { markRead, markReported } from './coverage.ts';
import { parseManifest } from './manifest.ts';
import { typeManifest } from './datatype.ts';

/** The statement verb a SQL text starts with (after comments and hints), for an example that does not parse. */
function leadingVerb(sql: string): Verb | undefined {
  // By hand, not a regex with a repeated group: linear on hostile runs of spaces.
  let k = 0;
  while (k < sql.length) {
    if (/\s/.test(sql[k])) k++;
    else if (sql.startsWith('--', k)) k = sql.includes('\n', k) ? sql.indexOf('\n', k) + 1 : sql.length;
    else if (sql.startsWith('/*', k)) k = sql.includes('*/', k + 2) ? sql.indexOf('*/', k + 2) + 2 : sql.length;
    else break;
  }
  const word = /^[A-Za-z]+/.exec(sql.slice(k, k + 16))?.[0]?.toLowerCase();
  if (word === 'execute') return 'exec';
  return word === 'select' || word === 'insert' || word === 'update' || word === 'replace' || word === 'delete' || word === 'exec' ? word : undefined;
}

/**
 * The verb an example section documents, from its title; 'any' for the older generation's single
 * `## Example` (or `Examples`, `SQL Examples`), whose statements say their verb; undefined when it
 * is not an example section. Narrative titles (`Query Examples`, `Advanced Usage Examples` on
 * hand-written pages) stay unknown sections, reported with their SQL: their statements lean on
 * shapes the docs do not give (json_each over untyped items).
 */
export function exampleSectionVerb(title: string): Verb | 'any' | undefined {
  const t = title.toLowerCase();
  if (/^lifecycle methods\b/.test(t) || /^exec examples?\b/.test(t)) return 'exec';
  const m = /^(select|insert|update|replace|delete|exec) examples?\b/.exec(t);
  if (m) return m[1] as Verb;
  return /^(sql )?examples?$/.test(t.trim()) ? 'any' : undefined;
}

export interface ExamplesResult {
  examples: Example[];
  manifest?: ManifestNode[];
}

/** `sectionVerb` undefined: each statement's own verb (the single `## Example` section). */
export function readExamples(section: Section, sectionVerb: Verb | undefined, resourceId: string, methods: Method[], file: VFile, into: ExamplesResult): void {
  let codeBlocks = 0;
  const readCode = (code: Code, tab: string | undefined) => {
    checkBudget(file, code.valueLine);
    codeBlocks++;
    const verb = sectionVerb ?? leadingVerb(code.value) ?? 'select';
    if (code.lang === 'yaml' || code.lang === 'yml' || (code.lang === '' && tab === 'manifest')) {
      markRead(file, code);
      const r = parseManifest(code.value, code.valueLine);
      reportAll(file, r.diagnostics);
      if (into.manifest) info(file, 'manifest/extra', 'a second manifest on the page was read and its nodes appended', code.valueLine);
      into.manifest = [...(into.manifest ?? []), ...typeManifest(r.nodes)];
      return;
    }
    if (code.lang !== 'sql' && code.lang !== '') {
      info(file, 'examples/non-sql-code', `a ${code.lang} code block in '${section.title}' is not an example; skipped`, code);
      markReported(file, code);
      return;
    }
    // In a section whose title names no verb, a plain block is an example only when it starts
    // like one: "Example response" output tables sit in such blocks too.
    if (code.lang === '' && sectionVerb === undefined && code.value.trim() !== '' && leadingVerb(code.value) === undefined) {
      info(file, 'examples/non-sql-code', `a plain code block in '${section.title}' does not start with a statement (output?); not an example, skipped`, code);
      markReported(file, code);
      return;
    }
    if (code.value.trim() === '') {
      warn(file, 'examples/empty', 'empty SQL block', code);
      markReported(file, code);
      return;
    }
    markRead(file, code);
    let spans: ReturnType<typeof parseStatementsWithSpans>;
    const repairs: Repair[] = [];
    try {
      // Docs mode: the docs' own broken SQL (empty names, `...`, empty clauses) is repaired and
      // each repair reported, so every example still has a statement.
      spans = parseStatementsWithSpans(code.value, { onRepair: (r) => repairs.push(r) });
    } catch (e) {
      if (!(e instanceof StatementSyntaxError)) throw e;
      const line = code.valueLine + e.line - 1;
      report(file, 'error', 'examples/unparsed-sql', `SQL example does not parse: ${e.reason}`, { line, column: e.column });
      into.examples.push(withMethod({ verb, sql: code.value, line: code.valueLine, parseError: `line ${line}, column ${e.column}: ${e.reason}` }, tab));
      return;
    }
    if (spans.length === 0) {
      warn(file, 'examples/empty', 'SQL block holds no statement (only comments)', code);
      markReported(file, code);
      return;
    }
    if (spans.length > 1) info(file, 'examples/several-statements', `SQL block holds ${spans.length} statements; one example each`, code);
    for (const span of spans) {
      const { statement } = span;
      const sql = spans.length === 1 ? code.value : code.value.slice(span.start, span.end);
      const example: Example = { verb, sql, line: code.valueLine + span.line - 1 };
      const own = repairs.filter((r) => r.offset >= span.start && r.offset < span.end);
      for (const r of own) report(file, 'warning', r.code, `SQL example repaired: ${r.message}`, { line: code.valueLine + r.line - 1, column: r.column });
      if (own.length > 0) example.repairs = own.map((r) => r.code);
      if (statement.kind !== 'show' && statement.kind !== 'describe') {
        example.verb = statement.kind;
        const parts = statement.target.parts.slice(0, statement.kind === 'exec' ? -1 : undefined);
        const target = parts.join('.');
        if (target !== resourceId) {
          example.target = target;
          info(file, 'examples/other-target', `the ${statement.kind.toUpperCase()} example targets ${target}, not ${resourceId}`, example.line);
        }
      }
      into.examples.push(withMethod(example, tab, statement));
    }
  };
  const withMethod = (example: Example, tab: string | undefined, statement?: Statement): Example => {
    if (tab !== undefined) example.variant = tab;
    const method = methodOf(example, statement, tab, methods);
    if (method) example.method = method;
    else info(file, 'examples/method-unknown', `the ${example.verb.toUpperCase()} example could not be tied to one documented method`, example.line);
    return example;
  };
  visitParents(section, (node, ancestors) => {
    if (node.type === 'table') return 'skip';
    if (node.type === 'code') readCode(node as Code, tabOf(ancestors));
    return undefined;
  });
  if (codeBlocks === 0) warn(file, 'examples/empty-section', `section '${section.title}' holds no code block: no example was read`, section);
}

/** Which documented method an example shows: its tab, its EXEC target, or the only candidate. */
function methodOf(example: Example, st: Statement | undefined, tab: string | undefined, methods: Method[]): string | undefined {
  const ofVerb = methods.filter((m) => m.verb === example.verb);
  if (tab !== undefined && ofVerb.some((m) => m.name === tab)) return tab;
  if (st?.kind === 'exec') {
    const name = st.target.parts[st.target.parts.length - 1];
    if (methods.some((m) => m.name === name)) return name;
  }
  if (ofVerb.length === 1) return ofVerb[0].name;
  if (st && 'where' in st) return byRequiredParams(st, ofVerb);
  return undefined;
}

/** Among methods of one verb, the one whose required params are exactly the example's WHERE names. */
function byRequiredParams(st: Extract<Statement, { where: unknown }>, candidates: Method[]): string | undefined {
  const names = new Set(st.where.map((p) => p.name).filter((n): n is string => n !== undefined));
  const fits = candidates.filter((m) => m.requiredParams.every((p) => names.has(p)));
  if (fits.length === 0) return undefined;
  const best = Math.max(...fits.map((m) => m.requiredParams.length));
  const top = fits.filter((m) => m.requiredParams.length === best);
  return top.length === 1 ? top[0].name : undefined;
}
