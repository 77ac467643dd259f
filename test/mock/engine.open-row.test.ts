// A resource whose page lists no fields: the client's Row is any record, so the mock answers any
// column (null until written) instead of refusing what the client may ask; one with fields still
// refuses names it does not have.
import { describe, expect, it } from 'vitest';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { MODEL_VERSION, type Model } from '../../generator/core/model.ts';
import { example, field, method, param, resource } from '../emit/fixtures.ts';

const model: Model = {
  version: MODEL_VERSION,
  diagnostics: [],
  summary: { pages: 4, resources: 4, skipped: {}, methods: 0, examples: 0 },
  resources: [
    resource('p.s.untyped', { params: [param('region')], methods: [method('list', 'select', ['region']), method('create', 'insert', ['region', ['Name', 'body']])] }),
    resource('p.s.typed', { fields: [field('name')], params: [param('region')], methods: [method('list', 'select', ['region'])] }),
    resource('p.s.usages', { fields: [field('name', 'object'), field('limit', 'integer')], params: [param('name')], methods: [method('list', 'select', ['name'])] }),
    resource('p.s.memberships', {
      fields: [field('project_identifier')],
      fieldSets: [{ method: 'list', label: 'list', fields: ['project_identifier'], line: 1 }],
      params: [param('region')],
      methods: [method('list', 'select', ['region'])],
      examples: [example('list', "SELECT region, member_identifier, project_identifier FROM p.s.memberships WHERE region = 'r';")],
    }),
  ],
};

describe('rows of a resource without fields', () => {
  it('answer any column the client asks for, and keep what was written', async () => {
    const engine = createMockEngine({ model });
    const read = await engine.query({ query: "SELECT arn, name FROM p.s.untyped WHERE region = 'r1'", showMetadata: false });
    expect(read.status).toBe(200);
    const rows = (read.body as { data: Array<Record<string, unknown>> }).data;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.arn === null)).toBe(true);
    expect((await engine.query({ query: "INSERT INTO p.s.untyped (region, Name) SELECT 'r1', 'n1'" })).status).toBe(200);
    const after = ((await engine.query({ query: "SELECT Name FROM p.s.untyped WHERE region = 'r1'", showMetadata: false })).body as { data: Array<Record<string, unknown>> }).data;
    expect(after.map((r) => r.Name)).toContain('n1');
  });

  it('while a resource with fields refuses a name it does not have', async () => {
    const engine = createMockEngine({ model });
    const answer = await engine.query({ query: "SELECT arn FROM p.s.typed WHERE region = 'r1'" });
    expect(answer).toMatchObject({ status: 400, body: { error: "unknown column 'arn' in p.s.typed" } });
  });
});

describe('columns only the docs\' SELECT example names', () => {
  it('are columns of the row, as in the client\'s Row, and part of the method\'s SELECT *, as the generated mocks read them from model.json', async () => {
    const engine = createMockEngine({ model });
    const named = await engine.query({ query: "SELECT member_identifier FROM p.s.memberships WHERE region = 'r'", showMetadata: false });
    expect(named.status).toBe(200);
    const star = (await engine.query({ query: "SELECT * FROM p.s.memberships WHERE region = 'r'", showMetadata: false })).body as { data: Array<Record<string, unknown>> };
    expect(Object.keys(star.data[0])).toEqual(expect.arrayContaining(['project_identifier', 'member_identifier']));
  });
});

describe('a scope param named like a field of another type', () => {
  it('is not written into that field: azure usages take the environment `name`, their `name` field is an object', async () => {
    const engine = createMockEngine({ model });
    const rows = ((await engine.query({ query: "SELECT name FROM p.s.usages WHERE name = 'env1'", showMetadata: false })).body as { data: Array<Record<string, unknown>> }).data;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(typeof row.name).toBe('object');
  });
});
