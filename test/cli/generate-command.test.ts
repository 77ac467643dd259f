// `stackql-docgen generate` beyond the basics (test/generate-cli.test.ts): the gates that keep the
// previous output, the JSON reporter, progress, config files, and paths that do not depend on cwd.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../generator/cli/json-report.ts';
import { CLEAN_ENV, CLI_TEST_TIMEOUT, runCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/model.ts';

const tmp = mkdtempSync(join(tmpdir(), 'generate-command-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DOCS = join(ROOT, 'docs');
const BROKEN = join(ROOT, 'test/fixtures/broken');
const generate = (args: string[], cwd?: string) => runCli(['generate', ...args], cwd ? { cwd } : {});
const manifest = (out: string) => readFileSync(join(out, '.generated-files'), 'utf8');

/** A docs folder holding only a provider index page: what an emptied or wrong --docs looks like. */
function lonelyDocs(): string {
  const dir = join(tmp, 'lonely');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.md'), '---\ntitle: example\n---\n\n## Services\n\n- compute\n');
  return dir;
}

describe('the emitted files', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('tell the user to run the command they have, `npx stackql-docgen generate`, never this repository\'s npm script', () => {
    const out = join(tmp, 'banners');
    expect(generate(['--docs', DOCS, '--out', out, '--quiet']).code).toBe(0);
    const files = manifest(out).split('\n').filter((l) => l && !l.startsWith('#'));
    const texts = files.map((f) => [f, readFileSync(join(out, f), 'utf8')] as const);
    expect(texts.filter(([, t]) => t.includes('npm run generate')).map(([f]) => f)).toEqual([]);
    const banners = texts.filter(([, t]) => t.includes('Do not edit: run'));
    expect(banners.length).toBeGreaterThan(10);
    for (const [f, t] of banners) expect(t, f).toContain('Do not edit: run `npx stackql-docgen generate`.');
  });
});

describe('--strict', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('writes nothing when the docs give warnings or errors, into a new folder or over an old one', () => {
    const fresh = join(tmp, 'strict-fresh');
    const r = generate(['--docs', BROKEN, '--out', fresh, '--strict']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/generate --strict: \d+ warnings or errors; nothing written/);
    expect(existsSync(fresh)).toBe(false);

    const old = join(tmp, 'strict-old');
    expect(generate(['--docs', DOCS, '--out', old, '--outputs', 'clients', '--quiet']).code).toBe(0);
    const before = manifest(old);
    expect(generate(['--docs', BROKEN, '--out', old, '--strict', '--quiet']).code).toBe(1);
    expect(manifest(old)).toBe(before);
    expect(readFileSync(join(old, 'model.json'), 'utf8')).toContain('confluent.iam.invitations');
  });
});

describe('the removal guard', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('refuses a run that would remove more than half of the generated files, unless --force', () => {
    const out = join(tmp, 'guard');
    expect(generate(['--docs', DOCS, '--out', out, '--quiet']).code).toBe(0);
    const before = manifest(out);
    const files = before.split('\n').filter((l) => l && !l.startsWith('#')).length;

    const refused = generate(['--docs', lonelyDocs(), '--out', out, '--quiet']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/refusing to write: this run would remove \d+ of the \d+ files the previous run generated from the docs/);
    expect(refused.err).toContain('gave 1 page(s) and 0 resource(s)');
    expect(refused.err).toContain('--force');
    expect(manifest(out)).toBe(before);

    const forced = generate(['--docs', lonelyDocs(), '--out', out, '--quiet', '--force']);
    expect(forced.code).toBe(0);
    const removed = Number(/(\d+) removed/.exec(forced.out)![1]);
    const after = new Set(manifest(out).split('\n'));
    const gone = before.split('\n').filter((l) => l && !l.startsWith('#') && !after.has(l));
    // The count said is the files that went: at least each of the 7 resources' client and validator
    // (a .js and a .d.ts each) and suite.
    expect(removed).toBe(gone.length);
    expect(removed).toBeGreaterThanOrEqual(7 * 5);
    expect(removed).toBeLessThan(files);
    expect(existsSync(join(out, 'clients/confluent/iam/invitations.js'))).toBe(false);
  });

  it('lets ordinary changes through (one resource fewer)', () => {
    const out = join(tmp, 'guard-small');
    expect(generate(['--docs', DOCS, '--out', out, '--quiet']).code).toBe(0);
    const r = generate(['--docs', DOCS, '--out', out, '--quiet', '--exclude', 'confluent.*']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\d+ written, \d+ unchanged, [1-9]\d* removed/);
  });
});

describe('--reporter json', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('prints one JSON document with the summary, the counts and the diagnostics', () => {
    const out = join(tmp, 'json');
    const r = generate(['--docs', 'test/fixtures/broken', '--out', out, '--reporter', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as JsonReport;
    expect(report).toMatchObject({ reportVersion: 1, exitCode: 0, status: 'written', config: null, docs: BROKEN, out });
    expect(report.summary).toMatchObject({ pages: 2, resources: 2 });
    expect(report.files).toMatchObject({ unchanged: 0, removed: 0 });
    expect(report.files!.written).toBeGreaterThan(10);
    expect(report.phases!.map((p) => p.phase)).toEqual(['read', 'parse', 'emit', 'write']);
    expect(report.diagnosticCounts!.byCode['methods/unknown-verb']).toBe(1);
    // Paths as the text reporter prints them: relative to where the command ran.
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ file: 'test/fixtures/broken/providers/broken/demo/widgets/index.md', line: 27, code: 'methods/unknown-verb' }));

    const unusable = generate(['--docs', join(tmp, 'nothing-here'), '--out', out, '--reporter', 'json']);
    expect(unusable.code).toBe(2);
    expect(JSON.parse(unusable.out)).toMatchObject({ exitCode: 2, status: 'failed', error: expect.stringContaining('does not exist') });
  });
});

