// `stackql-docgen mock` takes its model and seed from the config; `contract` runs the generated
// suites, sharded, with the user's vitest.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/model.ts';

const tmp = mkdtempSync(join(tmpdir(), 'commands-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('mock', () => {
  it("serves <out>/model.json of the config with the config's seed", async () => {
    const project = join(tmp, 'mock-project');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'package.json'), '{}');
    writeFileSync(join(project, 'stackql-docgen.config.json'), JSON.stringify({ docs: 'pages', out: 'gen', seed: 42, outputs: { clients: false, mocks: false, validators: false, contract: false } }));
    cpSync(join(ROOT, 'docs/providers/confluent'), join(project, 'pages/confluent'), { recursive: true });
    expect(runCli(['generate', '--quiet'], { cwd: project }).code).toBe(0);
    const m = startCli(['mock', '--port', '0', '--quiet'], { cwd: project });
    try {
      const line = await m.waitFor(/StackQL mock listening on (http:\/\/127\.0\.0\.1:\d+) \((\d+) resources from (\S+), seed (\d+)\)/);
      expect([line[2], line[3], line[4]]).toEqual(['1', join(project, 'gen/model.json'), '42']);
      const res = await fetch(`${line[1]}/stackql`, { method: 'POST', body: JSON.stringify({ query: 'SELECT id FROM confluent.iam.invitations' }) });
      expect(res.status).toBe(200);
    } finally {
      m.child.kill('SIGTERM');
    }
    expect(await m.exited).toBe(0);

    // The server's own options pass through, and a flag beats the config.
    const seeded = startCli(['mock', '--port', '0', '--quiet', '--seed', '5', '--rows', '1'], { cwd: project });
    try {
      expect((await seeded.waitFor(/seed (\d+)\)/))[1]).toBe('5');
    } finally {
      seeded.child.kill('SIGTERM');
    }
    await seeded.exited;
    const help = runCli(['mock', '--help'], { cwd: project });
    expect(help.out).toMatch(/--port <n>[\s\S]*--fixtures <file>/);
    // A generate and two servers, each started in a child process of the command (mocks/server/young-generation.ts).
  }, 60_000);

  it('says where the model should come from when there is none', () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = runCli(['mock', '--port', '0'], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`mock: cannot read the model '${join(empty, 'generated/model.json')}'`);
    expect(r.err).toContain('stackql-docgen generate');
  });
});

describe('contract', () => {
  it('runs one shard of the generated suites with vitest', () => {
    const r = runCli(['contract', '--out', 'generated', '--shard', '2/10', '--', '--reporter', 'dot']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/Test Files\s+1 passed \(1\)/);
  });

  it("keeps vite's cache out of the output folder (generate replaces that folder whole)", () => {
    // A copy inside the project, so that it resolves vitest and msw as the user's output does.
    const base = join(ROOT, '.cache', 'contract-cache-dir');
    mkdirSync(base, { recursive: true });
    const out = mkdtempSync(join(base, 'out-'));
    try {
      cpSync(join(ROOT, 'generated'), out, { recursive: true, filter: (from) => !from.includes(`${join(ROOT, 'generated')}/node_modules`) });
      const r = runCli(['contract', '--out', out, '--shard', '1/7', '--', '--reporter', 'dot']);
      expect(r.code, r.out + r.err).toBe(0);
      expect(readdirSync(out).filter((f) => f.includes('node_modules') || f.startsWith('.vite'))).toEqual([]);
      expect(existsSync(join(ROOT, 'node_modules', '.cache', 'stackql-docgen-contract'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a bad shard, and says when there are no suites', () => {
    expect(runCli(['contract', '--shard', '3/2']).err).toContain('expected i/n with 1 ≤ i ≤ n');
    const r = runCli(['contract', '--out', tmp]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`contract: no contract suites in ${tmp}`);
  });
});
