// The corpus check: every page of ../shared/corpus comes out as a resource or a counted skip, every
// Methods-table row becomes a method (counted here from the raw text, independently of the
// parser), and every SQL example parses. Skipped with a message when ../shared is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../generator/model/validate.ts';
import { readModel } from '../../generator/read-model.ts';
import { listPages } from '../../generator/read/list-pages.ts';
import { formatSummary } from '../../generator/report.ts';
import type { Model } from '../../generator/core/model.ts';
import { exampleStatement } from '../../generator/core/example-statement.ts';

const CORPUS = join('..', 'shared', 'corpus');
const present = existsSync(CORPUS);
if (!present) console.warn(`${CORPUS} not found: corpus checks skipped (they run in CI, which has ../shared)`);

/** Rows of the Methods section's table(s), counted from the raw lines. */
function methodsTableRows(text: string): number {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^##\s+Methods\s*$/.test(l));
  if (start === -1) return 0;
  let end = lines.findIndex((l, k) => k > start && /^##\s/.test(l));
  if (end === -1) end = lines.length;
  const body = lines.slice(start + 1, end).join('\n');
  if (/<table/i.test(body)) {
    // Every <tr> that is not the header row.
    return [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].filter((m) => !/<th\b/i.test(m[1])).length;
  }
  // Markdown: rows start with '|'; minus the header and the delimiter.
  return Math.max(0, body.split('\n').filter((l) => /^\s*\|/.test(l)).length - 2);
}

// Every folder of the corpus: each is a doc generation (or a site) of its own.
for (const corpus of present ? readdirSync(CORPUS).sort() : ['(none)']) {
  describe.skipIf(!present)(`corpus: ${corpus}`, () => {
    it('every page parses into a resource or a counted skip; methods and examples are complete', async () => {
      const started = performance.now();
      const read = await readModel(join(CORPUS, corpus), { cacheFile: false });
      const { built } = read;
      const records = read.pages.map((p) => p.record);
      const files = listPages(join(CORPUS, corpus));
      const pages = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
      console.log(`\n${corpus}\n${formatSummary(built, { seconds: (performance.now() - started) / 1000, bytes: read.bytes, parsed: read.parsed, cacheHits: 0 })}`);

      const model = JSON.parse(built.text) as Model;
      expect(validateModel(model)).toEqual([]);
      expect(records.filter((r) => r.kind === 'skipped' && ['crash', 'invalid-model', 'over-budget'].includes(r.reason ?? ''))).toEqual([]);
      // Pages nobody could classify would be silently lost otherwise; the real corpus has no
      // empty, cut or badly identified pages.
      for (const reason of ['unrecognised', 'empty', 'no-sections', 'bad-id']) expect(model.summary.skipped[reason] ?? 0).toBe(0);

      const methodMismatches: string[] = [];
      records.forEach((r, k) => {
        if (r.kind !== 'resource') return;
        const expected = methodsTableRows(pages[k].text);
        if (r.methods !== expected) methodMismatches.push(`${files[k]}: ${r.methods} methods, table has ${expected} rows`);
      });
      const unparsed = model.resources.flatMap((r) => r.examples.filter((e) => !exampleStatement(e)).map((e) => `${r.source.file}:${e.line} ${e.parseError}`));
      console.log(`${records.filter((r) => r.kind === 'resource').length - methodMismatches.length} resource pages with every Methods row read; ${model.summary.examples - unparsed.length}/${model.summary.examples} examples parsed`);
      expect(methodMismatches.slice(0, 20)).toEqual([]);
      expect(unparsed.slice(0, 20)).toEqual([]);
    }, 600_000);
  });
}
