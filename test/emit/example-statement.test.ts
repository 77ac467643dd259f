/**
 * model.json stores an example's SQL text, not its tree (core/example-statement.ts): the tree read
 * back from the text is the statement extraction read, for every example of docs/, and survives
 * the trip through model.json's text. (test/corpus/sql-corpus.test.ts checks, for every block of
 * the corpus, that each statement's text reads alone as the same statement.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleStatement, parseExampleSql } from '../../generator/core/example-statement.ts';
import type { Model } from '../../generator/core/model.ts';
import { parseStatementsWithSpans } from '../../generator/core/sql/index.ts';
import { modelTextOf } from '../../generator/model/model-text.ts';
import { validateModel } from '../../generator/model/validate.ts';
import { modelFromDocs } from '../../mocks/server/model.ts';

describe('example statements from their text', () => {
  it('every docs/ example that parsed reads back as a statement of its verb and target', async () => {
    const model = await modelFromDocs('docs');
    const examples = model.resources.flatMap((r) => r.examples.map((e) => ({ r, e })));
    expect(examples.length).toBeGreaterThan(20);
    for (const { r, e } of examples) {
      const st = exampleStatement(e);
      expect(st === undefined, `${r.id}:${e.line}`).toBe(e.parseError !== undefined);
      if (!st || st.kind === 'show' || st.kind === 'describe') continue;
      expect(st.kind).toBe(e.verb);
      const target = st.target.parts.slice(0, st.kind === 'exec' ? -1 : undefined).join('.');
      expect(e.target ?? r.id).toBe(target);
    }
  });

  it('model.json holds the text only, and the trees read from it equal a fresh docs-mode parse', async () => {
    const model = await modelFromDocs('docs');
    const text = modelTextOf(model).text;
    expect(text).not.toContain('"statement"');
    const back = JSON.parse(text) as Model;
    expect(validateModel(back)).toEqual([]);
    for (const [i, r] of back.resources.entries()) {
      for (const [k, e] of r.examples.entries()) {
        if (e.parseError !== undefined) continue;
        const spans = parseStatementsWithSpans(e.sql, { onRepair: () => undefined });
        expect(spans).toHaveLength(1);
        expect(exampleStatement(e)).toEqual(spans[0]!.statement);
        expect(exampleStatement(e)).toEqual(exampleStatement(model.resources[i]!.examples[k]!));
      }
    }
  });

  it('a stored tree is refused by the schema, and text that is not one statement reads as none', () => {
    const model = JSON.parse(readFileSync('generated/model.json', 'utf8')) as Model;
    const r = model.resources.find((x) => x.examples.length > 0)!;
    (r.examples[0] as unknown as Record<string, unknown>).statement = { kind: 'select' };
    expect(validateModel(model).join('\n')).toMatch(/additional/i);
    expect(parseExampleSql('SELECT 1; SELECT 2')).toBeUndefined();
    expect(parseExampleSql('not sql at all')).toBeUndefined();
    expect(exampleStatement({ verb: 'select', sql: 'SELECT 1', parseError: 'line 1: x', line: 1 })).toBeUndefined();
  });
});
