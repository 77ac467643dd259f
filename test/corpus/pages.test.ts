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
import { parseModel } from '../../generator/core/model-codec.ts';

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

/** A `## Title` section's lines, up to the next `##` heading; undefined when the page has none. */
function sectionBody(text: string, title: RegExp): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^##\s/.test(l) && title.test(l.replace(/^##\s+/, '').replace(/[`*]/g, '').trim()));
  if (start === -1) return undefined;
  let end = lines.findIndex((l, k) => k > start && /^##\s/.test(l));
  if (end === -1) end = lines.length;
  return lines.slice(start + 1, end).join('\n');
}

/**
 * The methods a page documents: its Methods table rows; with no table, one per verb a Methods
 * sentence says is "the only one supported" (the 2023 generation); with no Methods section, the
 * one select of a view's SQL Definition.
 */
function expectedMethods(text: string): number {
  const rows = methodsTableRows(text);
  if (rows > 0) return rows;
  const methods = sectionBody(text, /^methods$/i);
  if (methods !== undefined) {
    const said = /\bonly\s+([\w\s,<>/]+?)\s+(?:is|are)\s+supported\b/i.exec(methods)?.[1] ?? '';
    return said.replace(/<\/?code>/g, ' ').split(/[\s,]+|\band\b/).filter((w) => /^(SELECT|INSERT|UPDATE|REPLACE|DELETE|EXEC)$/i.test(w)).length;
  }
  return /\bSELECT\s+[\s\S]+?\bFROM\b/i.test(sectionBody(text, /^(sql|view) definition$/i) ?? '') ? 1 : 0;
}

/**
 * Whether a page lists fields in any form, from the raw text (independently of the reader): a
 * Fields table with a data row (markdown or HTML), a component whose props carry objects with a
 * name (`fields={[{ "name": ...`), or a view's SQL Definition with a SELECT list.
 */
function listsFields(text: string): boolean {
  const fields = sectionBody(text, /^fields$/i) ?? '';
  const markdownRows = fields.split('\n').filter((l) => /^\s*\|/.test(l)).length - 2;
  const htmlRows = [...fields.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].filter((m) => /<td\b/i.test(m[1])).length;
  const componentRows = /=\{\s*\[\s*\{\s*["']?name["']?\s*:/.test(fields);
  const definition = sectionBody(text, /^(sql|view) definition$/i) ?? '';
  return markdownRows > 0 || htmlRows > 0 || componentRows || /\bSELECT\s+[\s\S]+?\bFROM\b/i.test(definition);
}

/** Diagnostics that report a block no extractor read (coverage.ts, and the extractors' own). */
const BLOCK_REPORTS = /^(page\/unread-block|page\/unknown-section|page\/code-not-read|page\/duplicate-section|fields\/unknown-|methods\/unknown-table|params\/unknown-table|examples\/(non-sql-code|empty)|permissions\/unreadable-block|view\/non-sql-code)/;

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

      // The schema is model.json's: it checks the stored form (core/model-codec.ts), then the Model is decoded.
      expect(validateModel(JSON.parse(built.text))).toEqual([]);
      const model = parseModel(built.text);
      expect(records.filter((r) => r.kind === 'skipped' && ['crash', 'invalid-model', 'over-budget'].includes(r.reason ?? ''))).toEqual([]);
      // Pages nobody could classify would be silently lost otherwise; the real corpus has no
      // empty, cut or badly identified pages.
      for (const reason of ['unrecognised', 'empty', 'no-sections', 'bad-id']) expect(model.summary.skipped[reason] ?? 0).toBe(0);

      const methodMismatches: string[] = [];
      records.forEach((r, k) => {
        if (r.kind !== 'resource') return;
        const expected = expectedMethods(pages[k].text);
        if (r.methods !== expected) methodMismatches.push(`${files[k]}: ${r.methods} methods, table has ${expected} rows`);
      });
      const unparsed = model.resources.flatMap((r) => r.examples.filter((e) => !exampleStatement(e)).map((e) => `${r.source.file}:${e.line} ${e.parseError}`));
      console.log(`${records.filter((r) => r.kind === 'resource').length - methodMismatches.length} resource pages with every Methods row read; ${model.summary.examples - unparsed.length}/${model.summary.examples} examples parsed`);
      expect(methodMismatches.slice(0, 20)).toEqual([]);
      expect(unparsed.slice(0, 20)).toEqual([]);

      // Every page that lists fields in any form has them in the model.
      const byFile = new Map(model.resources.map((r) => [r.source.file, r]));
      const fieldless: string[] = [];
      let listing = 0;
      records.forEach((r, k) => {
        const resource = r.kind === 'resource' ? byFile.get(read.pages[k].file) : undefined;
        if (!resource || !listsFields(pages[k].text)) return;
        listing++;
        if (resource.fields.length === 0) fieldless.push(`${files[k]} (${resource.source.format})`);
      });
      const fields = model.resources.reduce((n, r) => n + r.fields.length, 0);
      const nested = (fs: Model['resources'][number]['fields']): number => fs.reduce((n, f) => n + 1 + nested(f.children ?? []), 0);
      const views = model.resources.filter((r) => r.kind === 'view');
      console.log(
        `${listing - fieldless.length}/${listing} resource pages that list fields have them in the model; ${fields} top-level fields, ` +
          `${model.resources.reduce((n, r) => n + nested(r.fields), 0) - fields} nested; ${views.length} views, ${views.filter((v) => v.methods.length > 0).length} with a select method`,
      );
      expect(fieldless.slice(0, 20)).toEqual([]);

      // Coverage: blocks of resource pages read, at least 99.9%; a page with an unread block names it.
      const blocks = model.summary.blocks!;
      expect(blocks.total).toBeGreaterThan(0);
      expect(blocks.read / blocks.total).toBeGreaterThanOrEqual(0.999);
      const silent = records.flatMap((r, k) =>
        r.kind === 'resource' && r.blocks && r.blocks.read < r.blocks.total && !r.diagnostics.some((d) => BLOCK_REPORTS.test(d.code)) ? [files[k]] : [],
      );
      expect(silent.slice(0, 20)).toEqual([]);
    }, 600_000);
  });
}
