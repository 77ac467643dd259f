/**
 * Every ```sql example in the provider docs must parse. The corpus is not part of the repository;
 * it sits beside it at ../shared/corpus, and without it these checks are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStatements, StatementSyntaxError } from '../../mocks/sql/index.ts';
import { KNOWN_BROKEN } from './sql-known-broken.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(projectRoot, '../shared/corpus');
const found = existsSync(corpus);

interface SqlBlock {
  /** Path relative to the corpus root. */
  file: string;
  /** 1-based line of the opening fence; the block's first line is the next one. */
  fenceLine: number;
  sql: string;
}

function* pages(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* pages(path);
    else if (entry.name.endsWith('.md') || entry.name.endsWith('.mdx')) yield path;
  }
}

/** A line scan, not a Markdown parse: a line starting with ```sql opens a block, one starting with ``` closes it. */
function* sqlBlocks(root: string): Generator<SqlBlock> {
  for (const path of pages(root)) {
    const lines = readFileSync(path, 'utf8').split('\n');
    let fenceLine = 0;
    let body: string[] | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (body === undefined) {
        if (line.startsWith('```sql')) {
          fenceLine = i + 1;
          body = [];
        }
      } else if (line.startsWith('```')) {
        yield { file: relative(root, path), fenceLine, sql: body.join('\n') };
        body = undefined;
      } else {
        body.push(line);
      }
    }
  }
}

(found ? describe : describe.skip)(found ? 'SQL examples in ../shared/corpus' : '../shared/corpus not found: corpus checks skipped', () => {
  it('every ```sql block parses, apart from the pages listed as known-broken', () => {
    const started = Date.now();
    let blocks = 0;
    let statements = 0;
    const unexpected: string[] = [];
    const allowed = new Map<string, number>();
    const brokenPagesSeen = new Set<string>();

    for (const block of sqlBlocks(corpus)) {
      blocks++;
      try {
        statements += parseStatements(block.sql).length;
      } catch (error) {
        if (!(error instanceof StatementSyntaxError)) throw error;
        const where = `${block.file}:${block.fenceLine + error.line}`;
        const known = KNOWN_BROKEN.find((k) => k.files.includes(block.file) && k.message.test(error.reason));
        if (known === undefined) {
          unexpected.push(`${where}: ${error.message}`);
        } else {
          allowed.set(known.label, (allowed.get(known.label) ?? 0) + 1);
          brokenPagesSeen.add(`${known.label} ${block.file}`);
        }
      }
    }

    const stale = KNOWN_BROKEN.flatMap((k) => k.files.filter((f) => !brokenPagesSeen.has(`${k.label} ${f}`)).map((f) => `${k.label}: ${f}`));
    const allowedTotal = [...allowed.values()].reduce((a, b) => a + b, 0);
    console.log(
      `${blocks} sql blocks, ${statements} statements parsed in ${Date.now() - started} ms; ` +
        `${unexpected.length} unexpected failures; ${allowedTotal} known-broken (${[...allowed].map(([k, n]) => `${k} ${n}`).join(', ')})`,
    );
    if (unexpected.length > 0) console.log(`first failures:\n${unexpected.slice(0, 20).join('\n')}`);
    if (stale.length > 0) console.log(`listed as known-broken but parsed (remove them from sql-known-broken.ts):\n${stale.join('\n')}`);

    expect(blocks).toBeGreaterThan(0);
    expect(unexpected.slice(0, 20)).toEqual([]);
    expect(stale).toEqual([]);
  });
});
