/**
 * One page → one Resource (or a classified non-resource page), as a unified pipeline: the
 * `docPage` parser makes the tree, `resourceCompiler` reads it, and every diagnostic on the way is
 * a message on the page's VFile. Sections are found by their titles; a section this does not know
 * is reported, not guessed at, and every block no extractor read is reported (coverage.ts).
 */
import { unified, type Plugin } from 'unified';
import { CONTINUE, EXIT, SKIP, visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { OverBudget, startBudget } from '../parse/budget.ts';
import { diagnosticsOf, info, report, warn, type PageDiagnostic } from '../parse/diagnostics.ts';
import { docPage } from '../parse/doc-page.ts';
import { introOf, lineOf, sectionsOf, type Code, type Root, type Section } from '../parse/tree.ts';
import type { Method, Resource } from '../core/model.ts';
import { exampleStatement } from '../core/example-statement.ts';
import { accountBlocks, markRead, markReported, markReportedDeep, type BlockCounts } from './coverage.ts';
import { exampleSectionVerb, readExamples, type ExamplesResult } from './examples.ts';
import { readExtraParams, addExtraParams, mergeParams } from './extra-params.ts';
import { addExampleParams } from './example-params.ts';
import { readFields, type FieldsResult } from './fields.ts';
import { readMethods, verbsSaidSupported } from './methods.ts';
import { readOverview } from './overview.ts';
import { readParamsTable, resolveParams } from './params.ts';
import { readPermissions } from './permissions.ts';
import { readViewDefinition } from './view.ts';
import { resolvePageTypes } from './datatype.ts';
import { methodDefects, missingRequired, unknownColumnsRead, unknownFunctions, typeWordValues } from '../core/doc-defects.ts';

export type PageResult =
  | { kind: 'resource'; resource: Resource; methodRows: number; blocks: BlockCounts; diagnostics: PageDiagnostic[] }
  | { kind: 'skipped'; reason: string; diagnostics: PageDiagnostic[] };

type Compiled = { kind: 'resource'; resource: Resource; methodRows: number; blocks: BlockCounts } | { kind: 'skipped'; reason: string };

declare module 'unified' {
  interface CompileResultMap {
    Compiled: Compiled;
  }
}

/** Sections with nothing to read but prose: read when they hold no table, code or component. */
const PROSE_SECTIONS = /^(see also|notes?|usage notes)$/i;
/**
 * Parameters documented apart from the Parameters table: awscc's "Additional Parameters"
 * (ClientToken, RoleArn, ...), a hand-written page's "Required Parameters for Message Creation".
 */
const EXTRA_PARAMS_SECTION = /\bparam(eter)?s\b/i;

/** The unified compiler that turns a page tree into a Resource (or the reason it is not one). */
export const resourceCompiler: Plugin<[], Root, Compiled> = function () {
  this.compiler = (tree, file) => compilePage(tree as Root, file);
};

const pageProcessor = unified().use(docPage).use(resourceCompiler).freeze();

export interface ExtractOptions {
  /** Per-page time budget in ms (parse/budget.ts). */
  budgetMs?: number;
}

export function extractPage(text: string, path: string, options: ExtractOptions = {}): PageResult {
  const file = new VFile({ path, value: text });
  startBudget(file, options.budgetMs);
  pageProcessor.processSync(file);
  const compiled = file.result as Compiled;
  return { ...compiled, diagnostics: diagnosticsOf(file) };
}

function compilePage(root: Root, file: VFile): Compiled {
  const sections = sectionsOf(root);
  const find = (re: RegExp) => sections.find((s) => re.test(s.title));

  const overviewSection = find(/^overview$/i);
  const overview = overviewSection ? readOverview(overviewSection, file) : undefined;
  if (overview?.indexOf) return { kind: 'skipped', reason: `${overview.indexOf}-index` };
  if (overview?.badId) return { kind: 'skipped', reason: 'bad-id' };
  if (!overview) return { kind: 'skipped', reason: classifyNonResource(root, file) };

  // A view's SQL Definition is its field list and its method (view.ts).
  const definitionSection = find(/^(sql|view) definition$/i);
  const view = definitionSection ? readViewDefinition(definitionSection, overview.id, file) : undefined;
  if (definitionSection) markRead(file, definitionSection);

  const fieldsSection = find(/^fields$/i);
  const fields: FieldsResult = fieldsSection ? readFields(fieldsSection, file) : { fields: [], fieldSets: [], selectNotSupported: false, formats: [] };
  if (fieldsSection) markRead(file, fieldsSection);
  if (view && fields.fields.length === 0 && view.fields.length > 0) {
    fields.fields = view.fields;
    fields.formats.push('sql-definition');
  } else if (fields.pointsToDefinition && !view) {
    warn(file, 'fields/no-definition', "the Fields section points to the SQL Definition, which the page does not have: the resource has no fields", fieldsSection!);
  }
  if (!fieldsSection) {
    // Some generations put the "SELECT not supported" note under Overview instead of a Fields section.
    const note = overviewSection?.children.find((b) => b.type === 'prose' && /select\W+not supported/i.test(b.value));
    if (note) {
      fields.selectNotSupported = true;
      info(file, 'fields/select-not-supported', 'the page says SELECT is not supported for this resource', note);
    } else if (!view) warn(file, 'page/no-fields-section', 'resource page has no Fields section', overview.line);
  }

  const methodsSection = find(/^methods$/i);
  const read = methodsSection ? readMethods(methodsSection, file) : { methods: [], rowCount: 0, formats: [] };
  const { methods, rowCount } = read;
  const methodFormats = [...read.formats];
  if (methodsSection) markRead(file, methodsSection);
  if (!methodsSection && view?.method) {
    methods.push(view.method);
    methodFormats.push('sql-definition');
  } else if (!methodsSection) warn(file, 'page/no-methods-section', 'resource page has no Methods section', overview.line);
  const said = methodsSection && methods.length === 0 ? saidMethods(methodsSection, overview.id) : [];
  if (said.length > 0) {
    methods.push(...said);
    methodFormats.push('text');
  }

  const paramsSection = find(/^parameters$/i);
  const tableParams = paramsSection ? readParamsTable(paramsSection, file) : undefined;
  if (paramsSection) markRead(file, paramsSection);
  const extraSection = sections.find((s) => s !== paramsSection && EXTRA_PARAMS_SECTION.test(s.title));
  const extra = extraSection ? readExtraParams(extraSection, file) : undefined;
  if (extraSection) markRead(file, extraSection);
  const permissionsSection = find(/^permissions$/i);
  const permissions = permissionsSection ? readPermissions(permissionsSection, file) : [];
  if (permissionsSection) markRead(file, permissionsSection);

  const ex: ExamplesResult = { examples: [] };
  const known = new Set([overviewSection, fieldsSection, methodsSection, paramsSection, definitionSection, extraSection, permissionsSection]);
  for (const s of [overviewSection, fieldsSection, methodsSection, paramsSection, extraSection]) if (s) reportCodeIn(s, file);
  let generic = 0;
  let specific = 0;
  for (const s of sections) {
    if (known.has(s)) continue;
    const twin = [...known].find((k) => k && k.title.toLowerCase() === s.title.toLowerCase());
    if (twin) {
      warn(file, 'page/duplicate-section', `a second '${s.title}' section (the first is at line ${twin.position!.start.line}) was not read`, s);
      markReportedDeep(file, s);
      continue;
    }
    const verb = exampleSectionVerb(s.title);
    if (verb) {
      markRead(file, s);
      if (verb === 'any') generic++;
      else specific++;
      readExamples(s, verb === 'any' ? undefined : verb, overview.id, methods, file, ex);
    } else if (PROSE_SECTIONS.test(s.title) && !holdsBlocks(s)) markRead(file, s);
    else reportUnknownSection(s, file);
  }

  for (const m of said) completeSaidMethod(m, ex, overview.id, file);
  // The single-`## Example` generation shows one example, whatever the methods.
  if (specific > 0 || generic === 0) reportMissingExamples(methods, ex, paramsSection !== undefined, file);
  // No resource page of the corpus ends with its Overview, Fields or Parameters section.
  const last = sections[sections.length - 1];
  if (last === overviewSection || last === fieldsSection || last === paramsSection) {
    warn(file, 'page/ends-early', `the page ends with its '${last.title}' section (cut short?)`, last.position!.end);
  }
  if (extra) addExtraParams(methods, extra, file);
  addExampleParams(methods, ex.examples, fields.fields, [...(tableParams ?? []), ...(extra?.params ?? [])], file);
  const params = mergeParams(resolveParams(methods, tableParams, fields.fields, ex.manifest, file), extra?.params);
  resolvePageTypes(fields.fields, params, ex.manifest);
  for (const d of methodDefects(methods, ex.examples, fields)) report(file, d.severity, d.code, d.message, d.method.line);
  for (const e of ex.examples) {
    const why = unknownFunctions(e);
    if (why) warn(file, 'examples/unknown-function', `the ${e.verb.toUpperCase()} example cannot run: ${why}`, e.line);
    const reads = unknownColumnsRead(e, { id: overview.id, fields: fields.fields, params, methods });
    if (reads) warn(file, 'examples/unknown-column', `the SELECT example cannot run: ${reads}`, e.line);
    const missing = missingRequired(e, overview.id, methods, params);
    if (missing) warn(file, 'examples/missing-required-param', `the ${e.verb.toUpperCase()} example cannot run: ${missing}`, e.line);
    for (const v of typeWordValues(exampleStatement(e))) {
      warn(file, 'examples/type-word-value', `the ${e.verb.toUpperCase()} example writes the type word ${v.word} as the value of '${v.column}': as SQL it reads a column, which SET cannot; run with a sample of that type`, e.line);
    }
  }
  const format = [`fields:${fields.formats.join('+') || 'none'}`, `methods:${methodFormats.join('+') || 'none'}`];
  if (paramsSection) format.push('params');
  if (extra && extra.params.length > 0) format.push('extra-params');
  const resource: Resource = {
    id: overview.id,
    provider: overview.provider,
    service: overview.service,
    name: overview.name,
    kind: overview.kind,
    source: { file: file.path, format: format.join(';'), line: overview.line },
    fields: fields.fields,
    fieldSets: fields.fieldSets,
    methods,
    params,
    examples: ex.examples,
  };
  if (overview.title) resource.title = overview.title;
  if (overview.description) resource.description = overview.description;
  if (ex.manifest) resource.manifest = ex.manifest;
  if (fields.selectNotSupported) resource.selectNotSupported = true;
  if (view) resource.view = view.view;
  if (permissions.length > 0) resource.permissions = permissions;
  const blocks = accountBlocks(root, file);
  return { kind: 'resource', resource, methodRows: rowCount, blocks };
}

/**
 * "Currently only SELECT is supported for this resource" and no table: one method per verb said,
 * named after it. Examples are tied to it as to any only method of its verb; its required params
 * are then the names its example compares in WHERE (the one place the page says what it needs).
 */
function saidMethods(section: Section, id: string): Method[] {
  return verbsSaidSupported(section).map((verb) => ({
    name: verb,
    verb,
    rawVerb: '',
    requiredParams: [],
    optionalParams: [],
    requiredParamsResolved: [],
    description: `The ${verb.toUpperCase()} the Methods section says ${id} supports.`,
    line: lineOf(section),
  }));
}

function completeSaidMethod(method: Method, ex: ExamplesResult, id: string, file: VFile): void {
  const st = ex.examples.filter((e) => e.method === method.name).map(exampleStatement).find((s) => s !== undefined);
  const names = st && 'where' in st ? st.where.filter((p) => p.name !== undefined && (p.op === undefined || p.op === '=')).map((p) => p.name!) : [];
  method.requiredParams = [...new Set(names)];
  const needs = method.requiredParams.length > 0 ? method.requiredParams.join(', ') : 'nothing';
  info(file, 'methods/derived-from-text', `the Methods section says only ${method.verb.toUpperCase()} is supported for ${id}: method '${method.name}' requires ${needs}${st ? ', as its example shows' : ' (no example shows more)'}`, method.line);
}

function holdsBlocks(s: Section): boolean {
  let found = false;
  visit(s, (node) => {
    if (node.type === 'table' || node.type === 'code' || node.type === 'jsx') found = true;
    return found ? EXIT : CONTINUE;
  });
  return found;
}

/**
 * Every page of the corpus that has examples shows one for each SELECT, INSERT, DELETE and REPLACE
 * method it lists (UPDATE and EXEC examples are often left out): one missing means a lost section.
 * Measured on ../shared/corpus: neither warning fires on an unmutated page.
 */
function reportMissingExamples(methods: Method[], ex: ExamplesResult, hasParamsSection: boolean, file: VFile): void {
  // Pages of the generations with a Parameters section always have examples; older ones may not.
  if (ex.examples.length === 0 && methods.length > 0 && hasParamsSection) {
    warn(file, 'examples/none', 'the page lists methods and parameters but has no example section (cut short?)', methods[0].line);
  }
  if (ex.examples.length === 0) return;
  const shown = new Set(ex.examples.map((e) => e.verb));
  for (const verb of ['select', 'insert', 'delete', 'replace'] as const) {
    const m = methods.find((x) => x.verb === verb);
    if (m && !shown.has(verb)) warn(file, 'examples/missing-verb', `method '${m.name}' is accessible by ${verb.toUpperCase()}, but the page has no ${verb.toUpperCase()} example (a lost section?)`, m.line);
  }
}

/** Code in a section that holds tables: nothing reads it (a lost examples heading puts it there). */
function reportCodeIn(s: Section, file: VFile): void {
  // Tables hold no code: skipping their rows and cells keeps this walk cheap on big Fields tables.
  visit(s, (node) => {
    if (node.type === 'table') return SKIP;
    if (node.type === 'code') {
      const code = node as Code;
      warn(file, 'page/code-not-read', `a ${code.lang || 'plain'} code block in '${s.title}' was not read (is an examples heading missing above it?)`, code);
      markReported(file, code);
    }
    return CONTINUE;
  });
}

/**
 * A section no extractor knows. One diagnostic names it and what it holds: a warning when that is
 * SQL, a table or a component (data the model lacks), info when it is prose only.
 */
function reportUnknownSection(s: Section, file: VFile): void {
  const held = { sql: 0, table: 0, code: 0, jsx: 0 };
  visit(s, (node) => {
    if (node.type === 'table') {
      held.table++;
      return SKIP;
    }
    if (node.type === 'code') {
      if ((node as Code).lang === 'sql') held.sql++;
      else held.code++;
    } else if (node.type === 'jsx') held.jsx++;
    return CONTINUE;
  });
  markReportedDeep(file, s);
  const what = [[held.sql, 'SQL block'], [held.table, 'table'], [held.code, 'other code block'], [held.jsx, 'component']]
    .filter(([n]) => (n as number) > 0)
    .map(([n, w]) => `${n} ${w}${n === 1 ? '' : 's'}`)
    .join(', ');
  if (held.sql > 0) warn(file, 'page/unknown-section-with-sql', `section '${s.title}' has SQL but is not an examples section; not read (${what})`, s);
  else if (what !== '') warn(file, 'page/unknown-section-with-data', `section '${s.title}' holds ${what} but no extractor knows the section; not read`, s);
  else info(file, 'page/unknown-section', `section '${s.title}' was not read`, s);
}

/**
 * Index and landing pages have no Overview Id; say which kind, so the summary can count them. A
 * page with no sections is a landing page only when a component renders it; an empty page or one
 * cut before its first `##` is reported.
 */
function classifyNonResource(root: Root, file: VFile): string {
  const sections = sectionsOf(root);
  const titles = new Set(sections.map((s) => s.title.toLowerCase()));
  const intro = introOf(root);
  const introText = intro.map((b) => (b.type === 'prose' ? b.value : '')).join('\n');
  if (titles.has('resources') || /:::info Service Summary/.test(introText)) return 'service-index';
  if (titles.has('services') || titles.has('installation') || titles.has('authentication')) return 'provider-index';
  if (sections.length === 0) {
    if (String(file.value).trim() === '') {
      warn(file, 'page/empty', 'the page is empty', 1);
      return 'empty';
    }
    if (intro.some((b) => b.type === 'jsx')) return 'landing-page';
    warn(file, 'page/no-sections', 'the page has no ## sections and no component that renders it (cut short?); skipped', root.children[root.children.length - 1] ?? 1);
    return 'no-sections';
  }
  warn(file, 'page/not-a-resource', 'page has no Overview Id and is not a known index page; skipped', 1);
  return 'unrecognised';
}

/** extractPage, with a crash or an overrun on one page turned into that page's diagnostic: the run goes on. */
export function extractPageSafely(text: string, file: string, options: ExtractOptions = {}): PageResult {
  try {
    return extractPage(text, file, options);
  } catch (e) {
    if (e instanceof OverBudget) {
      return { kind: 'skipped', reason: 'over-budget', diagnostics: [{ severity: 'error', code: 'page/over-budget', message: `${e.message}; skipped`, line: e.line }] };
    }
    const err = e as Error;
    return {
      kind: 'skipped',
      reason: 'crash',
      diagnostics: [{ severity: 'error', code: 'page/crash', message: `extraction crashed: ${err.stack ?? err.message}`, line: 1 }],
    };
  }
}
