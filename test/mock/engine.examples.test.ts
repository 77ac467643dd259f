// Every SQL example of the docs/ pages, placeholders filled with typed sample values, runs on the
// mock engine with status 200; and fillPlaceholders renders what the contract tests will send.
import { describe, expect, it } from 'vitest';
import { createMockEngine, fillPlaceholders, sampleValue } from '../../mocks/engine/index.ts';
import { parseStatement } from '../../generator/core/sql/index.ts';
import { unknownFunctions } from '../../generator/core/doc-defects.ts';
import { docsModel } from '../helpers/model.ts';
import { field, method, param, resource } from '../emit/fixtures.ts';
import type { Example } from '../../generator/core/model.ts';
import { parseStatement as parseDocs } from '../../generator/core/sql/parser.ts';

/** An example as extraction reads it: docs mode, repairs on. */
function docsExample(methodName: string, sql: string): Example {
  const repairs: string[] = [];
  const statement = parseDocs(sql, { onRepair: (r) => repairs.push(r.code) });
  return { verb: statement.kind as Example['verb'], method: methodName, sql, repairs, line: 1 };
}


const model = docsModel();
// Doc defects aside: an example calling a function StackQL lacks (string(...)) cannot run anywhere.
const examples = model.resources.flatMap((resource) =>
  resource.examples.filter((e) => e.parseError === undefined && (e.repairs?.length ?? 0) === 0 && unknownFunctions(e) === undefined).map((example, i) => ({ resource, example, name: `${resource.id} #${i + 1} ${example.verb} ${example.method ?? ''}`.trim() })),
);

describe('the docs examples', () => {
  it('are all there: the pages of docs/ give at least the examples known when this was written', () => {
    expect(model.resources.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'confluent.iam.invitations',
        'example.compute.instances',
        'example.network.firewalls',
        'example.registry.images',
        'example.storage.buckets',
        'google.cloudidentity.userinvitations',
      ]),
    );
    expect(examples.length).toBeGreaterThanOrEqual(26);
  });

  const engine = createMockEngine({ model });
  it.each(examples)('$name runs with status 200', async ({ resource, example }) => {
    engine.reset();
    const sql = fillPlaceholders(example, resource);
    expect(sql).not.toContain('{{');
    const response = await engine.query({ query: sql });
    expect(response.body).not.toHaveProperty('error');
    expect(response.status).toBe(200);
    expect(Array.isArray((response.body as { data: unknown[] }).data)).toBe(true);
  });
});