describe('progress', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('prints a line per phase on stderr when stderr is not a terminal; --quiet prints none', () => {
    const r = generate(['--docs', DOCS, '--out', join(tmp, 'progress'), '--no-cache']);
    expect(r.err).toMatch(/^read {2}10 pages in \d+\.\d+ s\nparse 10 pages in \d+\.\d+ s\nemit {2}10 resources in \d+\.\d+ s\nwrite \d+ files in \d+\.\d+ s\n$/);
    expect(r.out).not.toMatch(/^(read|parse|emit|write) /m);
    expect(generate(['--docs', DOCS, '--out', join(tmp, 'progress'), '--quiet']).err).toBe('');
  });
});

describe('paths', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('--check from another folder finds nothing changed (model paths do not depend on cwd)', () => {
    const out = join(tmp, 'elsewhere-out');
    expect(generate(['--docs', 'docs', '--out', out, '--quiet']).code).toBe(0);
    const elsewhere = join(tmp, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    const r = generate(['--docs', DOCS, '--out', '../elsewhere-out', '--check', '--quiet'], elsewhere);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'clients/confluent/iam/invitations.d.ts'), 'utf8')).toContain('Generated from docs/providers/confluent/iam/invitations/index.md');
  });

  it('reads a config file at or above the folder, and resolves its paths from its own folder', () => {
    const project = join(tmp, 'project');
    mkdirSync(join(project, 'src/deep'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{"name": "app", "private": true}');
    writeFileSync(join(project, 'stackql-docgen.config.json'), JSON.stringify({ docs: 'provider-docs', out: 'src/stackql', outputs: { validators: false, contract: false } }));
    cpSync(join(DOCS, 'providers/confluent'), join(project, 'provider-docs/confluent'), { recursive: true });
    const r = generate(['--quiet'], join(project, 'src/deep'));
    expect(r.code, r.err).toBe(0);
    const out = join(project, 'src/stackql');
    expect(readdirSync(out).sort()).toEqual(['.generated-files', 'README.md', 'clients', 'core', 'mock-runtime', 'mocks', 'model.json', 'runtime', 'runtime-chunks', 'vitest-deps.ts']);
    expect(readFileSync(join(out, 'clients/confluent/iam/invitations.d.ts'), 'utf8')).toContain('Generated from provider-docs/confluent/iam/invitations/index.md');
    // A flag overrides the config, and is meant from where it was typed.
    expect(generate(['--quiet', '--out', 'here', '--outputs', 'clients'], join(project, 'src/deep')).code).toBe(0);
    expect(readdirSync(join(project, 'src/deep/here')).sort()).toEqual(['.generated-files', 'README.md', 'clients', 'model.json', 'runtime', 'runtime-chunks', 'vitest-deps.ts']);
  });

  it('reports a bad config with exit 2, naming the file and the key', () => {
    const project = join(tmp, 'bad-config');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'package.json'), '{}');
    writeFileSync(join(project, 'stackql-docgen.config.json'), '{"output": "x"}');
    const r = generate([], project);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`config file '${join(project, 'stackql-docgen.config.json')}' is not valid`);
    expect(r.err).toContain('output is not a known option');
  });

  it('with npm --prefix <checkout>, a relative --out lands in the folder npm was run from', () => {
    const user = join(tmp, 'user');
    mkdirSync(user, { recursive: true });
    const r = spawnSync('npm', ['--prefix', ROOT, 'run', 'generate', '--', '--docs', DOCS, '--out', 'my-out', '--outputs', 'clients', '--quiet'], { cwd: user, encoding: 'utf8', env: CLEAN_ENV });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(user, 'my-out/model.json'))).toBe(true);
    expect(existsSync(join(ROOT, 'my-out'))).toBe(false);
  });
});

describe('--runtime package', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('writes no runtime copies and imports the runtimes from the package', () => {
    const out = join(tmp, 'package-runtime');
    expect(generate(['--docs', DOCS, '--out', out, '--runtime', 'package', '--quiet']).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.generated-files', 'README.md', 'clients', 'contract', 'mocks', 'model.json', 'validators', 'vitest-deps.ts']);
    const text = (p: string) => readFileSync(join(out, p), 'utf8');
    expect(text('clients/index.ts')).toContain("export * from 'stackql-docgen/runtime';");
    expect(text('clients/confluent/iam/invitations.d.ts')).toContain("from 'stackql-docgen/runtime/resource-client.js'");
    expect(text('mocks/handlers.ts')).toContain("from 'stackql-docgen/mocks';");
    expect(text('mocks/handlers.ts')).toContain("from 'stackql-docgen/msw';");
    expect(text('contract/harness.ts')).toContain("from 'stackql-docgen/contract';");
    expect(text('contract/vitest.config.ts')).toContain("import DriftReporter from 'stackql-docgen/contract/reporter.js';");
    expect(text('validators/confluent/iam/invitations.js')).toContain("from 'stackql-docgen/contract/validate.js'");
    // Nothing still points at a runtime folder the output does not have.
    for (const f of manifest(out).split('\n').filter((l) => /\.[jt]s$/.test(l))) {
      expect(text(f), f).not.toMatch(/from '(\.\.?\/)+(runtime|core|mock-runtime|contract-runtime)\//);
    }
  });
});
