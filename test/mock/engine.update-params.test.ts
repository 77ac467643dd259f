// UPDATE and REPLACE take path and query params from WHERE only: SET is the request body. A param
// that is also a body field (google's `name`) is not given by `SET name = ...`; a body param (AWS
// Cloud Control's PatchDocument) is.
import { afterAll, describe, expect, it } from 'vitest';
import { MODEL_VERSION, type Model } from '../../generator/core/model.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { missingRequired } from '../../generator/core/doc-defects.ts';
import { givenNames, missingParams } from '../../generator/core/required-params.ts';
import { shapeOf } from '../../generator/core/statement-shape.ts';
import { example, field, method, param, resource } from '../emit/fixtures.ts';

const queries = resource('acme.asset.saved_queries', {
  fields: [field('name'), field('description')],
  methods: [method('get', 'select', ['name']), method('list', 'select', ['parent']), method('patch', 'update', ['name']), method('delete', 'delete', ['name'])],
  params: [param('name', ''), param('parent', '')],
});
const patched = resource('acme.cc.things', {
  fields: [field('Identifier'), field('Size', 'integer')],
  methods: [method('get', 'select', ['Identifier', 'region']), method('update', 'update', ['Identifier', ['PatchDocument', 'body'], 'region'])],
  params: [param('Identifier', ''), param('region', '')],
});
const documentedBody = resource('acme.docs.items', {
  fields: [field('id'), field('spec', 'object')],
  methods: [method('list', 'select', ['zone']), method('update', 'update', ['zone', 'spec'])],
  params: [param('zone'), param('spec', 'object', { in: 'body' })],
});
const model: Model = { version: MODEL_VERSION, resources: [queries, patched, documentedBody], diagnostics: [], summary: { pages: 3, resources: 3, skipped: {}, methods: 0, examples: 0 } };
const engine = createMockEngine({ model, seed: 3 });
afterAll(() => engine.close());

describe('required params of UPDATE and REPLACE', () => {
  it('a path param written only in SET is missing: refused (400), naming it, nothing changed', async () => {
    const before = engine.snapshot('acme.asset.saved_queries');
    const r = await engine.query({ query: "UPDATE acme.asset.saved_queries SET name = 'x', description = 'd';" });
    expect(r.status).toBe(400);
    expect((r.body as { error: string }).error).toMatch(/missing required parameter name for UPDATE on acme\.asset\.saved_queries/);
    expect(engine.snapshot('acme.asset.saved_queries')).toEqual(before);
  });

  it('the same param in WHERE (and in SET, as the body field) runs', async () => {
    const r = await engine.query({ query: "UPDATE acme.asset.saved_queries SET name = 'x', description = 'd' WHERE name = 'x';" });
    expect(r.status).toBe(200);
  });

  it('a body param is given by SET: resolved as body, or a Parameters row saying in: body', async () => {
    const r = await engine.query({ query: `UPDATE acme.cc.things SET PatchDocument = '[{"op":"replace","path":"/Size","value":2}]' WHERE region = 'r' AND Identifier = 'i';` });
    expect(r.status).toBe(200);
    const spec = await engine.query({ query: `UPDATE acme.docs.items SET spec = '{"a":1}' WHERE zone = 'z';` });
    expect(spec.status).toBe(200);
    const noRegion = await engine.query({ query: `UPDATE acme.cc.things SET PatchDocument = '[]', region = 'r' WHERE Identifier = 'i';` });
    expect(noRegion.status).toBe(400);
    expect((noRegion.body as { error: string }).error).toMatch(/missing required parameter region for UPDATE/);
  });

  it('the rule the docs and the suites share: SET gives body params only', () => {
    const patch = queries.methods[2]!;
    expect(missingParams(patch, givenNames(shapeOf("UPDATE a.b.c SET name = 'x'", { templates: false })))).toEqual(['name']);
    expect(missingParams(patch, givenNames(shapeOf("UPDATE a.b.c SET description = 'x' WHERE name = 'x'", { templates: false })))).toEqual([]);
    // INSERT columns give any param.
    expect(missingParams(method('create', 'insert', ['name']), givenNames(shapeOf("INSERT INTO a.b.c (name) SELECT 'x'", { templates: false })))).toEqual([]);
    expect(missingRequired(example('patch', "UPDATE acme.asset.saved_queries SET name = '{{ name }}';"), queries.id, queries.methods, queries.params)).toBe(
      'it leaves out a required param of every UPDATE method (patch needs name)',
    );
    expect(missingRequired(example('update', "UPDATE acme.docs.items SET spec = '{}' WHERE zone = 'z';"), documentedBody.id, documentedBody.methods, documentedBody.params)).toBeUndefined();
  });
});
