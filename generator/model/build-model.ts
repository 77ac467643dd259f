/**
 * Page results → the Model: resources sorted by id, diagnostics with their file, a summary that
 * accounts for every page read.
 */
import type { PageResult } from '../extract/resource.ts';
import { MODEL_VERSION, type Diagnostic, type Model, type Resource } from './types.ts';

export interface PageOutcome {
  file: string;
  result: PageResult;
  /** False when --include/--exclude left the page's resource out. */
  selected: boolean;
}

export function buildModel(outcomes: PageOutcome[]): Model {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, Resource>();
  const skipped: Record<string, number> = {};
  const count = (reason: string) => (skipped[reason] = (skipped[reason] ?? 0) + 1);

  for (const { file, result, selected } of outcomes) {
    for (const d of result.diagnostics) diagnostics.push({ ...d, file });
    if (result.kind === 'skipped') {
      count(result.reason);
      continue;
    }
    if (!selected) {
      count('excluded');
      continue;
    }
    const r = result.resource;
    const first = byId.get(r.id);
    if (first) {
      diagnostics.push({ severity: 'error', code: 'resource/duplicate-id', message: `resource ${r.id} is also documented in ${first.source.file}; this page was left out`, file, line: r.source.line });
      count('duplicate-id');
      continue;
    }
    byId.set(r.id, r);
  }
  const resources = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  diagnostics.sort(compareDiagnostics);
  return {
    version: MODEL_VERSION,
    resources,
    diagnostics,
    summary: {
      pages: outcomes.length,
      resources: resources.length,
      skipped: Object.fromEntries(Object.entries(skipped).sort(([a], [b]) => a.localeCompare(b))),
      methods: resources.reduce((n, r) => n + r.methods.length, 0),
      examples: resources.reduce((n, r) => n + r.examples.length, 0),
    },
  };
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
