// A SELECT on a view runs the view's SQLite definition (docs/providers/example/storage/vw_buckets)
// over its base resource's rows: what is INSERTed into example.storage.buckets shows in the view.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine, type Row } from '../../mocks/engine/index.ts';
import type { Model } from '../../generator/core/model.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();
let engine: MockEngine;
beforeEach(() => {
  engine = createMockEngine({ model, seed: 11 });
});
afterEach(async () => {
  await engine.close();
});

async function rows(query: string): Promise<Row[]> {
  const r = await engine.query({ query });
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { data: Row[] }).data;
}

const insertLogs = `INSERT INTO example.storage.buckets (data__name, data__storageClass, data__labels, project)
SELECT 'logs', 'NEARLINE', '{"team": "infra"}', 'p1'`;

describe('example.storage.vw_buckets: a view over example.storage.buckets', () => {
  it('shows a row INSERTed into the base, through the definition\'s aliases and JSON_EXTRACT', async () => {
    await rows(insertLogs);
    const viewed = await rows("SELECT bucket_name, storage_class, team, project FROM example.storage.vw_buckets WHERE project = 'p1'");
    expect(viewed).toContainEqual({ bucket_name: 'logs', storage_class: 'NEARLINE', team: 'infra', project: 'p1' });
    // The view lists exactly the base's rows of that project.
    const base = await rows("SELECT name FROM example.storage.buckets WHERE project = 'p1'");
    expect(viewed.map((r) => r.bucket_name).sort()).toEqual(base.map((r) => r.name).sort());
  });

  it('evaluates the statement\'s own WHERE on the view\'s columns, and its params choose the base rows', async () => {
    await rows(insertLogs);
    expect(await rows("SELECT * FROM example.storage.vw_buckets WHERE project = 'p1' AND team = 'infra'")).toEqual([
      { bucket_name: 'logs', storage_class: 'NEARLINE', team: 'infra', project: 'p1' },
    ]);
    expect(await rows("SELECT bucket_name FROM example.storage.vw_buckets WHERE project = 'p2' AND bucket_name = 'logs'")).toEqual([]);
  });

  it('is strict as a resource is: its required param, its columns', async () => {
    expect(await engine.query({ query: 'SELECT bucket_name FROM example.storage.vw_buckets' })).toMatchObject({
      status: 400,
      body: { error: 'missing required parameter project for SELECT on example.storage.vw_buckets; candidate methods: select (requires project)' },
    });
    expect(await engine.query({ query: "SELECT name FROM example.storage.vw_buckets WHERE project = 'p1'" })).toMatchObject({
      status: 400,
      body: { error: "unknown column 'name' in example.storage.vw_buckets" },
    });
  });

  it('says why when the view cannot be run: no SQLite definition, or its base is not in the model', async () => {
    const view = model.resources.find((r) => r.id === 'example.storage.vw_buckets')!;
    const postgresOnly: Model = { ...model, resources: model.resources.map((r) => (r === view ? { ...r, view: { ...r.view!, definitions: r.view!.definitions.filter((d) => d.backend === 'Postgres') } } : r)) };
    const noBase: Model = { ...model, resources: model.resources.filter((r) => r.id !== 'example.storage.buckets') };
    for (const [m, why] of [
      [postgresOnly, 'its page gives no SQLite definition (backends: Postgres)'],
      [noBase, 'it reads example.storage.buckets, which is not in the model (its page is missing or was excluded)'],
    ] as const) {
      const e = createMockEngine({ model: m, seed: 11 });
      const r = await e.query({ query: "SELECT bucket_name FROM example.storage.vw_buckets WHERE project = 'p1'" });
      expect(r).toMatchObject({ status: 400, body: { error: `view 'example.storage.vw_buckets' cannot be read: ${why}` } });
      await e.close();
    }
  });
});
