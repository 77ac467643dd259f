/**
 * One page → one Resource (or a classified non-resource page). Sections are found by their titles;
 * a section this does not know is reported, not guessed at.
 */
import type { PageDiagnostic } from '../parse/diagnostics.ts';
import { DiagnosticSink } from '../parse/diagnostics.ts';
import { splitPage } from '../parse/split-page.ts';
import type { Block, Page, Section } from '../parse/tree.ts';
import type { Resource } from '../core/model.ts';
import { exampleSectionVerb, readExamples, type ExamplesResult } from './examples.ts';
import { readFields } from './fields.ts';
import { readMethods } from './methods.ts';
import { readOverview } from './overview.ts';
import { readParamsTable, resolveParams } from './params.ts';
import { resolvePageTypes } from './datatype.ts';
import { methodDefects, missingRequired, unknownColumnsRead, unknownFunctions } from '../core/doc-defects.ts';

export type PageResult =
  | { kind: 'resource'; resource: Resource; methodRows: number; diagnostics: PageDiagnostic[] }
  | { kind: 'skipped'; reason: string; diagnostics: PageDiagnostic[] };

const IGNORED_SECTIONS = /^(permissions|see also|notes?|usage notes)$/i;

export function extractPage(text: string, file: string): PageResult {
  const page = splitPage(text);
  const sink = new DiagnosticSink();
  sink.list.push(...page.diagnostics);
  const find = (re: RegExp) => page.sections.find((s) => re.test(s.title));

  const overviewSection = find(/^overview$/i);
  const read = overviewSection ? readOverview(overviewSection, sink) : undefined;
  if (read?.indexOf) return { kind: 'skipped', reason: `${read.indexOf}-index`, diagnostics: sink.list };
  const overview = read;
  if (!overview) {
    const reason = classifyNonResource(page);
    if (reason === 'unrecognised') sink.warn('page/not-a-resource', 'page has no Overview Id and is not a known index page; skipped', 1);
    return { kind: 'skipped', reason, diagnostics: sink.list };
  }

  const fieldsSection = find(/^fields$/i);
  const fields = fieldsSection ? readFields(fieldsSection, sink) : { fields: [], fieldSets: [], selectNotSupported: false };
  if (!fieldsSection) {
    // Some generations put the "SELECT not supported" note under Overview instead of a Fields section.
    const note = overviewSection?.children.find((b) => b.type === 'prose' && /select\W+not supported/i.test(b.raw));
    if (note) {
      fields.selectNotSupported = true;
      sink.info('fields/select-not-supported', 'the page says SELECT is not supported for this resource', note.line);
    } else sink.warn('page/no-fields-section', 'resource page has no Fields section', overview.line);
  }

  const methodsSection = find(/^methods$/i);
  const { methods, rowCount } = methodsSection ? readMethods(methodsSection, sink) : { methods: [], rowCount: 0 };
  if (!methodsSection) sink.warn('page/no-methods-section', 'resource page has no Methods section', overview.line);

  const paramsSection = find(/^parameters$/i);
  const tableParams = paramsSection ? readParamsTable(paramsSection, sink) : undefined;

  const ex: ExamplesResult = { examples: [] };
  const known = new Set([overviewSection, fieldsSection, methodsSection, paramsSection]);
  for (const s of page.sections) {
    if (known.has(s)) continue;
    const verb = exampleSectionVerb(s.title);
    if (verb) readExamples(s, verb, overview.id, methods, sink, ex);
    else if (!IGNORED_SECTIONS.test(s.title)) reportUnknownSection(s, sink);
  }

  const params = resolveParams(methods, tableParams, fields.fields, ex.manifest, sink);
  resolvePageTypes(fields.fields, params, ex.manifest);
  for (const d of methodDefects(methods, ex.examples, fields)) sink.warn(d.code, d.message, d.method.line);
  for (const e of ex.examples) {
    const why = unknownFunctions(e);
    if (why) sink.warn('examples/unknown-function', `the ${e.verb.toUpperCase()} example cannot run: ${why}`, e.line);
    const reads = unknownColumnsRead(e, { id: overview.id, fields: fields.fields, params, methods });
    if (reads) sink.warn('examples/unknown-column', `the SELECT example cannot run: ${reads}`, e.line);
    const missing = missingRequired(e, overview.id, methods);
    if (missing) sink.warn('examples/missing-required-param', `the ${e.verb.toUpperCase()} example cannot run: ${missing}`, e.line);
  }
  const resource: Resource = {
    id: overview.id,
    provider: overview.provider,
    service: overview.service,
    name: overview.name,
    kind: overview.kind,
    source: { file, format: formatOf(page, fieldsSection, methodsSection), line: overview.line },
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
  return { kind: 'resource', resource, methodRows: rowCount, diagnostics: sink.list };
}

function reportUnknownSection(s: Section, sink: DiagnosticSink): void {
  const hasSql = someBlock(s.children, (b) => b.type === 'code' && b.lang === 'sql');
  if (hasSql) sink.warn('page/unknown-section-with-sql', `section '${s.title}' has SQL but is not an examples section; not read`, s.line);
  else sink.info('page/unknown-section', `section '${s.title}' was not read`, s.line);
}

function someBlock(blocks: Block[], test: (b: Block) => boolean): boolean {
  return blocks.some((b) => test(b) || ((b.type === 'tabs' || b.type === 'tabItem') && someBlock(b.children, test)));
}

/** Index and landing pages have no Overview Id; say which kind, so the summary can count them. */
function classifyNonResource(page: Page): string {
  const titles = new Set(page.sections.map((s) => s.title.toLowerCase()));
  const intro = page.intro.map((b) => (b.type === 'prose' ? b.raw : '')).join('\n');
  if (titles.has('resources') || /:::info Service Summary/.test(intro)) return 'service-index';
  if (titles.has('services') || titles.has('installation') || titles.has('authentication')) return 'provider-index';
  if (page.sections.length === 0) return 'landing-page';
  return 'unrecognised';
}

/** Which doc generation this is, named by its tables: for the summary and for fixtures. */
function formatOf(page: Page, fields: Section | undefined, methods: Section | undefined): string {
  const tableFormat = (s: Section | undefined) => {
    const t = s?.children.find((b) => b.type === 'table' || b.type === 'tabs');
    if (!t) return 'none';
    return t.type === 'tabs' ? 'tabs' : t.format;
  };
  return `fields:${tableFormat(fields)};methods:${tableFormat(methods)}${page.sections.some((s) => /^parameters$/i.test(s.title)) ? ';params' : ''}`;
}

/** extractPage, with a crash on one page turned into that page's diagnostic: the run goes on. */
export function extractPageSafely(text: string, file: string): PageResult {
  try {
    return extractPage(text, file);
  } catch (e) {
    const err = e as Error;
    return {
      kind: 'skipped',
      reason: 'crash',
      diagnostics: [{ severity: 'error', code: 'page/crash', message: `extraction crashed: ${err.stack ?? err.message}`, line: 1 }],
    };
  }
}
