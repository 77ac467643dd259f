/**
 * Drift: where a server (the mock, or a real StackQL middleware) disagrees with the docs. Each
 * contract test records what it found on its task (`task.meta.drift`), whether or not the test then
 * fails; the reporter (reporter.ts) gathers the entries of the whole run into `contract-drift.json`
 * and `contract-drift.md`. No dependencies.
 */

export type DriftKind =
  /** A documented field the rows lack. */
  | 'missing-field'
  /** A field the rows have that the docs do not list. */
  | 'extra-field'
  /** A field whose value is not of the documented type. */
  | 'wrong-type'
  /** The server refused a statement the docs describe (status and message kept). */
  | 'rejected-statement'
  /** The server says a param is missing (it wants one the docs do not require, or under another name). */
  | 'missing-param'
  /** The server accepted a statement that lacks a param the docs require. */
  | 'required-param-not-enforced'
  /** The client's statement differs from the docs' example (target, columns, params, body fields). */
  | 'statement-shape'
  /** create → get → list → update → delete did not behave as a resource should. */
  | 'round-trip';

export const DRIFT_KINDS: readonly DriftKind[] = [
  'missing-field',
  'extra-field',
  'wrong-type',
  'rejected-statement',
  'missing-param',
  'required-param-not-enforced',
  'statement-shape',
  'round-trip',
];

export type DriftCheck = 'method' | 'select-star' | 'required-param' | 'example' | 'round-trip';

export interface DriftEntry {
  /** provider.service.resource */
  resource: string;
  /** The documented method, or `example at line N`, or `round trip`. */
  method: string;
  check: DriftCheck;
  kind: DriftKind;
  field?: string | undefined;
  param?: string | undefined;
  /** What the docs say (a type, a value, a list). */
  expected?: string | undefined;
  /** What the server (or the client) did. */
  actual?: string | undefined;
  /** HTTP status of a refused statement. */
  status?: number | undefined;
  /** The server's own message for a refused statement. */
  serverMessage?: string | undefined;
  /** The statement sent. */
  statement?: string | undefined;
  /** One line saying all of the above. */
  message: string;
  /** Set by the reporter: the test and its file. */
  test?: string;
  file?: string;
}

export interface DriftReport {
  /** The endpoint the suites ran against: a URL, or 'mock' for the generated MSW handlers. */
  target: string;
  mutations: boolean;
  createdAt: string;
  tests: { total: number; passed: number; failed: number; skipped: number };
  /** Resources with at least one entry. */
  resources: number;
  byKind: Partial<Record<DriftKind, number>>;
  entries: DriftEntry[];
  /** Tests that failed without recording drift (a crash, a client that could not render, a timeout). */
  otherFailures: Array<{ test: string; file?: string; message: string }>;
}