describe('fillPlaceholders', () => {
  const byId = (id: string) => model.resources.find((r) => r.id === id)!;

  it('fills quoted placeholders with the sample of the param type', () => {
    const r = byId('google.cloudidentity.userinvitations');
    const get = r.examples.find((e) => e.method === 'get')!;
    expect(fillPlaceholders(get, r)).toContain("WHERE customersId = 'sample-customersid' -- required\nAND userinvitationsId = 'sample-userinvitationsid' -- required;");
  });

  it('types the values: integer params, enum fields, object fields as JSON text', () => {
    const buckets = byId('example.storage.buckets');
    expect(sampleValue('maxResults', buckets)).toBe(10);
    expect(sampleValue('storageClass', buckets)).toBe('STANDARD');
    expect(sampleValue('labels', buckets)).toEqual({ team: 'sample-team', cost_center: 'sample-cost-center' });
    expect(sampleValue('data__labels', buckets)).toEqual({ team: 'sample-team', cost_center: 'sample-cost-center' });
    const insert = buckets.examples.find((e) => e.verb === 'insert')!;
    expect(fillPlaceholders(insert, buckets)).toContain(`'sample-name',\n'STANDARD',\n'{"team":"sample-team","cost_center":"sample-cost-center"}',\n'sample-project'`);
    const invitations = byId('confluent.iam.invitations');
    expect(sampleValue('email', invitations)).toBe('user@example.com');
    // A plain-string param whose field of the same name is an int64: the value lands in the field, so it is digits.
    const commands = structuredClone(invitations);
    commands.params = [{ name: 'commandId', type: 'string', rawType: 'string', description: '', origin: 'table', typeRef: { kind: 'string' }, line: 1 }];
    commands.fields = [{ name: 'commandId', type: 'string', format: 'int64', rawType: 'string (int64)', description: '', typeRef: { kind: 'string', format: 'int64' }, line: 1 }];
    expect(sampleValue('commandId', commands)).toBe('42');
  });

  it('writes JSON-escaped text inside a JSON string of an @@json body', () => {
    const buckets = byId('example.storage.buckets');
    const exec = buckets.examples.find((e) => e.verb === 'exec')!;
    const sql = fillPlaceholders(exec, buckets);
    expect(sql).toContain(`'{\n"retentionPeriod": "sample-retentionperiod"\n}'`);
    const st = parseStatement(sql, { templates: false });
    expect(st.kind === 'exec' && st.json?.type === 'string' && JSON.parse(st.json.value)).toEqual({ retentionPeriod: 'sample-retentionperiod' });
  });

  it('renders bare placeholders as SQL literals and leaves non-placeholders alone', () => {
    const r = byId('example.storage.buckets');
    expect(fillPlaceholders('SELECT * FROM example.storage.buckets WHERE project = {{ project }} AND maxResults = {{ maxResults }}', r)).toBe(
      "SELECT * FROM example.storage.buckets WHERE project = 'sample-project' AND maxResults = 10",
    );
    const instances = byId('example.compute.instances');
    const get = instances.examples.find((e) => e.method === 'get_resource')!;
    expect(fillPlaceholders(get, instances)).toBe(get.sql);
  });

  it('quotes what it inserts, so a sample with a quote cannot end the string', () => {
    const r = structuredClone(byId('example.storage.buckets'));
    r.fields.find((f) => f.name === 'storageClass')!.typeRef = { kind: 'string', enum: ["it's"] };
    expect(fillPlaceholders("SELECT 1 FROM t WHERE a = '{{ storageClass }}' AND b = 'x/{{ storageClass }}'", r)).toBe(
      "SELECT 1 FROM t WHERE a = 'it''s' AND b = 'x/it''s'",
    );
  });
});

describe('a type word the docs wrote for a SET value', () => {
  // `ratio` is no field: the page's own example makes it a column, and the word types it.
  const sql = "UPDATE acme.monitoring.slos\nSET\nname = '{{ name }}',\ngoal = number,\nlabels = object,\nenabled = boolean,\nratio = number\nWHERE name = '{{ name }}';";
  const update = docsExample('patch', sql);
  const slos = resource('acme.monitoring.slos', {
    fields: [field('name'), field('goal', 'number'), field('labels', 'object'), field('enabled', 'boolean')],
    methods: [method('list', 'select', ['parent']), method('patch', 'update', ['name'])],
    params: [param('name', ''), param('parent', '')],
    examples: [update],
  });
  const engine = createMockEngine({ model: { ...model, resources: [slos] } });

  it('is filled with a sample of the field type, or of the word when the page has no such field; the example then runs', async () => {
    const filled = fillPlaceholders(update, slos);
    expect(filled).toBe("UPDATE acme.monitoring.slos\nSET\nname = 'sample-name',\ngoal = 1.5,\nlabels = '{\"key\":\"value\"}',\nenabled = true,\nratio = 1.5\nWHERE name = 'sample-name';");
    expect(fillPlaceholders(sql, slos)).toBe(filled);
    const r = await engine.query({ query: filled });
    expect(r.body).not.toHaveProperty('error');
  });

  it('a client writing the word is still reading a column, which SET cannot: refused', async () => {
    const r = await engine.query({ query: "UPDATE acme.monitoring.slos SET goal = number WHERE name = 'x'" });
    expect(r).toMatchObject({ status: 400, body: { error: "the value for 'goal' must be a constant: it cannot read columns" } });
  });
});
