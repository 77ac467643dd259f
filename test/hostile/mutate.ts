/**
 * Page mutations as an unlucky user or an attacker makes them (line endings, truncation, NUL and
 * non-UTF-8 bytes, lost structural lines, hostile runs), and the judge of what the reader did with
 * them: a mutated resource page that is dropped, or loses methods, fields, parameters, examples
 * or manifest nodes, must say so with a warning or an error it did not have before.
 * Used by test/hostile/mutated-pages.test.ts (docs/ pages) and mutate-corpus.ts (the corpus).
 */
import { extractPageSafely, type PageResult } from '../../generator/extract/resource.ts';

export interface Mutation {
  kind: string;
  /** The mutated page as bytes (so non-UTF-8 input is real) and as the reader will decode it. */
  text: string;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same mutations. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const decode = (bytes: Buffer) => new TextDecoder('utf-8').decode(bytes);
const STRUCTURAL = /^(\s*(```|~~~)|<\/?Tabs\b|<\/?TabItem\b|<\/TabItem>|#{1,2}\s|\s*\|\s*:?-|<\/?table\b|<\/tbody>|`\}<\/CodeBlock>)/i;

export const KINDS = [
  'cr-only', 'crlf', 'bom', 'empty', 'blank', 'truncate-bytes', 'truncate-line', 'cut-before-first-section',
  'nul-in-delimiter', 'nul-random', 'invalid-utf8-name', 'invalid-utf8-random', 'drop-structural-line',
  'indent-structural-line', 'duplicate-line', 'swap-lines', 'long-spaces-heading', 'long-backticks-cell',
  'long-brackets-cell', 'long-stars-cell', 'long-angle-heading',
] as const;
export type Kind = (typeof KINDS)[number];

export function mutate(page: string, kind: Kind, random: () => number): Mutation {
  const lines = page.split('\n');
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const lineIndexes = (test: (l: string) => boolean) => lines.map((l, i) => (test(l) ? i : -1)).filter((i) => i >= 0);
  const withLine = (i: number, l: string) => [...lines.slice(0, i), l, ...lines.slice(i + 1)].join('\n');
  const bytes = Buffer.from(page, 'utf8');
  switch (kind) {
    case 'cr-only':
      return { kind, text: page.replace(/\r?\n/g, '\r') };
    case 'crlf':
      return { kind, text: page.replace(/\r?\n/g, '\r\n') };
    case 'bom':
      return { kind, text: `\ufeff${page}` };
    case 'empty':
      return { kind, text: '' };
    case 'blank':
      return { kind, text: '\n  \n\t\n' };
    case 'truncate-bytes':
      return { kind, text: decode(bytes.subarray(0, Math.floor(random() * bytes.length))) };
    case 'truncate-line':
      return { kind, text: lines.slice(0, Math.floor(random() * lines.length)).join('\n') };
    case 'cut-before-first-section': {
      const at = lines.findIndex((l) => /^##\s/.test(l));
      return { kind, text: lines.slice(0, at === -1 ? lines.length : at).join('\n') };
    }
    case 'nul-in-delimiter': {
      const rows = lineIndexes((l) => /^\s*\|\s*:?-/.test(l));
      if (rows.length === 0) return mutate(page, 'nul-random', random);
      const i = pick(rows);
      const k = Math.floor(random() * lines[i].length);
      return { kind, text: withLine(i, `${lines[i].slice(0, k)}\u0000${lines[i].slice(k)}`) };
    }
    case 'nul-random': {
      const k = Math.floor(random() * page.length);
      return { kind, text: `${page.slice(0, k)}\u0000${page.slice(k)}` };
    }
    case 'invalid-utf8-name': {
      // A byte that is not UTF-8 inside a name the page gives as code.
      const names = [...page.matchAll(/code="([A-Za-z][\w]+)"/g)];
      if (names.length === 0) return mutate(page, 'invalid-utf8-random', random);
      const m = pick(names);
      const at = Buffer.byteLength(page.slice(0, (m.index ?? 0) + 7));
      return { kind, text: decode(Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)])) };
    }
    case 'invalid-utf8-random': {
      const at = Math.floor(random() * bytes.length);
      return { kind, text: decode(Buffer.concat([bytes.subarray(0, at), Buffer.from([0xc3, 0x28]), bytes.subarray(at)])) };
    }
    case 'drop-structural-line': {
      const candidates = lineIndexes((l) => STRUCTURAL.test(l));
      if (candidates.length === 0) return mutate(page, 'swap-lines', random);
      const i = pick(candidates);
      return { kind, text: [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') };
    }
    case 'indent-structural-line': {
      const candidates = lineIndexes((l) => STRUCTURAL.test(l));
      if (candidates.length === 0) return mutate(page, 'swap-lines', random);
      const i = pick(candidates);
      return { kind, text: withLine(i, `    ${lines[i]}`) };
    }
    case 'duplicate-line': {
      const i = Math.floor(random() * lines.length);
      return { kind, text: [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n') };
    }
    case 'swap-lines': {
      const i = Math.floor(random() * Math.max(1, lines.length - 1));
      const out = lines.slice();
      [out[i], out[i + 1]] = [out[i + 1] ?? '', out[i]];
      return { kind, text: out.join('\n') };
    }
    case 'long-spaces-heading':
      return { kind, text: `${page}\n## a${' '.repeat(3000)}b\n` };
    case 'long-backticks-cell':
    case 'long-brackets-cell':
    case 'long-stars-cell': {
      const run = { 'long-backticks-cell': '`', 'long-brackets-cell': '[', 'long-stars-cell': '**' }[kind].repeat(kind === 'long-stars-cell' ? 16_384 : 32_768);
      const rows = lineIndexes((l) => /^\s*\|.*\|\s*$/.test(l) && !/^\s*\|\s*:?-/.test(l));
      if (rows.length === 0) return { kind, text: `${page}\n${run}\n` };
      const i = pick(rows);
      return { kind, text: withLine(i, lines[i].replace(/\|\s*$/, `${run} |`)) };
    }
    case 'long-angle-heading':
      return { kind, text: `${page}\n## ${'<'.repeat(50_000)}\n` };
  }
}

export interface Counts {
  resource: boolean;
  methods: number;
  fields: number;
  params: number;
  examples: number;
  manifest: number;
}

export function countsOf(r: PageResult): Counts {
  if (r.kind !== 'resource') return { resource: false, methods: 0, fields: 0, params: 0, examples: 0, manifest: 0 };
  const x = r.resource;
  const nodes = (ns: typeof x.manifest): number => (ns ?? []).reduce((n, m) => n + 1 + nodes(m.props), 0);
  return { resource: true, methods: x.methods.length, fields: x.fields.length, params: x.params.filter((p) => p.origin === 'table').length, examples: x.examples.length, manifest: nodes(x.manifest) };
}

export interface Verdict {
  kind: string;
  /** 'kept': nothing lost; 'dropped'/'cut' with a new warning or error; 'silent-*' without one. */
  outcome: 'kept' | 'dropped' | 'cut' | 'silent-drop' | 'silent-cut';
  lost: string[];
  newCodes: string[];
}

/** What a mutation did to a page that was a resource, and whether the reader said so. */
export function judge(original: PageResult, mutated: PageResult, kind: string): Verdict {
  const before = countsOf(original);
  const after = countsOf(mutated);
  const lost: string[] = [];
  if (before.resource && !after.resource) lost.push(`resource (${mutated.kind === 'skipped' ? mutated.reason : ''})`);
  else for (const k of ['methods', 'fields', 'params', 'examples', 'manifest'] as const) if (after[k] < before[k]) lost.push(`${k} ${before[k]} -> ${after[k]}`);
  const serious = (r: PageResult) => {
    const m = new Map<string, number>();
    for (const d of r.diagnostics) if (d.severity !== 'info') m.set(d.code, (m.get(d.code) ?? 0) + 1);
    return m;
  };
  const was = serious(original);
  const newCodes = [...serious(mutated)].filter(([code, n]) => n > (was.get(code) ?? 0)).map(([code]) => code);
  if (lost.length === 0) return { kind, outcome: 'kept', lost, newCodes };
  const dropped = before.resource && !after.resource;
  if (newCodes.length > 0) return { kind, outcome: dropped ? 'dropped' : 'cut', lost, newCodes };
  return { kind, outcome: dropped ? 'silent-drop' : 'silent-cut', lost, newCodes };
}

export function readBoth(page: string, file: string, m: Mutation): { original: PageResult; mutated: PageResult } {
  return { original: extractPageSafely(page, file), mutated: extractPageSafely(m.text, file) };
}
