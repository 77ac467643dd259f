// Method selection, identity derivation and the evaluation of SELECT: the JS fast path, the SQLite
// path (and that both agree), the middleware's `params`, the response metadata.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODEL_VERSION, type Field, type Method, type Model, type Resource, type Verb } from '../../generator/core/model.ts';
import { createMockEngine, deriveIdentity, type MockEngine, type Row } from '../../mocks/engine/index.ts';
import { typeOfWord } from '../../generator/core/types.ts';

const method = (name: string, verb: Verb, requiredParams: string[], optionalParams: string[] = []): Method => ({
  name,
  verb,
  requiredParams,
  optionalParams,
  requiredParamsResolved: requiredParams.map(() => 'param'),
  description: `${name} method`,
  rawVerb: verb.toUpperCase(),
  line: 1,
});
const field = (name: string, type: string, extra: Partial<Field> = {}): Field => ({ name, type, rawType: type, description: '', typeRef: typeOfWord(type, extra), line: 1, ...extra });
const resource = (id: string, fields: Field[], methods: Method[], extra: Partial<Resource> = {}): Resource => {
  const [provider, service, name] = id.split('.');
  const params = [...new Set(methods.flatMap((m) => [...m.requiredParams, ...m.optionalParams]))].map((p) => ({
    name: p,
    type: p === 'maxResults' ? 'integer' : 'string',
    rawType: 'string',
    description: '',
    origin: 'table' as const,
    typeRef: typeOfWord(p === 'maxResults' ? 'integer' : 'string'),
    line: 1,
  }));
  return { id, provider, service, name, kind: 'resource', source: { file: `${id}.md`, format: 'test', line: 1 }, fields, fieldSets: [], methods, params, examples: [], ...extra };
};

const instances = resource(
  'acme.compute.instances',
  [
    field('name', 'string'),
    field('id', 'string', { format: 'uint64' }),
    field('status', 'string', { enum: ['RUNNING', 'STOPPED', 'SUSPENDED'] }),
    field('cpus', 'integer'),
    field('preemptible', 'boolean'),
    field('labels', 'object'),
    field('disks', 'array'),
    field('zone', 'string'),
    field('createdAt', 'string', { format: 'date-time' }),
  ],
  [
    method('get', 'select', ['project', 'zone', 'instance']),
    method('list', 'select', ['project', 'zone'], ['maxResults']),
    method('aggregated_list', 'select', ['project']),
    method('insert', 'insert', ['project', 'zone']),
    method('delete', 'delete', ['project', 'zone', 'instance']),
    method('start', 'exec', ['project', 'zone', 'instance']),
  ],
);
const feeds = resource('acme.asset.feeds', [field('name', 'string'), field('feedType', 'string')], [
  method('list', 'select', ['parentType', 'parent']),
  method('get', 'select', ['name']),
]);
const settings = resource('acme.org.settings', [field('id', 'string'), field('value', 'string')], [method('get', 'select', ['org'])]);
const model: Model = { version: MODEL_VERSION, resources: [feeds, instances, settings], diagnostics: [], summary: { pages: 3, resources: 3, skipped: {}, methods: 0, examples: 0 } };

/** SQLite's default collation: code units, not locale. */
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function rows(engine: MockEngine, query: string, params?: Record<string, string>): Promise<Row[]> {
  const r = await engine.query({ query, params, showMetadata: false });
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { data: Row[] }).data;
}

