/**
 * The generated contract suites against a Postgres endpoint: CONTRACT_TARGET=postgres://host:port
 * runs them over `pg` (mocks/contract/target.ts). Against two fresh mocks, one reached over HTTP and
 * one over the Postgres wire, the runs agree test for test and write the same drift report; without
 * CONTRACT_ALLOW_MUTATIONS nothing but reads reaches the server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { startMockServer, type RunningMockServer } from '../../mocks/server/server.ts';
import { docsModel, ROOT } from '../helpers/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'contract-pg-'));
const servers: RunningMockServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A mock on fresh state; `verbs` records the first word of every statement its pg front runs. */
async function freshMock(): Promise<{ engine: MockEngine; running: RunningMockServer; verbs: string[] }> {
  const engine = createMockEngine({ model: docsModel() });
  const verbs: string[] = [];
  const recording: MockEngine = {
    ...engine,
    statement: (query) => {
      verbs.push(/^\s*(?:\/\*[\s\S]*?\*\/\s*)*([A-Za-z]+)/.exec(query)?.[1]?.toUpperCase() ?? '');
      return engine.statement(query);
    },
  };
  const running = await startMockServer(recording, { port: 0, pg: { port: 0 } });
  servers.push(running);
  return { engine, running, verbs };
}

interface Run {
  code: number | null;
  report: { target: string; mutations: boolean; tests: Record<string, number>; entries: Array<Record<string, unknown>> };
}

/** `vitest run --config vitest.contract.config.ts` against `target`, in a child process. */
function contractRun(target: string, name: string, env: Record<string, string> = {}): Promise<Run> {
  const report = join(dir, `${name}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.contract.config.ts'], {
      cwd: ROOT,
      env: { ...process.env, CONTRACT_TARGET: target, CONTRACT_REPORT: report, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, report: JSON.parse(readFileSync(report, 'utf8')) });
      } catch (error) {
        reject(new Error(`no drift report from the run against ${target} (exit ${code}):\n${output.slice(-4000)}`));
      }
    });
  });
}

/** Entries without what names the target (the test titles say "against <target>"). */
const comparable = (run: Run) => run.report.entries.map(({ test, ...entry }) => ({ ...entry, test: String(test).replace(/ against \S+ >/, ' >') }));

describe('CONTRACT_TARGET=postgres://', () => {
  it('runs the same suites with the same outcome and the same drift report as over HTTP', async () => {
    const overHttp = await freshMock();
    const overPg = await freshMock();
    const [http, pg] = await Promise.all([
      contractRun(overHttp.running.url, 'http', { CONTRACT_ALLOW_MUTATIONS: '1' }),
      contractRun(overPg.running.pg!.url, 'pg', { CONTRACT_ALLOW_MUTATIONS: '1' }),
    ]);
    expect(pg.report.target).toBe(overPg.running.pg!.url);
    expect(pg.report.mutations).toBe(true);
    expect(pg.report.tests.total).toBeGreaterThan(100);
    expect(pg.report.tests).toEqual(http.report.tests);
    expect(comparable(pg)).toEqual(comparable(http));
    expect(pg.code).toBe(http.code);
    // Both servers saw the writes: the round trips ran.
    expect(overPg.verbs).toContain('INSERT');
    expect(overPg.verbs).toContain('DELETE');
    expect(overPg.engine.execLog().length).toBeGreaterThan(0);
    expect(overPg.engine.execLog()).toEqual(overHttp.engine.execLog());
  }, 240_000);

  it('is read-only unless CONTRACT_ALLOW_MUTATIONS=1', async () => {
    const { engine, running, verbs } = await freshMock();
    const run = await contractRun(running.pg!.url, 'read-only');
    expect(run.report.mutations).toBe(false);
    expect(run.report.tests.skipped).toBeGreaterThan(0);
    expect(run.report.tests.passed).toBeGreaterThan(0);
    expect(verbs.length).toBeGreaterThan(10);
    expect([...new Set(verbs)].filter((v) => !['SELECT', 'SHOW', 'DESCRIBE'].includes(v))).toEqual([]);
    expect(engine.execLog()).toEqual([]);
  }, 240_000);
});
