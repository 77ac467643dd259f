/**
 * The compiled pool starts its workers from one bundled file (generator/worker-bundle.ts, written
 * by `npm run build` to pool.ts's WORKER_BUNDLE). Bundled here from the sources the same way, into
 * a folder laid out as dist/generator/ is (the templates and the model's schema beside it): each
 * kind of batch run by a worker started from the bundle gives what the same batch gives in this
 * thread, and the files it stages are the same bytes.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layout } from '../../generator/emit/layout.ts';
import { resourceHeads } from '../../generator/emit-resources.ts';
import { buildModel } from '../../generator/model/build-model.ts';
import { WORKER_BUNDLE, batchesOf, runBatch, type Batch, type BatchResult } from '../../generator/pool.ts';
import { listPages } from '../../generator/read/list-pages.ts';
import { bundleWorker } from '../../generator/worker-bundle.ts';
import { ROOT } from '../helpers/model.ts';

let dir: string;
let worker: Worker;

beforeAll(async () => {
  // Inside the project, so the bundle finds esbuild (left out of it) in node_modules as dist/ does.
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  dir = mkdtempSync(join(ROOT, '.cache', 'worker-bundle-'));
  const generator = join(dir, 'generator');
  await bundleWorker(join(ROOT, 'generator', 'page-worker.ts'), join(generator, WORKER_BUNDLE));
  for (const asset of ['templates', 'model']) symlinkSync(join(ROOT, 'generator', asset), join(generator, asset));
  worker = new Worker(join(generator, WORKER_BUNDLE));
}, 60_000);

afterAll(async () => {
  await worker?.terminate();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function onBundle(batch: Batch): Promise<BatchResult> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.postMessage(batch);
  });
}

/** Every file under a folder, path → text. */
function folderFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out[relative(root, join(d, e.name))] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(root);
  return out;
}

describe('the bundled worker', () => {
  it('extracts, emits and stages as this thread does', async () => {
    const pages = listPages(join(ROOT, 'docs')).map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));
    expect(pages.length).toBeGreaterThan(5);
    const extract: Batch = { kind: 'extract', id: 0, pages };
    const extracted = await onBundle(extract);
    expect(extracted).toEqual(runBatch(extract));
    if (extracted.kind !== 'extract') throw new Error('not an extract result');

    const model = buildModel(extracted.records.map((record, k) => ({ file: pages[k]!.file, record, selected: true })));
    expect(model.resources.length).toBeGreaterThan(5);
    const heads = resourceHeads(model);
    const paths = layout(heads).paths;
    const [emit] = batchesOf(model.resources, (id, part): Batch => ({ kind: 'emit', id, resources: part.map((r) => ({ json: r.json, path: paths.get(r.id)! })), outputs: ['clients', 'mocks', 'validators', 'contract'], runtime: 'copy' }));
    expect(await onBundle(emit!)).toEqual(runBatch(emit!));

    // The index files, staged by the worker (the runtime copies among them go through esbuild, outside the bundle).
    const staged = (name: string) => ({ folder: join(dir, `out-${name}`), staging: join(dir, `staging-${name}`), current: false });
    const ranges = { path: 'model.json', bytes: model.bytes, ranges: model.resources.map((r) => r.range) };
    const indexes = (name: string): Batch => ({ kind: 'indexes', id: -1, heads, model: ranges, outputs: ['clients', 'mocks', 'validators', 'contract'], runtime: 'copy', stage: staged(name) });
    const there = await onBundle(indexes('bundle'));
    const here = runBatch(indexes('thread'));
    expect(there).toEqual(here);
    const files = folderFiles(join(dir, 'staging-bundle'));
    expect(Object.keys(files).some((f) => f.startsWith('runtime/') && f.endsWith('.js'))).toBe(true);
    expect(files).toEqual(folderFiles(join(dir, 'staging-thread')));
  }, 60_000);
});
