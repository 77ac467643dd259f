/**
 * The emit phase on workers (generator/emit-resources.ts) against the single-thread reference
 * (emitAll): the same files, byte for byte, for the docs/ pages plus hand-made resources with
 * awkward and clashing names, with runtime copies and with runtime imports from the package.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { OutputName, RuntimeMode } from '../../generator/config/define-config.ts';
import type { Resource } from '../../generator/core/model.ts';
import { emitResources } from '../../generator/emit-resources.ts';
import { emitAll, type EmittedFile } from '../../generator/emit/index.ts';
import { buildModel, type BuiltModel, type PageOutcome } from '../../generator/model/build-model.ts';
import { toRecord } from '../../generator/model/page-record.ts';
import { createPool, queueLimit } from '../../generator/pool.ts';
import { readModel } from '../../generator/read-model.ts';
import { awkward, clashing } from './fixtures.ts';
import { ROOT } from '../helpers/model.ts';
import { decodeResource, parseModel } from '../../generator/core/model-codec.ts';
import { MANIFEST, OutputStager, previousFiles } from '../../generator/write/outputs.ts';

const pool = createPool(2);
afterAll(() => pool.close());

/** docs/ as generate reads it, plus the hand-made resources (and copies under other ids, so the layout has clashes). */
async function fixtureModel(): Promise<BuiltModel> {
  const read = await readModel(join(ROOT, 'docs'), { cacheFile: false, threads: 1 });
  const extra: Resource[] = [awkward(), clashing()];
  for (const r of [...extra]) extra.push({ ...r, id: `${r.provider}.${r.service}.${r.name.toUpperCase()}`, name: r.name.toUpperCase() });
  // docs/'s view in another service than its base (its service needs the base's, in the mocks' index), and one whose base is absent (its suite skips).
  const view = decodeResource(JSON.parse(read.pages.find((p) => p.record.viewBase !== undefined)!.record.resourceJson!));
  extra.push({ ...view, service: 'reports', id: `${view.provider}.reports.${view.name}` });
  extra.push({ ...view, service: 'reports', name: 'vw_orphan', id: `${view.provider}.reports.vw_orphan`, view: { ...view.view!, base: `${view.provider}.gone.things` } });
  const outcomes: PageOutcome[] = [
    ...read.pages,
    ...extra.map((resource, k) => ({ file: `fixtures/${k}.md`, record: toRecord({ kind: 'resource', resource, methodRows: 0, blocks: { total: 0, read: 0 }, diagnostics: [] }), selected: true })),
  ];
  return buildModel(outcomes);
}

async function onWorkers(model: BuiltModel, outputs: OutputName[], runtime: RuntimeMode): Promise<EmittedFile[]> {
  const files: EmittedFile[] = [];
  const run = await emitResources(model, { outputs, runtime, pool, workersFrom: 1, sink: (f) => files.push(f) });
  expect(run.emitted).toBe(model.resources.length);
  expect(run.paths).toEqual(files.map((f) => f.path).sort());
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

describe('emit on workers', () => {
  it('gives the bytes of the single-thread emitAll: every output, runtimes copied or imported', async () => {
    const model = await fixtureModel();
    expect(model.resources.length).toBeGreaterThan(10);
    const parsed = parseModel(model.text);
    for (const runtime of ['copy', 'package'] as const) {
      const all: OutputName[] = ['clients', 'mocks', 'validators', 'contract'];
      const reference = emitAll(parsed, { outputs: all, runtime });
      expect(reference.find((f) => f.path === 'model.json')?.content).toBe(model.text);
      expect(await onWorkers(model, all, runtime)).toEqual(reference);
    }
    const some: OutputName[] = ['clients', 'validators'];
    const reference = emitAll(parsed, { outputs: some });
    expect(await onWorkers(model, some, 'copy')).toEqual(reference);
  });

  it('staged by the workers themselves (files, indexes, README.md, model.json), the folder holds the same bytes, and a second run links them', async () => {
    const model = await fixtureModel();
    const reference = emitAll(parseModel(model.text));
    const out = join(mkdtempSync(join(tmpdir(), 'emit-staged-')), 'out');
    try {
      const stageRun = async () => {
        const stager = new OutputStager(out, 'key');
        const sunk: string[] = [];
        const parted: string[] = [];
        let taken = 0;
        const meanwhile: Array<{ taken: number; sunk: string[]; parted: string[] }> = [];
        const run = await emitResources(model, {
          outputs: ['clients', 'mocks', 'validators', 'contract'],
          runtime: 'copy',
          pool,
          workersFrom: 1,
          sink: (f) => (sunk.push(f.path), stager.put(f)),
          stage: { target: stager.target, staged: (paths, written) => stager.staged(paths, written), putParts: (path, parts, bytes) => (parted.push(path), stager.putParts(path, parts, bytes)) },
          onProgress: (done) => (taken = done),
          meanwhile: () => meanwhile.push({ taken, sunk: [...sunk], parted: [...parted] }),
        });
        // Once, while the workers have every resource still to emit (no result taken yet), after model.json.
        expect(meanwhile).toEqual([{ taken: 0, sunk: [], parted: ['model.json'] }]);
        // Only README.md and model.json (from its parts) are written by this thread: the rest were written where emitted.
        expect(sunk).toEqual(['README.md']);
        expect(parted).toEqual(['model.json']);
        expect(run.paths).toEqual(reference.map((f) => f.path));
        expect(run.indexes).toBe(reference.length - model.resources.length * 5); // client, handlers, validator and its types, suite
        return stager.commit();
      };
      expect(await stageRun()).toEqual({ written: reference.length, unchanged: 0, removed: 0 });
      const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      expect(files.map((e) => relative(out, join(e.parentPath, e.name))).sort()).toEqual([...reference.map((f) => f.path), MANIFEST].sort());
      for (const f of reference) expect(readFileSync(join(out, f.path), 'utf8'), f.path).toBe(f.content);
      expect(previousFiles(out)).toEqual(reference.map((f) => f.path));
      // Again over that folder: every file the same, so hard-linked, none written.
      expect(await stageRun()).toEqual({ written: 0, unchanged: reference.length, removed: 0 });
      for (const f of reference) expect(readFileSync(join(out, f.path), 'utf8'), f.path).toBe(f.content);
    } finally {
      rmSync(dirname(out), { recursive: true, force: true });
    }
  });

  it('a validator does not depend on the resources compiled before it', async () => {
    const model = await fixtureModel();
    const parsed = parseModel(model.text);
    const id = 'google.cloudidentity.userinvitations';
    const path = 'validators/google/cloudidentity/userinvitations.js';
    expect(parsed.resources.findIndex((r) => r.id === id)).toBeGreaterThan(3);
    const alone = emitAll({ ...parsed, resources: parsed.resources.filter((r) => r.id === id) }, { outputs: ['validators'] }).find((f) => f.path === path);
    const among = emitAll(parsed, { outputs: ['validators'] }).find((f) => f.path === path);
    expect(alone).toBeDefined();
    expect(among).toEqual(alone);
  });
});

describe('batches queued per worker (pool.ts queueLimit)', () => {
  it('as many as asked while many are left, then fewer, never below one running and one waiting', () => {
    expect(queueLimit(670, 2)).toBe(2);
    expect(queueLimit(670, 2, 48)).toBe(48);
    expect(queueLimit(100, 2, 48)).toBe(25);
    expect(queueLimit(9, 2, 48)).toBe(2);
    expect(queueLimit(0, 2, 48)).toBe(2);
    expect(queueLimit(670, 0, 1)).toBe(2);
  });
});
