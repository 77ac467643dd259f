/**
 * The engine's budgets, as every front sees them (engine.query / engine.handle): hostile statements
 * and values get a clear 4xx/5xx, nothing stored changes, and the engine keeps answering.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMockEngine, EngineError, type MockEngine, type MockOptions } from '../../mocks/engine/index.ts';
import { sqliteThreadCount } from '../../mocks/engine/sqlite-thread.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();
const engines: MockEngine[] = [];
function engine(options: Partial<MockOptions> = {}): MockEngine {
  const e = createMockEngine({ model, ...options });
  engines.push(e);
  return e;
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const list = 'SELECT id, email FROM confluent.iam.invitations';

async function stillServes(e: MockEngine): Promise<void> {
  const r = await e.query({ query: list });
  expect(r.status).toBe(200);
}

describe.each([
  ['worker threads', 2],
  ['in-thread', 0],
])('SQLite budgets (%s)', (_, sqliteThreads) => {
  it('a result SQLite cannot hold within its memory budget is a 400 naming the budget', async () => {
    const e = engine({ sqliteThreads, limits: { maxSqliteMemoryBytes: 32 * 1024 * 1024 } });
    for (const expr of ['zeroblob(200000000)', "printf('%.*c', 900000000, 'x')", 'hex(zeroblob(20000000))']) {
      const r = await e.query({ query: `SELECT ${expr} AS v FROM confluent.iam.invitations` });
      expect(r.status, expr).toBe(400);
      expect(r.body).toEqual({ error: expect.stringContaining('SQLite memory budget of 33554432 bytes (maxSqliteMemoryBytes)') });
    }
    await stillServes(e);
  });

  it('an answer over maxAnswerBytes is refused before it is sent', async () => {
    const e = engine({ sqliteThreads, limits: { maxAnswerBytes: 100_000 } });
    const r = await e.query({ query: 'SELECT hex(zeroblob(60000)) AS v FROM confluent.iam.invitations' });
    expect(r).toEqual({ status: 400, body: { error: expect.stringContaining("budget of 100000 bytes (maxAnswerBytes)") } });
    expect((await e.query({ query: 'SELECT hex(zeroblob(10)) AS v FROM confluent.iam.invitations' })).status).toBe(200);
  });

  it('a blob comes back as base64 text, not as an object of bytes', async () => {
    const e = engine({ sqliteThreads });
    const r = await e.query({ query: "SELECT zeroblob(3) AS v FROM confluent.iam.invitations LIMIT 1", showMetadata: false });
    expect(r).toEqual({ status: 200, body: { data: [{ v: 'AAAA' }] } });
  });

  // In-thread, one catastrophic REGEXP call cannot be interrupted (the documented limit of that
  // path); REGEXP over many rows is stopped between calls.
  it('a catastrophic REGEXP is stopped at the time budget with a 503', async () => {
    const e = engine({ sqliteThreads, limits: { statementTimeoutMs: 300 } });
    const values = `'[${Array.from({ length: 200 }, () => `"${'a'.repeat(sqliteThreads === 0 ? 20 : 28)}b"`).join(',')}]'`;
    const hostile = `SELECT count(*) AS n FROM confluent.iam.invitations, json_each(${values}) AS j WHERE (j.value REGEXP '(a+)+$') = 1`;
    const r = await e.query({ query: hostile });
    expect(r).toEqual({ status: 503, body: { error: "the statement ran longer than the mock's time budget of 300 ms (statementTimeoutMs) and was stopped" } });
    await stillServes(e);
  });

  it('a cross join too big to finish is stopped at the time budget', async () => {
    const e = engine({ sqliteThreads, limits: { statementTimeoutMs: 300 } });
    const numbers = `'[${Array.from({ length: 400 }, (_, i) => i).join(',')}]'`;
    const r = await e.query({
      query: `SELECT count(*) AS n FROM confluent.iam.invitations, json_each(${numbers}) AS a, json_each(${numbers}) AS b, json_each(${numbers}) AS c WHERE (a.value || b.value || c.value) REGEXP 'x'`,
    });
    expect(r.status).toBe(503);
    await stillServes(e);
  });
});

describe('statement time, off the request thread', () => {
  it('while a hostile statement runs, simple SELECTs keep being answered (before it ends)', async () => {
    const e = engine({ limits: { statementTimeoutMs: 1_000 } });
    await stillServes(e);
    let hostileDone = false;
    const hostile = e
      .query({ query: `SELECT id FROM confluent.iam.invitations WHERE ('${'a'.repeat(30)}b' REGEXP '(a+)+$') = 1` })
      .then((r) => {
        hostileDone = true;
        return r;
      });
    // Twenty simple SELECTs one after another: every one answered while the hostile one still runs.
    for (let i = 0; i < 20; i++) {
      await stillServes(e);
      expect(hostileDone).toBe(false);
    }
    expect((await hostile).status).toBe(503);
  });

  it('SQLite-evaluated SELECTs still answer while one thread is held by a hostile statement', async () => {
    const e = engine({ limits: { statementTimeoutMs: 1_000 } });
    const hostile = e.query({ query: `SELECT id FROM confluent.iam.invitations WHERE ('${'a'.repeat(30)}b' REGEXP '(a+)+$') = 1` });
    let hostileDone = false;
    void hostile.then(() => (hostileDone = true));
    const r = await e.query({ query: 'SELECT id FROM confluent.iam.invitations ORDER BY id DESC' });
    expect(r.status).toBe(200);
    expect(hostileDone).toBe(false);
    expect((await hostile).status).toBe(503);
  });
});

describe('SQLite threads', () => {
  it('are shared by every engine: fifty engines evaluating at once use at most the threads one asks for', async () => {
    const many = Array.from({ length: 50 }, () => engine({ sqliteThreads: 2 }));
    const answers = await Promise.all(many.map((e) => e.query({ query: 'SELECT upper(id) AS v FROM confluent.iam.invitations ORDER BY v' })));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(sqliteThreadCount()).toBeLessThanOrEqual(2);
    expect(sqliteThreadCount()).toBeGreaterThan(0);
    await Promise.all(many.map((e) => e.close()));
  });
});

describe('value depth: checked when stored, so no poisoned row exists', () => {
  it('INSERT of JSON text nested deeper than maxValueDepth into an object field is refused; nothing stored', async () => {
    const e = engine();
    const before = JSON.stringify(e.snapshot());
    for (const value of [deep(20_000), deepObject(20_000), deep(65)]) {
      const r = await e.query({ query: `INSERT INTO confluent.iam.invitations (data__email, data__user) SELECT 'x@example.com', '${value}'` });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: "the value of 'user' in confluent.iam.invitations is nested deeper than 64 levels (maxValueDepth): not stored" });
    }
    expect(JSON.stringify(e.snapshot())).toBe(before);
    const ok = await e.query({ query: `INSERT INTO confluent.iam.invitations (data__email, data__user) SELECT 'y@example.com', '${deep(64)}'` });
    expect(ok.status).toBe(200);
    await stillServes(e);
  });

  it('UPDATE of a deep value is refused the same way, whether or not a row matches', async () => {
    const e = engine();
    const list = await e.query({ query: "SELECT bucket FROM example.storage.buckets WHERE project = 'p'", showMetadata: false });
    const bucket = (list.body as { data: { bucket: string }[] }).data[0].bucket;
    for (const name of [bucket, 'no-such-bucket']) {
      const r = await e.query({ query: `UPDATE example.storage.buckets SET data__labels = '${deepObject(100)}' WHERE project = 'p' AND bucket = '${name}'` });
      expect(r).toEqual({ status: 400, body: { error: "the value of 'labels' in example.storage.buckets is nested deeper than 64 levels (maxValueDepth): not stored" } });
    }
  });

  it('a WHERE of 8,000 conditions evaluated in SQLite is rendered shallow enough for it', async () => {
    const e = engine();
    const r = await e.query({ query: `SELECT id FROM confluent.iam.invitations WHERE ${Array.from({ length: 8_000 }, () => "email <> 'x'").join(' AND ')}` });
    expect(r.status).toBe(200);
  });

  it('fixtures with a deep value are refused (engine.load throws, the route answers 400) and load nothing', async () => {
    const e = engine();
    const fixtures = { 'confluent.iam.invitations': [{ rows: [{ id: 'ok', email: 'a@b.c' }, { id: 'poison', user: JSON.parse(deep(1000)) }] }] };
    expect(() => e.load(fixtures)).toThrow(/nested deeper than 64 levels/);
    const r = await e.handle('POST', '/__mock/fixtures', JSON.stringify(fixtures));
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: expect.stringMatching(/^invalid fixtures: .*nested deeper than 64 levels/) });
    expect(JSON.stringify(e.snapshot())).not.toContain('poison');
    expect(() => createMockEngine({ model, fixtures })).toThrow(/nested deeper/);
  });

  it('an @@json body nested too deep is refused and not logged', async () => {
    const e = engine();
    const r = await e.query({
      query: `EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'i1' @@json = '${deepObject(500)}'`,
    });
    expect(r.status).toBe(400);
    expect(e.execLog()).toEqual([]);
  });
});

describe('the exec log', () => {
  it('keeps the most recent calls only, by count and by bytes', async () => {
    // Bodies near 1 MiB fill the log's byte budget in a few calls: past the default statement limit.
    const e = engine({ limits: { maxStatementBytes: 1024 * 1024 } });
    const exec = (i: number, body = '') =>
      e.query({ query: `EXEC google.cloudidentity.userinvitations.send @customersId = 'C01', @userinvitationsId = 'i${i}'${body}`, showMetadata: false });
    const big = `, @@json = '{"pad": "${'x'.repeat(900_000)}"}'`;
    for (let i = 0; i < 20; i++) expect((await exec(i, big)).status).toBe(200);
    const log = e.execLog();
    expect(log.length).toBeLessThan(20);
    expect(log.length).toBeGreaterThan(10);
    expect(log[log.length - 1].args).toEqual({ customersId: 'C01', userinvitationsId: 'i19' });
    for (let i = 0; i < 10_050; i++) await exec(100 + i);
    expect(e.execLog()).toHaveLength(10_000);
    expect(e.execLog()[0].args.userinvitationsId).toBe('i150');
  }, 60_000);
});

describe('answer size on the JS path and the control routes', () => {
  it('a plain SELECT over more rows than the budget allows is refused', async () => {
    const e = engine({ rowsPerScope: 500, limits: { maxAnswerBytes: 20_000 } });
    const r = await e.query({ query: 'SELECT * FROM confluent.iam.invitations' });
    expect(r).toEqual({ status: 400, body: { error: expect.stringContaining('(maxAnswerBytes)') } });
    expect((await e.query({ query: 'SELECT id FROM confluent.iam.invitations LIMIT 3' })).status).toBe(200);
  });

  it('GET /__mock/state past maxStateRows is a 413 saying how to narrow it; ?resource= and ?limit= narrow and raise', async () => {
    const e = engine({ rowsPerScope: 50, limits: { maxStateRows: 20 } });
    await stillServes(e);
    await e.query({ query: "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'" });
    const all = await e.handle('GET', '/__mock/state');
    expect(all).toEqual({
      status: 413,
      body: { error: 'the state holds 100 rows, more than the 20 one answer carries (maxStateRows): ask for one resource with ?resource=<id>, or raise ?limit=' },
    });
    const one = await e.handle('GET', '/__mock/state?resource=confluent.iam.invitations&limit=50');
    expect(one.status).toBe(200);
    expect(Object.keys(one.body as object)).toEqual(['confluent.iam.invitations']);
    expect((await e.handle('GET', '/__mock/state?resource=nope.a.b')).status).toBe(400);
    expect((await e.handle('GET', '/__mock/state?limit=-1')).status).toBe(400);
  });
});

describe('statement size (maxStatementBytes)', () => {
  const padded = (bytes: number, pad = ' ') => `${list}${pad.repeat(bytes - list.length)}`;

  it('a statement over the limit is refused before it is lexed, naming the limit and its size; the engine goes on', async () => {
    const e = engine();
    // Unterminated and 300 KiB long: lexing it would be a syntax error, the size check comes first.
    const q = `SELECT id FROM confluent.iam.invitations WHERE id = '${'x'.repeat(300 * 1024)}`;
    const r = await e.query({ query: q });
    expect(r).toEqual({
      status: 400,
      body: { error: `the statement is ${q.length} bytes, more than the mock's limit of 262144 bytes (maxStatementBytes): it was not parsed` },
    });
    expect(await e.statement(q)).toEqual({ ok: false, status: 400, message: (r.body as { error: string }).error });
    await stillServes(e);
  });

  it('counts UTF-8 bytes, up to and including the limit', async () => {
    const e = engine({ limits: { maxStatementBytes: 1000 } });
    expect((await e.query({ query: padded(1000) })).status).toBe(200);
    expect(await e.query({ query: padded(1001) })).toEqual({
      status: 400,
      body: { error: "the statement is 1001 bytes, more than the mock's limit of 1000 bytes (maxStatementBytes): it was not parsed" },
    });
    // 400 characters, 3 bytes each in UTF-8, in a comment: 1,200 bytes.
    const wide = `${list} -- ${'\u20ac'.repeat(400)}`;
    expect(wide.length).toBeLessThan(1000);
    expect(await e.query({ query: wide })).toMatchObject({ status: 400, body: { error: expect.stringContaining(`is ${list.length + 4 + 1200} bytes`) } });
  });

  it('is checked on REGISTRY and with params too, and in the middleware HTTP route', async () => {
    const e = engine({ limits: { maxStatementBytes: 100 } });
    expect((await e.query({ query: `REGISTRY LIST ${' '.repeat(100)}` })).status).toBe(400);
    const r = await e.handle('POST', '/stackql', JSON.stringify({ query: padded(101), params: { a: 'b' } }));
    expect(r).toMatchObject({ status: 400, body: { error: expect.stringContaining('(maxStatementBytes)') } });
  });

  it('must be a positive integer', () => {
    expect(() => createMockEngine({ model, limits: { maxStatementBytes: 0 } })).toThrow('limits.maxStatementBytes must be a positive integer');
  });
});

describe('engine.snapshot() (maxStateRows, as GET /__mock/state)', () => {
  it('past maxStateRows it throws a 413 EngineError saying how to narrow or raise it, copying nothing', async () => {
    const e = engine({ rowsPerScope: 50, limits: { maxStateRows: 20 } });
    await stillServes(e);
    await e.query({ query: "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C01'" });
    let thrown: unknown;
    try {
      e.snapshot();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EngineError);
    expect(thrown).toMatchObject({
      status: 413,
      code: 'budget/state-rows',
      message: "the state holds 100 rows, more than the 20 one answer carries (maxStateRows): take one resource with snapshot('<id>'), or raise the cap with snapshot(id, { maxRows: n })",
    });
    expect(() => e.snapshot('confluent.iam.invitations')).toThrow('the state holds 50 rows, more than the 20');
    const one = e.snapshot('confluent.iam.invitations', { maxRows: 50 });
    expect(Object.values(one['confluent.iam.invitations'] as Record<string, unknown[]>).flat()).toHaveLength(50);
    expect(Object.keys(e.snapshot(undefined, { maxRows: 100 }))).toEqual(['confluent.iam.invitations', 'google.cloudidentity.userinvitations']);
    expect(() => e.snapshot(undefined, { maxRows: -1 })).toThrow('snapshot: maxRows must be an integer >= 0');
  });

  it('the route keeps its own ?limit=, above the engine default', async () => {
    const e = engine({ rowsPerScope: 50, limits: { maxStateRows: 20 } });
    await stillServes(e);
    expect((await e.handle('GET', '/__mock/state?limit=50')).status).toBe(200);
  });
});

describe('smaller hostile inputs', () => {
  it('a latency of 2^31 ms or more is refused instead of meaning no delay; so is a fault status that cannot carry {error}', async () => {
    const e = engine();
    const set = (body: unknown) => e.handle('POST', '/__mock/override', JSON.stringify(body));
    const r = await set({ resource: 'confluent.iam.invitations', latencyMs: 2 ** 31 });
    expect(r).toEqual({ status: 400, body: { error: 'invalid override: "latencyMs" must be a number from 0 to 2147483647 (the longest delay a timer can wait)' } });
    for (const status of [101, 200, 204, 304, 600]) {
      expect((await set({ resource: 'confluent.iam.invitations', fault: { status, message: 'x' } })).status, String(status)).toBe(400);
    }
    expect(() => e.override('confluent.iam.invitations', { latencyMs: 2 ** 40 })).toThrow(/latencyMs/);
    expect((await set({ resource: 'confluent.iam.invitations', fault: { status: 418, message: 'teapot' } })).status).toBe(200);
    expect(await e.query({ query: list })).toEqual({ status: 418, body: { error: 'teapot' } });
  });

  it('a column aliased "__proto__" is kept, on the JS path and through SQLite', async () => {
    const e = engine();
    const fast = await e.query({ query: 'SELECT id AS "__proto__" FROM confluent.iam.invitations LIMIT 1', showMetadata: false });
    const viaSqlite = await e.query({ query: 'SELECT upper(id) AS "__proto__" FROM confluent.iam.invitations LIMIT 1', showMetadata: false });
    for (const r of [fast, viaSqlite]) {
      const row = (r.body as { data: Record<string, unknown>[] }).data[0];
      expect(Object.keys(row)).toEqual(['__proto__']);
      expect(typeof row.__proto__).toBe('string');
      expect(JSON.stringify(row)).toMatch(/^\{"__proto__":"/);
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    }
  });
});
