// `stackql-docgen generate` as a user runs it: a real process, real folders, exit codes and output.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateModel } from '../generator/model/validate.ts';
import { BIN, CLEAN_ENV as ENV, CLI_TEST_TIMEOUT, runCli } from './helpers/cli.ts';
import { parseModel } from '../generator/core/model-codec.ts';

const tmp = mkdtempSync(join(tmpdir(), 'generate-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const generate = (...args: string[]) => runCli(['generate', ...args]);
const readModel = (out: string) => parseModel(readFileSync(join(out, 'model.json'), 'utf8'));

describe('generate', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('writes a schema-valid model.json for docs/ and prints the summary', () => {
    const out = join(tmp, 'docs-out');
    const r = generate('--docs', 'docs', '--out', out, '--no-cache');
    expect(r.code).toBe(0);
    expect(validateModel(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')))).toEqual([]);
    const model = readModel(out);
    expect(model.resources.map((x) => x.id)).toEqual([
      'confluent.iam.invitations', 'example.compute.instances', 'example.compute.volumes', 'example.monitoring.alert_policies',
      'example.network.firewalls', 'example.registry.images', 'example.storage.buckets', 'example.storage.vw_buckets',
      'example.workspace.objects', 'google.cloudidentity.userinvitations',
    ]);
    expect(r.out).toMatch(/^resources\s+10$/m);
    expect(r.out).toMatch(/^methods\s+\d+$/m);
    expect(r.out).toMatch(new RegExp(`^${out}: \\d+ written, 0 unchanged, 0 removed$`, 'm'));
  });

  it('is deterministic: the same docs give byte-identical output, with or without the cache', () => {
    const a = join(tmp, 'det-a');
    const b = join(tmp, 'det-b');
    expect(generate('--docs', 'docs', '--out', a, '--no-cache').code).toBe(0);
    // Run b twice so the second run is served from a warm cache.
    expect(generate('--docs', 'docs', '--out', b).code).toBe(0);
    expect(generate('--docs', 'docs', '--out', b).code).toBe(0);
    expect(readFileSync(join(b, 'model.json'), 'utf8')).toBe(readFileSync(join(a, 'model.json'), 'utf8'));
  });

  it('prints each diagnostic as file:line:col severity code message, and the run still completes', () => {
    const out = join(tmp, 'broken-out');
    const r = generate('--docs', 'test/fixtures/broken', '--out', out, '--no-cache');
    expect(r.code).toBe(0);
    expect(r.out).toContain('test/fixtures/broken/providers/broken/demo/widgets/index.md:27:1 error methods/unknown-verb');
    expect(r.out).toContain('test/fixtures/broken/providers/broken/demo/widgets/index.md:40:68 error examples/unparsed-sql');
    expect(r.out).toContain('widgets/index.md:45:1 warning page/unclosed-fence');
    // Both pages still made it, with what could be read.
    const model = readModel(out);
    expect(model.resources.map((x) => [x.id, x.methods.length])).toEqual([['broken.demo.gadgets', 1], ['broken.demo.widgets', 1]]);
    expect(model.resources[1].fields.map((f) => f.name)).toEqual(['id', 'note', 'size']);
  });

  it('prints block coverage, names each unread block, and --strict fails on them', () => {
    const r = generate('--docs', 'test/fixtures/reader', '--out', join(tmp, 'reader-out'), '--no-cache');
    expect(r.code).toBe(0);
    // gadgets: 11 blocks, 4 unread; widgets: 8 blocks, all read (old_widgets, left out, does not count).
    expect(r.out).toMatch(/^coverage {4}15\/19 blocks of resource pages read \(78\.94%\); each other one is a diagnostic$/m);
    expect(r.out).toContain('test/fixtures/reader/providers/acme/demo/gadgets/index.md:26:1 warning page/unread-block the <Diagram> component');
    expect(r.out).toContain("test/fixtures/reader/providers/acme/demo/gadgets/index.md:34:1 warning page/unknown-section-with-data section 'Quotas' holds 1 table");
    const strict = generate('--docs', 'test/fixtures/reader', '--out', join(tmp, 'reader-strict'), '--strict', '--quiet', '--no-cache');
    expect(strict.code).toBe(1);
  });

  it('--strict fails the run when there are warnings or errors', () => {
    const r = generate('--docs', 'test/fixtures/broken', '--out', join(tmp, 'strict-out'), '--strict', '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--strict: \d+ warnings or errors/);
  });

  it('--include and --exclude select resources by id glob, and the summary counts the rest', () => {
    const out = join(tmp, 'filter-out');
    expect(generate('--docs', 'docs', '--out', out, '--include', 'example.*', '--exclude', 'example.storage.*').code).toBe(0);
    const model = readModel(out);
    expect(model.resources.map((x) => x.id)).toEqual([
      'example.compute.instances', 'example.compute.volumes', 'example.monitoring.alert_policies',
      'example.network.firewalls', 'example.registry.images', 'example.workspace.objects',
    ]);
    expect(model.summary.skipped).toEqual({ excluded: 4 });
  });

  it('refuses unusable input with exit 2 and a clear message, leaving previous output intact', () => {
    const out = join(tmp, 'keep-out');
    expect(generate('--docs', 'docs', '--out', out).code).toBe(0);
    const before = readFileSync(join(out, 'model.json'), 'utf8');

    const missing = generate('--docs', join(tmp, 'no-such-folder'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`generate: docs folder '${join(tmp, 'no-such-folder')}' does not exist`);

    const docs = join(tmp, 'unreadable-docs');
    cpSync('docs/providers/confluent', join(docs, 'confluent'), { recursive: true });
    symlinkSync(join(tmp, 'nowhere.md'), join(docs, 'dangling.md'));
    const unreadable = generate('--docs', docs, '--out', out);
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toMatch(/generate: cannot read '.*dangling\.md'/);

    expect(readFileSync(join(out, 'model.json'), 'utf8')).toBe(before);
  });

  it('skips emitting when the folder already holds the output of the same model and code', () => {
    const out = join(tmp, 'skip-out');
    const first = /: (\d+) written, 0 unchanged, 0 removed$/m.exec(generate('--docs', 'docs', '--out', out).out);
    expect(first).not.toBeNull();
    const again = generate('--docs', 'docs', '--out', out);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`${out}: 0 written, ${first![1]} unchanged, 0 removed (already the output of this model)`);
    // A deleted output file is noticed and written again.
    rmSync(join(out, 'model.json'));
    expect(generate('--docs', 'docs', '--out', out).out).toContain(`${out}: 1 written, ${Number(first![1]) - 1} unchanged, 0 removed`);
    expect(existsSync(join(out, 'model.json'))).toBe(true);
  });

  it('--check reports drift without writing, and passes when the folder is up to date', () => {
    const out = join(tmp, 'check-out');
    expect(generate('--docs', 'docs', '--out', out).code).toBe(0);
    const ok = generate('--docs', 'docs', '--out', out, '--check');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`${out} is up to date`);

    const model = join(out, 'model.json');
    writeFileSync(model, readFileSync(model, 'utf8').replace('"confluent.iam.invitations"', '"confluent.iam.renamed"'));
    const drift = generate('--docs', 'docs', '--out', out, '--check');
    expect(drift.code).toBe(1);
    expect(drift.err).toContain('differs: model.json');
    // --check wrote nothing: the edit is still there.
    expect(readFileSync(model, 'utf8')).toContain('confluent.iam.renamed');
  });

  it('--watch regenerates when a page changes', async () => {
    const docs = join(tmp, 'watch-docs');
    const out = join(tmp, 'watch-out');
    cpSync('docs/providers/confluent', join(docs, 'confluent'), { recursive: true });
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'generate', '--docs', docs, '--out', out, '--watch', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
    let stdout = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stdout += b));
    const waitFor = async (re: RegExp, ms = 20_000) => {
      const end = Date.now() + ms;
      while (!re.test(stdout)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${re}; got:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/watching/);
      expect(readModel(out).resources[0].fields).toHaveLength(11);
      const page = join(docs, 'confluent/iam/invitations/index.md');
      writeFileSync(page, readFileSync(page, 'utf8').replace('| <CopyableCode code="user" /> | `object` | The user/invitee |\n', ''));
      await waitFor(/invitations\/index\.md \(edited\): \d+ files? written; emitted confluent\.iam\.invitations \(\d+ ms\)/);
      expect(readModel(out).resources[0].fields).toHaveLength(10);
    } finally {
      child.kill('SIGTERM');
    }
    expect(existsSync(join(out, 'model.json'))).toBe(true);
  });
});
