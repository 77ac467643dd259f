// The mutated-page suite, CI-sized: every resource page of docs/ under every kind of mutation
// (three seeds each); a page dropped or cut must carry a warning or an error it did not have.
// The corpus-sized run is `npm run mutate:corpus` (test/hostile/mutate-corpus.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPageSafely } from '../../generator/extract/resource.ts';
import { listPages } from '../../generator/read/list-pages.ts';
import { judge, KINDS, mutate, rng } from './mutate.ts';

const pages = listPages('docs')
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
  .filter((p) => extractPageSafely(p.text, p.file).kind === 'resource');

describe('mutated pages: nothing dropped or cut in silence', () => {
  it('has resource pages to mutate', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });

  for (const kind of KINDS) {
    it(kind, () => {
      const silent: string[] = [];
      let changed = 0;
      for (const [k, p] of pages.entries()) {
        for (const seed of [1, 2, 3]) {
          const m = mutate(p.text, kind, rng(seed * 1000 + k));
          const v = judge(extractPageSafely(p.text, p.file), extractPageSafely(m.text, p.file), kind);
          if (v.outcome !== 'kept') changed++;
          if (v.outcome.startsWith('silent')) silent.push(`${p.file} seed ${seed}: ${v.outcome} (${v.lost.join(', ')})`);
        }
      }
      expect(silent).toEqual([]);
      if (['cr-only', 'crlf', 'bom'].includes(kind)) expect(changed).toBe(0);
      if (['empty', 'blank', 'cut-before-first-section'].includes(kind)) expect(changed).toBe(pages.length * 3);
    });
  }
});
