// `generate --watch`: what it prints for each change; when the docs folder itself goes away, it says so and exits non-zero.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, startCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/model.ts';

const tmp = mkdtempSync(join(tmpdir(), 'watch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function watched(name: string, flags = ['--quiet']) {
  const docs = join(tmp, name, 'docs');
  cpSync(join(ROOT, 'docs/providers/confluent'), join(docs, 'confluent'), { recursive: true });
  const run = startCli(['generate', '--docs', docs, '--out', join(tmp, name, 'out'), '--watch', ...flags]);
  return { docs, ...run };
}

describe('generate --watch', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('exits 2, naming the folder, when the docs folder is moved away', async () => {
    const w = watched('moved');
    await w.waitFor(/watching .* for changes/);
    renameSync(w.docs, `${w.docs}-elsewhere`);
    expect(await w.exited).toBe(2);
    expect(w.seen.err).toContain(`generate --watch: docs folder '${w.docs}' was removed or moved away; stopping`);
  });

  it('exits 2 when the docs folder is replaced by another folder at the same path', async () => {
    const w = watched('replaced');
    await w.waitFor(/watching .* for changes/);
    // The new folder is made first and swapped in with two renames, microseconds apart.
    mkdirSync(`${w.docs}-new`);
    renameSync(w.docs, `${w.docs}-old`);
    renameSync(`${w.docs}-new`, w.docs);
    expect(await w.exited).toBe(2);
    expect(w.seen.err).toContain(`generate --watch: docs folder '${w.docs}' was replaced by another folder; stopping`);
  });
});

describe('generate --watch, a change at a time', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('prints one line per change (the page, the files written, the time) and the diagnostics of that page', async () => {
    const w = watched('lines', []);
    await w.waitFor(/watching .* for changes/);
    const page = join(w.docs, 'confluent/iam/invitations/index.md');
    const text = readFileSync(page, 'utf8');
    writeFileSync(page, text.replace('| <CopyableCode code="user" /> | `object` | The user/invitee |\n', ''));
    const edited = await w.waitFor(/(\S*invitations\/index\.md) \(edited\): (\d+) files? written; emitted confluent\.iam\.invitations \((\d+) ms\)\n/);
    expect(edited[1]).toBe(page);
    expect(Number(edited[2])).toBeGreaterThan(0);
    expect(Number(edited[2])).toBeLessThan(10);

    // Cut short: its warnings follow its line, and no other page's. writeFileSync truncates before
    // it writes, so a loaded machine may let the watcher read the page empty first: the change
    // waited for is the one whose warnings say the page ends early.
    writeFileSync(page, text.slice(0, Math.floor(text.length / 3)));
    const cut = await w.waitFor(/invitations\/index\.md \(edited\): [^\n]*\n((?: {2}[^\n]*\n)*? {2}[^\n]* warning page\/ends-early [^\n]*\n(?: {2}[^\n]*\n)*)/);
    const lines = cut[1]!.trim().split('\n').map((l) => l.trim());
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith(`${page}:`))).toBe(true);
    w.child.kill('SIGTERM');
  });

  it('with --reporter json, one JSON document per change', async () => {
    const w = watched('json', ['--reporter', 'json']);
    await w.waitFor(/watching .* for changes/);
    const page = join(w.docs, 'confluent/iam/invitations/index.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('| <CopyableCode code="user" /> | `object` | The user/invitee |\n', ''));
    const line = await w.waitFor(/^\{"reportVersion":1,"watch":true[^\n]*\n/m);
    const report = JSON.parse(line[0]);
    expect(report).toMatchObject({ status: 'written', pages: [{ file: page, change: 'edited' }], emitted: ['confluent.iam.invitations'], removed: [] });
    expect(report.files.written).toBeGreaterThan(0);
    w.child.kill('SIGTERM');
  });
});
