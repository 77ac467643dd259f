// The generated suites print no spec: each derives it when collected, from its resource's model as
// the generated mocks entry reads it (MockEntry.resource, over the services' byte ranges of model.json).
// Here, for every resource of docs/ and for a view without its base: the spec derived that way
// deep-equals the one the generator derives from the model it holds in memory (the spec it used to
// print into every suite), after the mock engine has loaded (and served) the same resources.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { contractSpec } from '../../generator/core/build-contract-spec.ts';
import type { Model } from '../../generator/core/model.ts';
import { emitHandlers } from '../../generator/emit/handlers.ts';
import { renderMethod } from '../../generator/runtime/resource-client.ts';
import { deriveContractSpec } from '../../mocks/contract/spec.ts';
import { createMockEntry, type MockEntry } from '../../mocks/msw/entry.ts';
import { removeDir, scratchDir } from './helpers.ts';
import { docsModel, modelOf } from '../helpers/model.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** The generated mocks of `model` written to a folder, and an entry over their index of model.json. */
function mocksEntry(model: Model): MockEntry {
  const dir = scratchDir('spec-at-runtime');
  dirs.push(dir);
  for (const f of emitHandlers(model)) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return createMockEntry({ index: pathToFileURL(join(dir, 'mocks/model-index.json')) });
}

/** The spec as the generator derives it from the model in memory. */
function generatorSpec(model: Model, id: string) {
  const resource = model.resources.find((r) => r.id === id)!;
  const base = resource.view?.base;
  return contractSpec(resource, { render: renderMethod, baseInModel: base === undefined || model.resources.some((r) => r.id === base) });
}

/** JSON-equal: what a suite printed was JSON-like data (no undefined members). */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('a contract suite derives its spec at run time from the model', () => {
  it('equal to the generator\'s for every resource of docs/, after the mock has served them', async () => {
    const model = docsModel();
    const entry = mocksEntry(model);
    // The engine loads the same resource objects the suites read: serving must not change them.
    const engine = entry.createEngine({ seed: 1 });
    await engine.ready();
    for (const r of model.resources) await engine.query({ query: `SELECT * FROM ${r.id}` });
    expect(model.resources.length).toBeGreaterThanOrEqual(10);
    for (const r of model.resources) {
      const derived = await deriveContractSpec(r.id, entry.resource);
      expect(derived, r.id).toEqual(generatorSpec(model, r.id));
      expect(plain(derived), r.id).toEqual(plain(generatorSpec(model, r.id)));
    }
  });

  it('a view with its base checks its methods; without it, skips them, saying so', async () => {
    const both = modelOf(['docs/providers/example/storage/buckets/index.md', 'docs/providers/example/storage/vw_buckets/index.md']);
    const alone = modelOf(['docs/providers/example/storage/vw_buckets/index.md']);
    const id = 'example.storage.vw_buckets';
    const withBase = await deriveContractSpec(id, mocksEntry(both).resource);
    const withoutBase = await deriveContractSpec(id, mocksEntry(alone).resource);
    expect(withBase).toEqual(generatorSpec(both, id));
    expect(withoutBase).toEqual(generatorSpec(alone, id));
    expect(withBase.methods.map((m) => m.skip)).toEqual([undefined]);
    expect(withoutBase.methods.map((m) => m.skip)).toEqual(['the view reads example.storage.buckets, which is not in the model (generate with its page too)']);
  });

  it('names the resource the mocks\' model lacks', async () => {
    const entry = mocksEntry(modelOf(['docs/providers/example/storage/buckets/index.md']));
    expect(await entry.resource('example.storage.nothing')).toBeUndefined();
    expect(await entry.resource('other.service.buckets')).toBeUndefined();
    await expect(deriveContractSpec('example.storage.nothing', entry.resource)).rejects.toThrow(/the mocks' model has no resource example\.storage\.nothing/);
  });
});
