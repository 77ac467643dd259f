// The config file: where it is found, how it is loaded and checked, and how flags and paths resolve.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, loadConfig } from '../../generator/config/load-config.ts';
import { invocationDir, resolveSettings } from '../../generator/config/settings.ts';

const tmp = mkdtempSync(join(tmpdir(), 'config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('findConfigFile', () => {
  it('looks in the folder and above, up to the one with package.json', () => {
    const dir = project('find', { 'package.json': '{}', 'stackql-docgen.config.json': '{}', 'src/deep/x.txt': '' });
    expect(findConfigFile(join(dir, 'src/deep'))).toBe(join(dir, 'stackql-docgen.config.json'));
    // Past a package.json, a config further up is another project's.
    const inner = project('find/packages/app', { 'package.json': '{}' });
    expect(findConfigFile(inner)).toBeUndefined();
  });
});

describe('loadConfig', () => {
  it('loads json, mjs and ts configs (default export, defineConfig or a plain object)', async () => {
    const json = project('json', { 'package.json': '{}', 'stackql-docgen.config.json': '{"docs": "provider-docs", "seed": 3}' });
    expect((await loadConfig(json)).config).toEqual({ docs: 'provider-docs', seed: 3 });
    const mjs = project('mjs', { 'package.json': '{}', 'stackql-docgen.config.mjs': 'export default { out: "src/gen" };' });
    expect((await loadConfig(mjs)).config).toEqual({ out: 'src/gen' });
    const ts = project('ts', {
      'package.json': '{}',
      'stackql-docgen.config.ts': "const runtime: 'package' = 'package';\nexport default { runtime, outputs: { contract: false } satisfies Record<string, boolean> };\n",
    });
    const loaded = await loadConfig(ts);
    expect(loaded).toEqual({ file: join(ts, 'stackql-docgen.config.ts'), dir: ts, config: { runtime: 'package', outputs: { contract: false } } });
  });

  it('without a config: empty, with the invocation folder as its folder', async () => {
    const none = project('none', { 'package.json': '{}' });
    expect(await loadConfig(none)).toEqual({ dir: none, config: {} });
  });

  it('names every wrong key, and refuses unknown ones (typos)', async () => {
    const bad = project('bad', { 'package.json': '{}', 'stackql-docgen.config.json': '{"doc": "x", "seed": -1, "runtime": "vendored", "outputs": {"client": true}}' });
    const error = await loadConfig(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('doc is not a known option');
    expect(message).toContain('outputs.client is not a known option');
    expect(message).toContain('seed must be >= 0');
    expect(message).toContain('runtime must be one of "copy", "package"');
  });

  it('reports a config that does not load, or has no default export', async () => {
    const broken = project('broken', { 'package.json': '{}', 'stackql-docgen.config.json': '{"docs": ' });
    await expect(loadConfig(broken)).rejects.toThrow(/cannot load config file '.*stackql-docgen\.config\.json'/);
    const nodefault = project('nodefault', { 'package.json': '{}', 'stackql-docgen.config.mjs': 'export const docs = "x";' });
    await expect(loadConfig(nodefault)).rejects.toThrow(/has no default export/);
    await expect(loadConfig(nodefault, 'missing.json')).rejects.toThrow(/does not exist/);
  });
});

describe('resolveSettings', () => {
  const loaded = { file: '/p/stackql-docgen.config.json', dir: '/p', config: { docs: 'provider-docs', out: 'src/gen', seed: 4, strict: true } };

  it('resolves config paths from the config folder and flag paths from the invocation folder', () => {
    const s = resolveSettings(loaded, {}, '/p/src/deep');
    expect([s.docs, s.out, s.seed, s.strict, s.runtime, s.cache]).toEqual(['/p/provider-docs', '/p/src/gen', 4, true, 'copy', true]);
    const f = resolveSettings(loaded, { out: 'here', strict: false, seed: 9 }, '/p/src/deep');
    expect([f.docs, f.out, f.seed, f.strict]).toEqual(['/p/provider-docs', '/p/src/deep/here', 9, false]);
  });

  it('defaults without a config: docs/ and generated/ of the invocation folder, every output', () => {
    const s = resolveSettings({ dir: '/q', config: {} }, {}, '/q');
    expect([s.docs, s.out, s.configFile]).toEqual(['/q/docs', '/q/generated', undefined]);
    expect(s.outputs).toEqual({ clients: true, mocks: true, validators: true, contract: true });
  });

  it('refuses outputs without what they need, naming it', () => {
    expect(() => resolveSettings({ dir: '/q', config: {} }, { outputs: ['contract', 'clients'] }, '/q')).toThrow(
      /output 'contract' needs 'mocks' and 'validators' too \(--outputs\)/,
    );
    expect(() => resolveSettings({ dir: '/q', file: '/q/c.json', config: { outputs: { clients: false } } }, {}, '/q')).toThrow(/output 'validators' needs 'clients'/);
    expect(resolveSettings({ dir: '/q', config: {} }, { outputs: ['clients', 'validators'] }, '/q').outputs).toEqual({ clients: true, mocks: false, validators: true, contract: false });
  });
});

describe('invocationDir', () => {
  it("is npm's INIT_CWD only for this package's own scripts (npm --prefix <checkout> run generate)", () => {
    const npmRun = { npm_lifecycle_event: 'generate', npm_package_name: 'stackql-docgen', INIT_CWD: '/home/me/app' };
    expect(invocationDir(npmRun, '/checkout')).toBe('/home/me/app');
    // A user's own script runs at their project root, and its paths are meant from there.
    expect(invocationDir({ ...npmRun, npm_package_name: 'my-app' }, '/home/me/app')).toBe('/home/me/app');
    expect(invocationDir({ ...npmRun, npm_package_name: 'my-app', INIT_CWD: '/home/me/app/src' }, '/home/me/app')).toBe('/home/me/app');
    expect(invocationDir({}, '/somewhere')).toBe('/somewhere');
  });
});
