/**
 * The CI-sized fuzz run (`npm run fuzz` is the 100,000-input one, results in bench/FUZZ.md):
 * statements through the parser in every mode and through the engine. Targets: the parser raises
 * nothing but its own StatementSyntaxError; the engine answers every statement with a status and a
 * JSON body ({data} or {error}), never a 500 (an internal error), and keeps answering. A fixed seed
 * (FUZZ_SEED to change it) keeps CI deterministic.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStatement, parseStatements, StatementSyntaxError } from '../../generator/core/sql/index.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { likeTest } from '../../mocks/engine/show.ts';
import { docsModel } from '../helpers/model.ts';
import { statementArbitraries } from './statements.ts';

const seed = Number(process.env.FUZZ_SEED ?? 20261130);
const model = docsModel();
// Nesting and chains up to 3,000 here (the full run goes to 12,000): far past the parser's limits.
const arb = statementArbitraries(model, { maxRepeat: 3_000 });

/** Every way the project parses a statement; anything but StatementSyntaxError is a failure. */
export function parseEveryWay(sql: string): void {
  const modes = [
    () => parseStatement(sql, { templates: false }),
    () => parseStatement(sql),
    () => parseStatement(sql, { onRepair: () => undefined }),
    () => parseStatements(sql, { onRepair: () => undefined }),
  ];
  for (const parse of modes) {
    try {
      parse();
    } catch (error) {
      if (!(error instanceof StatementSyntaxError)) throw error;
    }
  }
}

describe('fuzzed statements: the parser', () => {
  for (const [name, a, runs] of [
    ['grammar-shaped', arb.valid, 1500],
    ['mutated', arb.mutated, 1500],
    ['extreme nesting and chains', arb.extreme, 60],
    ['noise', arb.noise, 1500],
  ] as const) {
    it(`${name}: nothing but StatementSyntaxError`, () => {
      fc.assert(fc.property(a, (sql) => parseEveryWay(sql)), { numRuns: runs, seed });
    });
  }
});

describe('fuzzed statements: the engine', () => {
  const engine = createMockEngine({ model, limits: { statementTimeoutMs: 2_000, maxSqliteMemoryBytes: 64 * 1024 * 1024 } });
  afterAll(() => engine.close());
  const statuses = new Map<number, number>();

  it('answers every statement with a status and {data} or {error}, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(arb.valid, arb.mutated), async (query) => {
        const r = await engine.query({ query });
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        expect(Number.isInteger(r.status) && r.status >= 200 && r.status <= 599).toBe(true);
        expect(r.status, `${query}\n→ ${JSON.stringify(r.body)}`).not.toBe(500);
        const body = JSON.parse(JSON.stringify(r.body)) as { data?: unknown; error?: unknown };
        if (r.status === 200) expect(Array.isArray(body.data)).toBe(true);
        else expect(typeof body.error).toBe('string');
      }),
      { numRuns: 400, seed },
    );
    // A good share got past the parser and the name checks into evaluation.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(40);
    const after = await engine.query({ query: 'SELECT id FROM confluent.iam.invitations' });
    expect(after.status).toBe(200);
  });
});

describe('SHOW ... LIKE', () => {
  const regexLike = (pattern: string) => {
    const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
    return (name: string) => re.test(name);
  };
  it('the wildcard walk agrees with the regex it replaced', () => {
    const chars = fc.constantFrom('a', 'b', '%', '_', 'A', '.', '*');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b', 'A', '.', '*'), maxLength: 10 }), (p, s) => {
        expect(likeTest(p)(s)).toBe(regexLike(p)(s));
      }),
      { numRuns: 3000, seed },
    );
  });
});
