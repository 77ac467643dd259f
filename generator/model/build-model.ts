/**
 * Page records → model.json text: resources sorted by id, diagnostics with their file, and a
 * summary that accounts for every page read. Resources arrive already serialised (see
 * page-record.ts), so this splices text (model-text.ts); core/model-codec.ts parseModel of the result
 * is the Model.
 */
import { createHash } from 'node:crypto';
import { resourceJsonOf, type PageRecord } from './page-record.ts';
import { modelText } from './model-text.ts';
import { typeViewFields } from './view-types.ts';
import { decodeResource } from '../core/model-codec.ts';
import { MODEL_VERSION, type Diagnostic, type ModelSummary } from '../core/model.ts';

export interface PageOutcome {
  file: string;
  record: PageRecord;
  /** False when --include/--exclude left the page's resource out. */
  selected: boolean;
}

export interface BuiltModel {
  /** model.json's text, joined on first use: `parts` write it (and hashed it) without that string of tens of MB. */
  readonly text: string;
  /** Pieces whose concatenation is `text` (model-text.ts). */
  readonly parts: readonly string[];
  summary: ModelSummary;
  diagnostics: Diagnostic[];
  /**
   * The resource ids, sorted, with the record each came from and its JSON as model.json has it (a
   * view's fields typed from its base, so not always the record's own).
   */
  resources: Array<{ id: string; file: string; record: PageRecord; json: string; range: readonly [start: number, end: number] }>;
  /** model.json's size in bytes; each resource's `range` is where its JSON sits in them (model-text.ts). */
  bytes: number;
  /** sha1 of the text (hex): what the output folder's stamp is made from (pipeline.ts outputStamp). */
  hash: string;
}

export function buildModel(outcomes: PageOutcome[]): BuiltModel {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, { id: string; file: string; record: PageRecord }>();
  const skipped: Record<string, number> = {};
  const count = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);

  for (const { file, record, selected } of outcomes) {
    for (const d of record.diagnostics) diagnostics.push({ ...d, file });
    if (record.kind === 'skipped' || !record.id) {
      count(record.reason ?? 'unknown');
      continue;
    }
    if (!selected) {
      count('excluded');
      continue;
    }
    const first = byId.get(record.id);
    if (first) {
      // The page whose folder and Name say the id is the resource's own; the other (a page that
      // copied its Overview) is left out. A tie keeps the page read first.
      const keepNew = idMatch(record.id, file, record.title) > idMatch(first.id, first.file, first.record.title);
      const [kept, dropped] = keepNew ? [{ file, record }, first] : [first, { file, record }];
      diagnostics.push({ severity: 'error', code: 'resource/duplicate-id', message: `resource ${record.id} is also documented in ${kept.file}, whose name and path match the id ${keepNew ? 'better' : 'as well or better'}; this page was left out`, file: dropped.file, line: 1 });
      diagnostics.push({ severity: 'warning', code: 'resource/duplicate-id-kept', message: `resource ${record.id} is also claimed by ${dropped.file}, which was left out; this page was kept`, file: kept.file, line: 1 });
      count('duplicate-id');
      if (keepNew) byId.set(record.id, { id: record.id, file, record });
      continue;
    }
    byId.set(record.id, { id: record.id, file, record });
  }
  const viewJson = typeViews(byId, diagnostics);
  const resources = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => ({ ...r, json: viewJson.get(r.id) ?? r.record.resourceJson! }));
  diagnostics.sort(compareDiagnostics);
  const summary: ModelSummary = {
    pages: outcomes.length,
    resources: resources.length,
    skipped: Object.fromEntries(Object.entries(skipped).sort(([a], [b]) => a.localeCompare(b))),
    methods: resources.reduce((n, r) => n + r.record.methods, 0),
    examples: resources.reduce((n, r) => n + r.record.examples, 0),
    blocks: {
      total: resources.reduce((n, r) => n + (r.record.blocks?.total ?? 0), 0),
      read: resources.reduce((n, r) => n + (r.record.blocks?.read ?? 0), 0),
    },
  };
  const printed = modelText(MODEL_VERSION, summary, resources.map((r) => r.json), diagnostics);
  const { parts, bytes, ranges } = printed;
  const sha1 = createHash('sha1');
  for (const part of parts) sha1.update(part);
  const hash = sha1.digest('hex');
  return {
    get text() {
      return printed.text;
    },
    parts,
    bytes,
    hash,
    summary,
    diagnostics,
    resources: resources.map((r, k) => ({ ...r, range: ranges[k]! })),
  };
}

/**
 * Each view's fields typed from its base resource (view-types.ts), as new resource JSON by view id:
 * the records stay as read (they are cached). A view whose base is not in the model is reported.
 */
function typeViews(byId: Map<string, { id: string; file: string; record: PageRecord }>, diagnostics: Diagnostic[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const { id, file, record } of byId.values()) {
    if (record.viewBase === undefined || record.resourceJson === undefined) continue;
    const view = decodeResource(JSON.parse(record.resourceJson));
    const base = byId.get(record.viewBase);
    if (base?.record.resourceJson === undefined) {
      diagnostics.push({ severity: 'warning', code: 'view/base-missing', message: `view ${id} reads ${record.viewBase}, which is not in the model (its page is missing or was excluded): the view's fields stay untyped and the mock cannot run it`, file, line: view.source.line });
      continue;
    }
    const typed = typeViewFields(view, decodeResource(JSON.parse(base.record.resourceJson)));
    if (typed.typed > 0) out.set(id, resourceJsonOf(typed.resource));
  }
  return out;
}

/**
 * How well a page's folder path and Overview Name say a resource id (`p.s.r`): the folder named
 * like the resource counts most, then its parent named like the service, then the Name.
 */
function idMatch(id: string, file: string, title: string | undefined): number {
  const [provider, service, ...rest] = id.split('.');
  const name = rest.join('.');
  const folders = file.replace(/\\/g, '/').split('/');
  const page = folders.pop() ?? '';
  // `widgets.md` names its resource as a folder `widgets/index.md` does.
  if (!/^index\.mdx?$/i.test(page)) folders.push(page.replace(/\.mdx?$/i, ''));
  const last = folders[folders.length - 1];
  let score = 0;
  if (last === name) score += 4;
  if (folders[folders.length - 2] === service) score += 2;
  if (title === name) score += 2;
  if (folders.includes(provider)) score += 1;
  return score;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
