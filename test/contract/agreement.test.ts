// Client, mock and validator accept the same rows, for every resource of docs/ and of hand-made
// resources with every kind of type (test/contract/agreement.ts); the corpus-wide run is
// test/corpus/agreement.test.ts.
import { describe, expect, it } from 'vitest';
import type { Model } from '../../generator/core/model.ts';
import { emitClients } from '../../generator/emit/clients.ts';
import { layout } from '../../generator/emit/layout.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { awkward, field, manifest, resource } from '../emit/fixtures.ts';
import { removeDir, runTsc, scratchDir, writeFiles, writeProject } from '../emit/helpers.ts';
import { docsModel } from '../helpers/model.ts';
import { disagreements, mockRows, rowsModule } from './agreement.ts';

const shapes = resource('p.s.shapes', {
  fields: [
    field('id'),
    field('big', 'string (int64)'),
    field('when', 'string (date-time)'),
    field('state', 'string', { enum: ['A', "B'C"] }),
    field('level', 'integer', { enum: ['1', '2'] }),
    field('slug', 'string', { pattern: '^[a-z]{3}-[0-9]{2}$' }),
    field('location'),
    field('spec', 'object'),
    field('items', 'array'),
    field('anything', ''),
  ],
  manifest: manifest([
    {
      name: 'shapes',
      line: 1,
      props: [
        { name: 'spec', line: 2, props: [{ name: 'replicas', value: 'integer', line: 3 }, { name: 'deep', line: 4, props: [{ name: 'turns', line: 5, props: [{ name: '[0]', line: 6, props: [{ name: 'text', value: 'string', line: 7 }] }] }] }] },
        { name: 'items', line: 8, props: [{ name: '[0]', line: 9, props: [{ name: 'key', value: 'string', line: 10 }] }] },
      ],
    },
  ]),
});

const model: Model = { ...docsModel(), diagnostics: [] };
model.resources = [...model.resources, shapes, awkward()];

describe('client, mock and validator agree', () => {
  it('on the row schema and on the mock\'s rows, for every resource', () => {
    expect(disagreements(model)).toEqual([]);
  });

  it('draws nested values, patterns and provider regions from the type', () => {
    const [row] = mockRows(shapes);
    expect(row.slug).toMatch(/^[a-z]{3}-[0-9]{2}$/);
    expect(row.big).toMatch(/^\d+$/);
    expect((row.spec as { deep: { turns: Array<{ text: unknown }> } }).deep.turns[0].text).toEqual(expect.any(String));
    expect(['us-central1', 'us-east1', 'europe-west1', 'europe-west4', 'asia-east1', 'asia-northeast1']).not.toContain(row.location);
    const google = mockRows({ ...shapes, id: 'google.s.shapes', provider: 'google' });
    for (const r of google) expect(['us-central1', 'us-east1', 'europe-west1', 'europe-west4', 'asia-east1', 'asia-northeast1']).toContain(r.location);
  });

  it('finds a disagreement when there is one', () => {
    const broken = structuredClone(shapes);
    // A mock that read `id` as an integer, against a client and validator that say string.
    broken.fields[0].typeRef = { kind: 'integer' };
    const found = disagreements({ ...model, resources: [shapes] }, { ...model, resources: [broken] });
    expect(found[0]).toEqual({ resource: 'p.s.shapes', check: 'mock-rows', message: "row 0: field 'id' should be a string, got number" });
    expect(found.every((d) => d.check === 'mock-rows' && /field 'id' should be a string/.test(d.message))).toBe(true);
  });

  it('at the type level: the mock\'s rows are the client\'s Row', () => {
    const dir = scratchDir('agreement');
    try {
      const paths = layout(model.resources).paths;
      writeFiles(dir, [
        ...emitClients(model),
        ...runtimeFiles(['client']),
        ...model.resources.map((r) => ({ path: `rows/${paths.get(r.id)}.ts`, content: rowsModule(r, paths.get(r.id)!) })),
      ]);
      writeProject(dir, { verbatimModuleSyntax: true });
      const tsc = runTsc(dir);
      expect(tsc.errors.slice(0, 10)).toEqual([]);
    } finally {
      removeDir(dir);
    }
  });
});
