// `generate --watch` when the docs folder itself goes away: it says so and exits non-zero.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli.ts';
import { ROOT } from '../helpers/model.ts';

const tmp = mkdtempSync(join(tmpdir(), 'watch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function watched(name: string) {
  const docs = join(tmp, name, 'docs');
  cpSync(join(ROOT, 'docs/providers/confluent'), join(docs, 'confluent'), { recursive: true });
  const run = startCli(['generate', '--docs', docs, '--out', join(tmp, name, 'out'), '--watch', '--quiet']);
  return { docs, ...run };
}

describe('generate --watch', () => {
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
