// Bad input at page level: each case is read as far as it can be and says what happened, at the
// right line. The base page is the confluent reference page in docs/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPage, extractPageSafely, type PageResult } from '../../generator/extract/resource.ts';
import { readHeading } from '../../generator/parse/heading.ts';
import { inlineToText } from '../../generator/parse/inline.ts';

const FILE = 'docs/providers/confluent/iam/invitations/index.md';
const page = readFileSync(FILE, 'utf8');
const lines = page.split('\n');
const lineOf = (re: RegExp) => lines.findIndex((l) => re.test(l)) + 1;
const codes = (r: PageResult, severity?: string) => r.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => d.code);
const resource = (r: PageResult) => {
  if (r.kind !== 'resource') throw new Error(`skipped: ${r.reason}`);
  return r.resource;
};
const base = resource(extractPage(page, FILE));

describe('line endings and bytes', () => {
  it('reads a page with lone-CR line endings as the same resource', () => {
    const r = extractPage(page.replace(/\n/g, '\r'), FILE);
    expect(resource(r).methods.map((m) => m.name)).toEqual(base.methods.map((m) => m.name));
    expect(resource(r).fields.length).toBe(base.fields.length);
    expect(codes(r)).toContain('page/cr-line-endings');
  });

  it('reports bytes that were not UTF-8 at their line', () => {
    const at = page.indexOf('code="email"') + 6;
    const bytes = Buffer.concat([Buffer.from(page.slice(0, at)), Buffer.from([0xff]), Buffer.from(page.slice(at))]);
    const r = extractPage(new TextDecoder().decode(bytes), FILE);
    const d = r.diagnostics.find((x) => x.code === 'page/invalid-utf8');
    expect(d).toMatchObject({ severity: 'warning', line: lineOf(/code="email"/) });
    expect(resource(r).fields.map((f) => f.name)).toContain('\ufffdemail');
  });

  it('reports one NUL in the Methods delimiter row instead of leaving 0 methods in silence', () => {
    const delimiter = lineOf(/^## Methods/) + 2;
    const broken = lines.map((l, i) => (i === delimiter - 1 ? l.replace('---', '-\u0000--') : l)).join('\n');
    const r = extractPage(broken, FILE);
    expect(resource(r).methods).toEqual([]);
    expect(codes(r, 'warning')).toEqual(expect.arrayContaining(['page/control-character', 'table/not-a-table', 'methods/unreadable-table']));
    expect(r.diagnostics.find((d) => d.code === 'table/not-a-table')?.line).toBe(delimiter - 1);
  });
});

describe('pages that are not resources', () => {
  it('an empty page is skipped as empty, with a warning, not counted as a landing page', () => {
    for (const text of ['', '\n\n  \n']) {
      const r = extractPage(text, FILE);
      expect(r).toMatchObject({ kind: 'skipped', reason: 'empty' });
      expect(codes(r, 'warning')).toEqual(['page/empty']);
    }
  });

  it('a page cut before its first ## is reported, and a component page is a landing page', () => {
    const cut = extractPage(lines.slice(0, lineOf(/^## Overview/) - 1).join('\n'), FILE);
    expect(cut).toMatchObject({ kind: 'skipped', reason: 'no-sections' });
    expect(codes(cut, 'warning')).toEqual(['page/no-sections']);
    const landing = extractPage("---\ntitle: x\n---\nimport P from '@site/p';\n\n<RegistryPage currentProvider=\"x\" />\n", FILE);
    expect(landing).toMatchObject({ kind: 'skipped', reason: 'landing-page', diagnostics: [] });
  });

  it('an Overview id with a NUL, U+FFFD or a slash is refused: it would name files and folders', () => {
    for (const bad of ['confluent.iam.invi\u0000tations', 'confluent.i\ufffdam.invitations', 'confluent.iam.../etc']) {
      const r = extractPage(page.replace('code="confluent.iam.invitations"', `code="${bad}"`), FILE);
      expect(r).toMatchObject({ kind: 'skipped', reason: 'bad-id' });
      expect(r.diagnostics.find((d) => d.code === 'overview/bad-id')).toMatchObject({ severity: 'error', line: lineOf(/<b>Id<\/b>/) });
      expect(JSON.stringify(r.diagnostics)).not.toContain('\u0000');
    }
  });
});

describe('structure', () => {
  it('an unclosed fence is reported at its line and ends before the next ## heading', () => {
    const fence = lineOf(/^```sql/);
    const closing = lines.findIndex((l, i) => i >= fence && /^```\s*$/.test(l));
    const broken = lines.filter((_l, i) => i !== closing).join('\n');
    const r = extractPage(broken, FILE);
    const d = r.diagnostics.find((x) => x.code === 'page/unclosed-fence');
    expect(d).toMatchObject({ severity: 'warning', line: fence });
    expect(codes(r)).not.toContain('page/no-methods-section');
    expect(resource(r).methods.length).toBe(base.methods.length);
  });

  it('a page over its time budget is skipped with an error, not lost', () => {
    const r = extractPageSafely(page, FILE, { budgetMs: -1 });
    expect(r).toMatchObject({ kind: 'skipped', reason: 'over-budget' });
    expect(codes(r, 'error')).toEqual(['page/over-budget']);
  });
});

describe('hostile runs read as text (linear readers; timing is in bench/)', () => {
  it('a heading of `## a`, 3,000 spaces and `b`', () => {
    expect(readHeading(`## a${' '.repeat(3000)}b`)).toEqual({ depth: 2, raw: `a${' '.repeat(3000)}b` });
  });

  it('cells of backticks, [ and ** with no partner stay as written', () => {
    expect(inlineToText('`'.repeat(16_384))).toBe('`'.repeat(16_384));
    expect(inlineToText('['.repeat(16_384))).toBe('['.repeat(16_384));
    expect(inlineToText(`x${'** '.repeat(8_192)}`)).toBe(`x${'** '.repeat(8_192)}`.trim());
    expect(inlineToText('**'.repeat(8_192))).toMatch(/^\**$/);
    expect(inlineToText('<'.repeat(16_384))).toBe('<'.repeat(16_384));
  });

  it('still reads the markup it knows around them', () => {
    expect(inlineToText('a `b` [c](d) **e** *f* <br/>g &amp; <CopyableCode code="h" />')).toBe('a b c e f g & h');
    expect(inlineToText('[![GA](https://img.shields.io/x)](#s) Text')).toBe('Text');
  });
});