/** Entries sorted by resource, method, kind, field/param: the same run gives the same report. */
export function sortEntries(entries: DriftEntry[]): DriftEntry[] {
  const key = (e: DriftEntry) => [e.resource, e.method, e.kind, e.field ?? e.param ?? '', e.message].join('\u0000');
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function buildReport(
  entries: DriftEntry[],
  tests: DriftReport['tests'],
  options: { target: string; mutations: boolean; createdAt?: string; otherFailures?: DriftReport['otherFailures'] },
): DriftReport {
  const sorted = sortEntries(entries);
  const byKind: Partial<Record<DriftKind, number>> = {};
  for (const e of sorted) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return {
    target: options.target,
    mutations: options.mutations,
    createdAt: options.createdAt ?? new Date().toISOString(),
    tests,
    resources: new Set(sorted.map((e) => e.resource)).size,
    byKind,
    entries: sorted,
    otherFailures: [...(options.otherFailures ?? [])].sort((a, b) => (a.test < b.test ? -1 : a.test > b.test ? 1 : 0)),
  };
}

const KIND_WORDS: Record<DriftKind, string> = {
  'missing-field': 'missing field',
  'extra-field': 'undocumented field',
  'wrong-type': 'wrong type',
  'rejected-statement': 'rejected statement',
  'missing-param': 'param the server says is missing',
  'required-param-not-enforced': 'required param not enforced',
  'statement-shape': "client statement differs from the docs' example",
  'round-trip': 'round trip',
};

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The readable summary: totals, then one section per resource with one line per entry. */
export function renderMarkdown(report: DriftReport): string {
  const lines: string[] = ['# Contract drift', ''];
  lines.push(`Target: ${report.target}${report.mutations ? ' (mutations allowed)' : report.target === 'mock' ? '' : ' (read-only)'}  `);
  lines.push(`Run: ${report.createdAt}  `);
  const t = report.tests;
  lines.push(`Tests: ${t.total} (${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped)`);
  lines.push('');
  const others = () => {
    if (report.otherFailures.length === 0) return;
    lines.push('', `## Failures that recorded no drift (${report.otherFailures.length})`, '');
    for (const f of report.otherFailures) lines.push(`- ${escapeCell(f.test)}: ${escapeCell(f.message)}`);
  };
  if (report.entries.length === 0) {
    lines.push('No drift: every checked answer matched the docs.');
    others();
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${report.entries.length} disagreement(s) in ${report.resources} resource(s):`, '');
  lines.push('| kind | count |', '| --- | --- |');
  for (const kind of DRIFT_KINDS) if (report.byKind[kind]) lines.push(`| ${KIND_WORDS[kind]} | ${report.byKind[kind]} |`);
  let resource = '';
  for (const e of report.entries) {
    if (e.resource !== resource) {
      resource = e.resource;
      lines.push('', `## ${resource}`, '', '| method | check | kind | field / param | what |', '| --- | --- | --- | --- | --- |');
    }
    lines.push(`| ${escapeCell(e.method)} | ${e.check} | ${KIND_WORDS[e.kind]} | ${escapeCell(e.field ?? e.param ?? '')} | ${escapeCell(e.message)} |`);
  }
  others();
  return `${lines.join('\n')}\n`;
}

/** A few lines for the end of a test run. */
export function summaryLines(report: DriftReport, paths?: { json: string; markdown: string }, max = 20): string[] {
  const lines: string[] = [];
  const where = paths ? ` (written to ${paths.json} and ${paths.markdown})` : '';
  const others = report.otherFailures.length > 0 ? `; ${report.otherFailures.length} failing test(s) recorded no drift` : '';
  if (report.entries.length === 0) {
    lines.push(`contract drift against ${report.target}: none${others}${where}`);
    return lines;
  }
  const kinds = DRIFT_KINDS.filter((k) => report.byKind[k]).map((k) => `${report.byKind[k]} ${KIND_WORDS[k]}`);
  lines.push(`contract drift against ${report.target}: ${report.entries.length} in ${report.resources} resource(s): ${kinds.join(', ')}${others}${where}`);
  for (const e of report.entries.slice(0, max)) lines.push(`  ${e.resource} ${e.method}: ${e.message}`);
  if (report.entries.length > max) lines.push(`  … and ${report.entries.length - max} more`);
  return lines;
}

/**
 * The params a server's message names, of those the caller knows about (whole words; `data__x`
 * also matches `x`). Used to turn "missing required parameter userinvitationsId for ..." into a
 * `missing-param` entry for `userinvitationsId`.
 */
export function paramsNamedIn(message: string, candidates: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of candidates) {
    const bare = name.replace(/^data__/, '');
    const escaped = [name, bare].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (escaped.some((n) => new RegExp(`(^|[^A-Za-z0-9_$])${n}($|[^A-Za-z0-9_$])`).test(message))) found.push(name);
  }
  return found;
}

/** Whether a server's message says a parameter is missing. */
export function saysMissingParam(message: string): boolean {
  return /\bmissing\b[^.;]*\bparam/i.test(message) || /\bparam[a-z]*\b[^.;]*\b(is |are )?(missing|required)\b/i.test(message);
}

/**
 * The params a server's message says are missing: those it lists the way the mock and StackQL
 * word it (`missing required parameter(s) a, b for ...`), else the known ones it names.
 */
export function missingParamsIn(message: string, known: readonly string[]): string[] {
  if (!saysMissingParam(message)) return [];
  const listed = /missing required param(?:eter)?s?\s+(.+?)(?:\s+for\b|;|$)/i.exec(message);
  if (listed) {
    const names = listed[1]!.split(/\s*,\s*|\s+and\s+/).map((n) => n.replace(/^['"`]|['"`]$/g, '').trim()).filter((n) => /^[^\s]+$/.test(n));
    if (names.length > 0) return [...new Set(names)];
  }
  return paramsNamedIn(message, known);
}
