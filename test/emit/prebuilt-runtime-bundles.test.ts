/**
 * The runtimes' bundles as `npm run build` ships them (emit/runtime-bundle.ts PREBUILT_BUNDLES):
 * runtimeFiles gives the same bytes with them as with esbuild, reads them when their key is that of
 * the copies (whatever order the copies are found in), and runs esbuild when the file is of other
 * sources, corrupt or missing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrebuiltBundles, prebuiltBundlesText, runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { ROOT } from '../helpers/model.ts';

let dir: string;
let genuine: { key: string; files: Array<{ path: string; content: string }> };
const MARK = '// read from the prebuilt file\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'prebuilt-bundles-'));
  genuine = JSON.parse(prebuiltBundlesText(ROOT)) as typeof genuine;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A prebuilt file holding `held`; each bundle marked, so that a run that read it shows it. */
function prebuilt(name: string, held: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof held === 'string' ? held : JSON.stringify(held));
  return file;
}
const marked = (key: string) => ({ key, files: genuine.files.map((f) => ({ path: f.path, content: MARK + f.content })) });
const readIt = (files: Array<{ content: string }>) => files.some((f) => f.content.startsWith(MARK));

describe('the prebuilt runtime bundles', () => {
  it('are read for the default runtimes, in the order runtimeFiles finds them', () => {
    const files = runtimeFiles(undefined, ROOT, prebuilt('marked.json', marked(genuine.key)));
    expect(readIt(files)).toBe(true);
  });

  it('are the bytes esbuild gives', () => {
    const esbuilt = runtimeFiles(undefined, ROOT, false);
    expect(runtimeFiles(undefined, ROOT, prebuilt('genuine.json', genuine))).toEqual(esbuilt);
    expect(esbuilt.filter((f) => f.path.endsWith('.js'))).toEqual([...genuine.files].sort((a, b) => (a.path < b.path ? -1 : 1)));
  });

  it('are left alone when made from other sources, corrupt or missing', () => {
    const cases: Array<[string, unknown]> = [
      ['other-key.json', marked(genuine.key.replace(/^./, (c) => (c === '0' ? '1' : '0')))],
      ['truncated.json', JSON.stringify(marked(genuine.key)).slice(0, 1000)],
      ['no-files.json', { key: genuine.key, files: [] }],
      ['not-bundles.json', { key: genuine.key, files: [{ path: 'runtime/index.ts', content: MARK }] }],
    ];
    for (const [name, held] of cases) {
      const file = prebuilt(name, held);
      expect(loadPrebuiltBundles(file, genuine.key), name).toBeUndefined();
      expect(readIt(runtimeFiles(undefined, ROOT, file)), name).toBe(false);
    }
    expect(loadPrebuiltBundles(join(dir, 'none.json'), genuine.key)).toBeUndefined();
  });
});
