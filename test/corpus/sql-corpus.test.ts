/**
 * Every ```sql block in the provider docs, read by the strict grammar (the mock's) and in docs mode
 * (onRepair): what strict refuses, docs mode repairs and names each repair by code, or refuses with
 * a positioned reason, and only where no statement starts. No list of pages: a new broken doc
 * statement is a repair or a reason, never an allowance. The corpus is not part of the repository;
 * it sits beside it at ../shared/corpus, and without it these checks are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseStatement,
  parseStatements,
  parseStatementsWithSpans,
  StatementSyntaxError,
  type Repair,
  type Statement,
  type StatementSpan,
} from '../../generator/core/sql/index.ts';

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

type Outcome<T> = { ok: T } | { error: StatementSyntaxError };

function attempt<T>(run: () => T): Outcome<T> {
  try {
    return { ok: run() };
  } catch (error) {
    if (!(error instanceof StatementSyntaxError)) throw error;
    return { error };
  }
}

interface Parsed {
  block: SqlBlock;
  strict: Outcome<Statement[]>;
  docs: Outcome<StatementSpan[]>;
  repairs: Repair[];
}

/** A statement as JSON without its positions: a statement re-read from its own span sits elsewhere. */
function withoutPositions(statement: Statement): string {
  return JSON.stringify(statement, (key, value: unknown) => (key === 'pos' ? undefined : value));
}

(found ? describe : describe.skip)(found ? 'SQL examples in ../shared/corpus' : '../shared/corpus not found: corpus checks skipped', () => {
  const parsed: Parsed[] = [];
  let strictMs = 0;
  let docsMs = 0;

  beforeAll(() => {
    for (const block of sqlBlocks(corpus)) {
      let started = performance.now();
      const strict = attempt(() => parseStatements(block.sql));
      strictMs += performance.now() - started;
      const repairs: Repair[] = [];
      started = performance.now();
      const docs = attempt(() => parseStatementsWithSpans(block.sql, { onRepair: (r) => repairs.push(r) }));
      docsMs += performance.now() - started;
      parsed.push({ block, strict, docs, repairs });
    }
    // Reading and parsing the corpus twice takes seconds: more than a hook's default allowance.
  }, 600_000);

  it('strict grammar: every block parses, or docs mode repairs it by code, or refuses it with a positioned reason', () => {
    const statements = parsed.reduce((n, p) => n + ('ok' in p.strict ? p.strict.ok.length : 0), 0);
    const refusedStrict = parsed.filter((p) => 'error' in p.strict);
    const repaired = refusedStrict.filter((p) => 'ok' in p.docs);
    const refused = parsed.flatMap((p) => ('error' in p.docs ? [{ p, error: p.docs.error }] : []));
    console.log(
      `strict: ${parsed.length} sql blocks, ${statements} statements parsed in ${Math.round(strictMs)} ms; ` +
        `${refusedStrict.length} refused, of which docs mode repairs ${repaired.length} and refuses ${refused.length}` +
        (refused.length > 0 ? `:\n${refused.map(({ p, error }) => `  ${p.block.file}:${p.block.fenceLine + error.line}: ${error.message}`).join('\n')}` : ''),
    );
    expect(parsed.length).toBeGreaterThan(0);
    // A refusal must say where: a reason a user can act on, not a bare "syntax error".
    const unpositioned = refused.filter(({ error }) => !(error.line >= 1 && error.column >= 1) || error.reason === '');
    expect(unpositioned.map(({ p }) => p.block.file)).toEqual([]);
  });

  it('docs mode: repairs are reported by code; what it refuses is no statement at all', () => {
    const statements = parsed.reduce((n, p) => n + ('ok' in p.docs ? p.docs.ok.length : 0), 0);
    const byCode = new Map<string, number>();
    for (const p of parsed) for (const r of p.repairs) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
    const repaired = parsed.filter((p) => 'ok' in p.docs && p.repairs.length > 0).length;
    console.log(
      `docs mode: ${parsed.length} sql blocks, ${statements} statements parsed in ${Math.round(docsMs)} ms; ` +
        `${repaired} blocks repaired; repairs: ` +
        [...byCode].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `${code} ${n}`).join(', '),
    );
    for (const r of parsed.flatMap((p) => p.repairs)) expect(r.code).toMatch(/^sql\/[a-z-]+$/);
    // Docs mode gives up only where no statement starts: a block that opens with a statement
    // keyword must be read, repaired if need be.
    const statementKeyword = /^\s*(?:(?:--[^\n]*|\/\*(?!\+)[\s\S]*?\*\/)\s*)*(select|insert|update|replace|delete|exec|show|describe)\b/i;
    const refusedStatements = parsed.filter((p) => 'error' in p.docs && statementKeyword.test(p.block.sql));
    expect(refusedStatements.map((p) => `${p.block.file}:${p.block.fenceLine + 1}`).slice(0, 20)).toEqual([]);
  });

  it('docs mode reads what the strict grammar accepts exactly as it does, with no repair; what it refuses, with at least one', () => {
    const changed: string[] = [];
    const unrepaired: string[] = [];
    for (const p of parsed) {
      if (!('ok' in p.docs)) continue;
      const where = `${p.block.file}:${p.block.fenceLine + 1}`;
      if ('ok' in p.strict) {
        const same = JSON.stringify(p.docs.ok.map((s) => s.statement)) === JSON.stringify(p.strict.ok);
        if (!same || p.repairs.length > 0) changed.push(where);
      } else if (p.repairs.length === 0) {
        unrepaired.push(where);
      }
    }
    expect(changed.slice(0, 20)).toEqual([]);
    expect(unrepaired.slice(0, 20)).toEqual([]);
  });

  it("each statement's span reads alone as the same statement", () => {
    let multi = 0;
    const differing: string[] = [];
    for (const p of parsed) {
      if (!('ok' in p.docs)) continue;
      if (p.docs.ok.length > 1) multi++;
      for (const span of p.docs.ok) {
        const text = p.block.sql.slice(span.start, span.end);
        const again = parseStatement(text, { onRepair: () => {} });
        if (withoutPositions(again) !== withoutPositions(span.statement)) differing.push(`${p.block.file}:${p.block.fenceLine + span.line}`);
      }
    }
    console.log(`${multi} blocks hold more than one statement`);
    expect(differing.slice(0, 20)).toEqual([]);
  });
});
