/**
 * The example sections (`SELECT examples`, `INSERT example`, ..., `Lifecycle Methods`): every SQL
 * block, raw and parsed with the project's statement parser, tied to the method and tab it
 * documents; YAML blocks are manifests.
 */
import { parseStatementsWithSpans, StatementSyntaxError, type Repair } from '../core/sql/index.ts';
import type { Statement } from '../core/sql/ast.ts';
import type { DiagnosticSink } from '../parse/diagnostics.ts';
import type { Block, Code, Section } from '../parse/tree.ts';
import type { Example, ManifestNode, Method, Verb } from '../core/model.ts';
import { parseManifest } from './manifest.ts';
import { typeManifest } from './datatype.ts';

/** The verb an example section documents, from its title; undefined when it is not one. */
export function exampleSectionVerb(title: string): Verb | undefined {
  const t = title.toLowerCase();
  if (/^lifecycle methods\b/.test(t) || /^exec examples?\b/.test(t)) return 'exec';
  const m = /^(select|insert|update|replace|delete|exec) examples?\b/.exec(t);
  return m ? (m[1] as Verb) : undefined;
}

export interface ExamplesResult {
  examples: Example[];
  manifest?: ManifestNode[];
}

export function readExamples(section: Section, verb: Verb, resourceId: string, methods: Method[], sink: DiagnosticSink, into: ExamplesResult): void {
  const walk = (blocks: Block[], tab: string | undefined) => {
    for (const b of blocks) {
      if (b.type === 'tabs') walk(b.children, tab);
      else if (b.type === 'tabItem') walk(b.children, b.value);
      else if (b.type === 'code') readCode(b, tab);
    }
  };
  const readCode = (code: Code, tab: string | undefined) => {
    if (code.lang === 'yaml' || code.lang === 'yml' || (code.lang === '' && tab === 'manifest')) {
      const r = parseManifest(code.value, code.line);
      sink.list.push(...r.diagnostics);
      if (into.manifest) sink.info('manifest/extra', 'a second manifest on the page was read and its nodes appended', code.line);
      into.manifest = [...(into.manifest ?? []), ...typeManifest(r.nodes)];
      return;
    }
    if (code.lang !== 'sql' && code.lang !== '') {
      sink.info('examples/non-sql-code', `a ${code.lang} code block in '${section.title}' is not an example; skipped`, code.line);
      return;
    }
    if (code.value.trim() === '') {
      sink.warn('examples/empty', 'empty SQL block', code.line);
      return;
    }
    let spans: ReturnType<typeof parseStatementsWithSpans>;
    const repairs: Repair[] = [];
    try {
      // Docs mode: the docs' own broken SQL (empty names, `...`, empty clauses) is repaired and
      // each repair reported, so every example still has a statement.
      spans = parseStatementsWithSpans(code.value, { onRepair: (r) => repairs.push(r) });
    } catch (e) {
      if (!(e instanceof StatementSyntaxError)) throw e;
      const line = code.line + e.line - 1;
      sink.add('error', 'examples/unparsed-sql', `SQL example does not parse: ${e.reason}`, line, e.column);
      into.examples.push(withMethod({ verb, sql: code.value, line: code.line, parseError: `line ${line}, column ${e.column}: ${e.reason}` }, tab));
      return;
    }
    if (spans.length === 0) {
      sink.warn('examples/empty', 'SQL block holds no statement (only comments)', code.line);
      return;
    }
    if (spans.length > 1) sink.info('examples/several-statements', `SQL block holds ${spans.length} statements; one example each`, code.line);
    for (const span of spans) {
      const { statement } = span;
      const sql = spans.length === 1 ? code.value : code.value.slice(span.start, span.end);
      const example: Example = { verb, sql, statement, line: code.line + span.line - 1 };
      const own = repairs.filter((r) => r.offset >= span.start && r.offset < span.end);
      for (const r of own) sink.add('warning', r.code, `SQL example repaired: ${r.message}`, code.line + r.line - 1, r.column);
      if (own.length > 0) example.repairs = own.map((r) => r.code);
      if (statement.kind !== 'show' && statement.kind !== 'describe') {
        example.verb = statement.kind;
        const parts = statement.target.parts.slice(0, statement.kind === 'exec' ? -1 : undefined);
        const target = parts.join('.');
        if (target !== resourceId) {
          example.target = target;
          sink.info('examples/other-target', `the ${statement.kind.toUpperCase()} example targets ${target}, not ${resourceId}`, example.line);
        }
      }
      into.examples.push(withMethod(example, tab));
    }
  };
  const withMethod = (example: Example, tab: string | undefined): Example => {
    if (tab !== undefined) example.variant = tab;
    const method = methodOf(example, tab, methods);
    if (method) example.method = method;
    else sink.info('examples/method-unknown', `the ${example.verb.toUpperCase()} example could not be tied to one documented method`, example.line);
    return example;
  };
  walk(section.children, undefined);
}

/** Which documented method an example shows: its tab, its EXEC target, or the only candidate. */
function methodOf(example: Example, tab: string | undefined, methods: Method[]): string | undefined {
  const ofVerb = methods.filter((m) => m.verb === example.verb);
  if (tab !== undefined && ofVerb.some((m) => m.name === tab)) return tab;
  const st = example.statement;
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