describe('identity: key and scope from the select methods', () => {
  it('compute-style: get needs project, zone, instance; aggregated_list project → key zone + instance in scope project', () => {
    expect(deriveIdentity(instances, instances.fields)).toMatchObject({ scope: ['project'], key: ['zone', 'instance'], keyFields: ['zone', 'name'] });
  });

  it('a get whose params are not a superset of the list: key name, scope the list params', () => {
    expect(deriveIdentity(feeds, feeds.fields)).toMatchObject({ scope: ['parentType', 'parent'], key: ['name'], keyFields: ['name'] });
  });

  it('an object field cannot carry a key: users.name (an object) leaves the key to id', () => {
    const users = resource('g.directory.users', [field('name', 'object'), field('id', 'string')], [method('list', 'select', []), method('get', 'select', ['userKey'])]);
    expect(deriveIdentity(users, users.fields)).toMatchObject({ key: ['userKey'], keyFields: ['id'] });
  });

  it('a single select: no key, rows told apart by the id field', () => {
    expect(deriveIdentity(settings, settings.fields)).toMatchObject({ scope: ['org'], key: [], keyFields: [], rowField: 'id' });
  });
});

describe('method selection and scope', () => {
  const engine = createMockEngine({ model, seed: 11 });

  it('a list by project + zone fixes the zone; the aggregated list of the project sees those rows; get finds one', async () => {
    const listed = await rows(engine, "SELECT name, zone FROM acme.compute.instances WHERE project = 'p' AND zone = 'z1'");
    expect(listed).toHaveLength(3);
    expect(listed.every((r) => r.zone === 'z1')).toBe(true);
    const all = await rows(engine, "SELECT name, zone FROM acme.compute.instances WHERE project = 'p'");
    for (const r of listed) expect(all).toContainEqual(r);
    expect(await rows(engine, `SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z1' AND instance = '${listed[1].name}'`)).toEqual([{ name: listed[1].name }]);
    expect(await rows(engine, `SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z2' AND instance = '${listed[1].name}'`)).toEqual([]);
  });

  it('optional params are consumed, shown as columns, and do not filter rows', async () => {
    const r = await rows(engine, "SELECT name, maxResults FROM acme.compute.instances WHERE project = 'p' AND zone = 'z1' AND maxResults = 1");
    expect(r).toHaveLength(3);
    expect(r[0].maxResults).toBe('1');
  });

  it('a param that is also a field and not the method’s filters rows instead', async () => {
    const [one] = await rows(engine, "SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z1'");
    expect(await rows(engine, `SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z1' AND name = '${one.name}'`)).toEqual([one]);
  });

  it('a single-select resource generates its scope and keeps a row per id', async () => {
    expect(await rows(engine, "SELECT id, value FROM acme.org.settings WHERE org = 'o1'")).toHaveLength(3);
  });
});

describe('the SQLite path', () => {
  const engine = createMockEngine({ model, seed: 4, rowsPerScope: 12 });
  const scope = "FROM acme.compute.instances WHERE project = 'p' AND zone = 'z'";
  const all = () => rows(engine, `SELECT * ${scope}`);

  it('ORDER BY, LIMIT and OFFSET', async () => {
    const expected = (await all()).sort((a, b) => (b.cpus as number) - (a.cpus as number) || binary(String(a.name), String(b.name))).slice(1, 4).map((r) => ({ name: r.name, cpus: r.cpus }));
    expect(await rows(engine, `SELECT name, cpus ${scope} ORDER BY cpus DESC, name LIMIT 3 OFFSET 1`)).toEqual(expected);
  });

  it("numbers in StackQL's notations evaluate as numbers: hex, a leading point, exponents", async () => {
    const expected = (await all()).filter((r) => (r.cpus as number) < 31).length;
    expect(await rows(engine, `SELECT count(*) AS n ${scope} AND cpus < 0x1F`)).toEqual([{ n: expected }]);
    expect(await rows(engine, `SELECT 0x1F AS a, .5 AS b, -.5 AS c, 1.5e-3 AS d, 1e5 AS e ${scope} LIMIT 1`)).toEqual([{ a: 31, b: 0.5, c: -0.5, d: 0.0015, e: 100000 }]);
  });

  it('COUNT(*) with GROUP BY, ordered by an alias', async () => {
    const counts = new Map<string, number>();
    for (const r of await all()) counts.set(r.status as string, (counts.get(r.status as string) ?? 0) + 1);
    const expected = [...counts].map(([status, n]) => ({ status, n })).sort((a, b) => b.n - a.n || binary(a.status, b.status));
    expect(await rows(engine, `SELECT status, COUNT(*) AS n ${scope} GROUP BY status ORDER BY n DESC, status`)).toEqual(expected);
    expect(await rows(engine, `SELECT count(*) AS total ${scope}`)).toEqual([{ total: 12 }]);
  });

  it('residual predicates on fields: booleans, LIKE, IN, BETWEEN; types come back as JSON types', async () => {
    const data = await all();
    const pre = await rows(engine, `SELECT name, preemptible, labels, disks ${scope} AND preemptible = true`);
    expect(pre).toEqual(data.filter((r) => r.preemptible === true).map((r) => ({ name: r.name, preemptible: true, labels: r.labels, disks: r.disks })));
    expect(await rows(engine, `SELECT name ${scope} AND status IN ('RUNNING', 'STOPPED') AND cpus BETWEEN 100 AND 800`)).toEqual(
      data.filter((r) => ['RUNNING', 'STOPPED'].includes(r.status as string) && (r.cpus as number) >= 100 && (r.cpus as number) <= 800).map((r) => ({ name: r.name })),
    );
    const prefix = String(data[0].name).slice(0, 6);
    expect(await rows(engine, `SELECT name ${scope} AND name LIKE '${prefix}%'`)).toEqual(data.filter((r) => String(r.name).startsWith(prefix)).map((r) => ({ name: r.name })));
  });

  it('functions: json_extract, lower, upper, length, split_part, ||', async () => {
    const data = await all();
    const got = await rows(engine, `SELECT json_extract(labels, '$.env') AS env, lower(status) AS s, upper(name) u, length(name) AS len, split_part(name, '-', 2) AS part, name || '!' AS bang ${scope}`);
    expect(got).toEqual(
      data.map((r) => ({
        env: (r.labels as Row).env,
        s: String(r.status).toLowerCase(),
        u: String(r.name).toUpperCase(),
        len: String(r.name).length,
        part: String(r.name).split('-')[1],
        bang: `${r.name}!`,
      })),
    );
  });

  it('an unaliased expression is named by its text, DISTINCT works, json_each joins', async () => {
    const data = await all();
    const [first] = await rows(engine, `SELECT upper(status) ${scope} LIMIT 1`);
    expect(Object.keys(first)).toEqual(['upper(status)']);
    expect((await rows(engine, `SELECT DISTINCT status ${scope}`)).map((r) => r.status).sort()).toEqual([...new Set(data.map((r) => r.status as string))].sort());
    const disks = await rows(engine, `SELECT i.name, d.value FROM acme.compute.instances i, json_each(i.disks) d WHERE project = 'p' AND zone = 'z'`);
    expect(disks).toHaveLength(data.reduce((n, r) => n + (r.disks as unknown[]).length, 0));
    // Unaliased, the function is its own table name, in any case (SQLite's rule; the docs write it so).
    const unaliased = await rows(engine, `SELECT name, json_each.value AS disk FROM acme.compute.instances, JSON_EACH(disks) WHERE project = 'p' AND zone = 'z'`);
    expect(unaliased.map((r) => r.disk)).toEqual(disks.map((r) => r.value));
  });

  it('fields named like SQL keywords (JWKs have a field `false`) are columns, quoted, and the literals stay literals', async () => {
    const keys = resource('acme.auth.keys', [field('kid', 'string'), field('false', 'string'), field('true', 'integer'), field('null', 'string')], [
      method('list', 'select', ['app']),
    ]);
    const e = createMockEngine({ model: { ...model, resources: [keys] }, seed: 2, rowsPerScope: 4 });
    try {
      const from = "FROM acme.auth.keys WHERE app = 'a'";
      const data = await rows(e, `SELECT kid, "false", "true", "null" ${from}`);
      expect(data).toHaveLength(4);
      expect(data.every((r) => typeof r.false === 'string' && typeof r.true === 'number' && typeof r.null === 'string')).toBe(true);
      // The SQLite path: a predicate and ordering on them, and the keyword literal beside the column.
      const sorted = [...data].sort((a, b) => binary(String(a.false), String(b.false)));
      expect(await rows(e, `SELECT kid, "false", "true", "null" ${from} AND "false" IS NOT NULL AND false = false ORDER BY "false"`)).toEqual(sorted);
      expect(await rows(e, `SELECT kid ${from} AND true = false`)).toEqual([]);
      expect(await rows(e, `SELECT * ${from} AND 1 = 1`)).toEqual(await rows(e, `SELECT * ${from}`));
    } finally {
      await e.close();
    }
  });

  it('agrees with the fast path on any projection, limit and offset', async () => {
    const names = instances.fields.map((f) => f.name);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(names, { minLength: 1 }),
        fc.option(fc.nat(14), { nil: undefined }),
        fc.option(fc.nat(14), { nil: undefined }),
        async (columns, limit, offset) => {
          const tail = limit === undefined ? (offset === undefined ? '' : ` LIMIT ${offset}, 100`) : ` LIMIT ${limit}${offset === undefined ? '' : ` OFFSET ${offset}`}`;
          const fast = await rows(engine, `SELECT ${columns.join(', ')} ${scope}${tail}`);
          // `1 = 1` is no param: the statement goes through SQLite.
          const slow = await rows(engine, `SELECT ${columns.join(', ')} ${scope} AND 1 = 1${tail}`);
          expect(slow).toEqual(fast);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('params and metadata', () => {
  const engine = createMockEngine({ model, seed: 8 });

  it("replaces '$name' inside string literals only, as data: a quote in a value cannot change the statement", async () => {
    const [one] = await rows(engine, "SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z'");
    expect(await rows(engine, "SELECT name FROM acme.compute.instances WHERE project = '$project' AND zone = '$zone' AND instance = '$i'", { project: 'p', zone: 'z', i: String(one.name) })).toEqual([one]);
    // The real middleware would splice this text in and return every row.
    expect(await rows(engine, "SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z' AND instance = '$i'", { i: "x' OR '1' = '1" })).toEqual([]);
    const r = await engine.query({ query: "SELECT zone FROM acme.compute.instances WHERE project = 'p' AND zone = 'z-$suffix' LIMIT 1", params: { suffix: "o'k" } });
    expect(r.body).toMatchObject({
      data: [{ zone: "z-o'k" }],
      metadata: { request: { params: { suffix: "o'k" }, renderedQuery: "SELECT zone FROM acme.compute.instances WHERE project = 'p' AND zone = 'z-o''k' LIMIT 1" } },
    });
  });

  it('leaves names it has no value for, and $name outside strings, alone', async () => {
    const r = await engine.query({ query: "SELECT zone FROM acme.compute.instances WHERE project = 'p' AND zone = '$zone' LIMIT 1", params: { zonex: 'no' } });
    expect(r.body).toMatchObject({ data: [{ zone: '$zone' }] });
  });

  it('answers metadata unless showMetadata is false', async () => {
    const r = await engine.query({ query: "SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z'" });
    expect(r).toEqual({
      status: 200,
      body: {
        data: expect.any(Array),
        metadata: {
          operation: { startTime: expect.stringMatching(/Z$/), endTime: expect.stringMatching(/Z$/), duration: expect.stringMatching(/^\d+\.\d{3}ms$/), status: 'OK' },
          result: { rowCount: 3 },
          request: { query: "SELECT name FROM acme.compute.instances WHERE project = 'p' AND zone = 'z'" },
        },
      },
    });
    const quiet = await engine.query({ query: 'SHOW PROVIDERS', showMetadata: false });
    expect(quiet).toEqual({ status: 200, body: { data: [{ name: 'acme', version: expect.any(String) }] } });
  });
});
