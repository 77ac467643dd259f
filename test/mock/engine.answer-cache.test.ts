// The answer cache (answer-cache.ts) and the rows INSERT makes on first read (store.ts) change no
// answer: the same statements, writes, resets, overrides and fixture loads, in the same order, on an
// engine with the cache and on one without, give the same rows, columns, errors and statuses, on
// both fronts (POST /stackql and SQL sessions), and the JSON text the server sends is the body's.
import { describe, expect, it } from 'vitest';
import { AnswerCache, answerText } from '../../mocks/engine/answer-cache.ts';
import { createMockEngine, fillPlaceholders, transportHandler, type MockEngine, type MockResponse } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();

/** The docs' own examples, placeholders filled: every verb, on every docs resource. */
const examples = model.resources.flatMap((r) => r.examples.filter((e) => e.parseError === undefined).map((e) => fillPlaceholders(e, r)));

const INV = 'confluent.iam.invitations';
const BUCKETS = "example.storage.buckets WHERE project = 'p1'";
const reads = [
  `SELECT id, email, status FROM ${INV}`,
  `SELECT * FROM ${INV}`,
  `SELECT id AS ident, email, id FROM ${INV} LIMIT 2 OFFSET 1`,
  // Through SQLite: never kept, compared all the same.
  `SELECT email, count(*) AS n FROM ${INV} GROUP BY email ORDER BY email`,
  `SELECT name, storageClass FROM ${BUCKETS}`,
  "SELECT name, storageClass FROM example.storage.buckets WHERE project = 'p1' AND bucket = 'b-new'",
  "SELECT * FROM example.storage.buckets WHERE project = 'p2'",
  // Errors: the same refusal every time.
  `SELECT nosuch FROM ${INV}`,
  'SELECT id FROM confluent.iam.nosuch',
  `SELECT id FROM ${INV} WHERE`,
  "SELECT name FROM example.storage.buckets WHERE bucket = 'x'",
];
const writes = [
  `INSERT INTO ${INV} (data__email) SELECT 'ada@example.com'`,
  `INSERT INTO ${INV} (data__id, data__email) VALUES ('inv-fixed', 'x@example.com')`,
  `INSERT INTO ${INV} (data__id, data__email) VALUES ('inv-fixed', 'again@example.com')`,
  "INSERT INTO example.storage.buckets (data__name, data__storageClass, project) SELECT 'b-new', 'COLDLINE', 'p1'",
  "UPDATE example.storage.buckets SET data__storageClass = 'ARCHIVE' WHERE project = 'p1' AND bucket = 'b-new'",
  "DELETE FROM example.storage.buckets WHERE project = 'p1' AND bucket = 'b-new'",
  `DELETE FROM ${INV} WHERE id = 'inv-fixed'`,
];

type Step = { query: string; params?: Record<string, string>; showMetadata?: boolean } | { control: (e: MockEngine) => void; name: string };

/** Reads (the later ones may come from the cache), then a write, and again; with resets, overrides and fixtures between. */
function script(): Step[] {
  const steps: Step[] = [];
  const readAll = () => {
    // Three times: a statement's answer is kept at its second sighting and read back at its third.
    for (const query of reads) steps.push({ query }, { query }, { query });
    steps.push({ query: `SELECT id, email FROM ${INV} WHERE id = '$id'`, params: { id: 'inv-fixed' } }, { query: `SELECT id, email FROM ${INV} WHERE id = '$id'`, params: { id: 'inv-fixed' } });
    steps.push({ query: reads[0]!, showMetadata: false });
  };
  readAll();
  for (const query of writes) {
    steps.push({ query });
    readAll();
  }
  for (const query of examples) steps.push({ query }, { query });
  // Read, then set a fault with nothing written between: answers kept a moment ago must not hide it.
  readAll();
  steps.push({ name: 'fault on the invitations', control: (e) => e.override(INV, { fault: { status: 503, message: 'provider down' } }) });
  readAll();
  steps.push({ name: 'fault cleared', control: (e) => e.override(INV, undefined) });
  readAll();
  steps.push({ name: 'fixtures for the invitations', control: (e) => e.load({ [INV]: [{ rows: [{ id: 'inv-f1', email: 'f@example.com' }] }] }) });
  readAll();
  steps.push({ name: 'fixtures: an empty scope', control: (e) => e.load({ 'example.storage.buckets': [{ scope: { project: 'p2' }, rows: [] }] }) });
  readAll();
  steps.push({ name: 'reset', control: (e) => e.reset() });
  readAll();
  for (const query of writes.slice(0, 4)) steps.push({ query });
  readAll();
  return steps;
}

/** What a response says, but for the times in its metadata. */
function comparable(r: MockResponse): unknown {
  const body = structuredClone(r.body) as { metadata?: { operation?: Record<string, unknown> } };
  if (body?.metadata?.operation) {
    delete body.metadata.operation.startTime;
    delete body.metadata.operation.endTime;
    delete body.metadata.operation.duration;
  }
  return { status: r.status, body };
}

type Run = (e: MockEngine, step: Exclude<Step, { control: unknown }>) => Promise<unknown>;

/** The script on an engine with every fast path (answer cache, and `fast` for the call) and on one with none (`slow`). */
async function runBoth(run: Run, fast: Run = run): Promise<number> {
  const cached = createMockEngine({ model, seed: 5 });
  const plain = createMockEngine({ model, seed: 5, answerCache: false });
  let compared = 0;
  try {
    for (const [i, step] of script().entries()) {
      if ('control' in step) {
        step.control(cached);
        step.control(plain);
        continue;
      }
      const [a, b] = [await fast(cached, step), await run(plain, step)];
      expect(a, `step ${i}: ${step.query}`).toEqual(b);
      compared++;
    }
  } finally {
    await Promise.all([cached.close(), plain.close()]);
  }
  return compared;
}

describe('the answer cache changes no answer', () => {
  it('POST /stackql: same status, rows, columns order and errors, with and without it', async () => {
    const compared = await runBoth(async (e, step) => {
      const r = await e.handle('POST', '/stackql', JSON.stringify(step));
      // The text a transport sends is exactly the body's JSON, key order included.
      const text = answerText(r);
      if (text !== undefined) expect(text).toBe(JSON.stringify(r.body));
      return { ...(comparable(r) as object), columns: r.status === 200 ? Object.keys(((r.body as { data: object[] }).data[0] ?? {})) : [] };
    });
    expect(compared).toBeGreaterThan(300);
  });

  it("a transport's answers (transportHandler: none in a promise, the body made when read) are handle's, text and body", async () => {
    const answer = (r: MockResponse) => {
      const text = answerText(r);
      if (text !== undefined) expect(text).toBe(JSON.stringify(r.body));
      return { ...(comparable(r) as object), columns: r.status === 200 ? Object.keys(((r.body as { data: object[] }).data[0] ?? {})) : [] };
    };
    let immediate = 0;
    const compared = await runBoth(
      async (e, step) => answer(await e.handle('POST', '/stackql', JSON.stringify(step))),
      async (e, step) => {
        const transport = transportHandler(e)!;
        const r = transport('POST', '/stackql', JSON.stringify(step));
        if (!(r instanceof Promise)) immediate++;
        return answer(await r);
      },
    );
    expect(compared).toBeGreaterThan(300);
    // Most statements need no SQLite and no latency: answered at once.
    expect(immediate).toBeGreaterThan(compared / 2);
  });

  it("a transport's answer carries its text, made once: reading or replacing the body never changes it", async () => {
    const e = createMockEngine({ model, seed: 5 });
    const transport = transportHandler(e)!;
    for (const query of [`SELECT id, email FROM ${INV}`, `SELECT id, email FROM ${INV}`, `INSERT INTO ${INV} (data__email) SELECT 'it''s@example.com'`]) {
      const r = transport('POST', '/stackql', JSON.stringify({ query }));
      // Answered at once, its text at hand: the server sends it without serialising the body.
      if (r instanceof Promise) throw new Error(`'${query}' was not answered at once`);
      const text = answerText(r);
      expect(text, query).toBeDefined();
      // Nothing but the status is an own property: spread or compared, it is a plain response.
      expect(Object.keys(r)).toEqual(['status']);
      expect(r.status).toBe(200);
      expect(JSON.stringify(r.body)).toBe(text);
      expect(r.body, 'made once').toBe(r.body);
      const data = (r.body as { data: unknown[] }).data;
      expect(JSON.parse(text!)).toEqual(r.body);
      r.body = { replaced: true };
      expect(r.body).toEqual({ replaced: true });
      expect(answerText(r)).toBe(text);
      expect(data).toBeInstanceOf(Array);
    }
    // A response of anyone else has no text of the engine's.
    expect(answerText({ status: 200, body: { data: [] } })).toBeUndefined();
    await e.close();
  });

  it('SQL sessions (the Postgres-wire front): same columns, rows, notices and failures', async () => {
    await runBoth(async (e, step) => {
      if (step.params !== undefined) return null;
      const r = await e.statement(step.query);
      return r.ok ? { ...r, columns: r.columns.map((c) => c.name), rowKeys: r.rows.map((row) => Object.keys(row)) } : r;
    });
  });

  it('a write between two reads is seen by the second, as an answer the cache keeps would hide', async () => {
    const e = createMockEngine({ model, seed: 5 });
    const read = async () => ((await e.query({ query: `SELECT id FROM ${INV}` })).body as { data: unknown[] }).data.length;
    expect(await read()).toBe(3);
    expect(await read()).toBe(3);
    await e.query({ query: `INSERT INTO ${INV} (data__email) SELECT 'new@example.com'` });
    expect(await read()).toBe(4);
    e.reset();
    expect(await read()).toBe(3);
  });

  it('runs a SELECT answered through SQLite again: its answer is not kept (random() differs each time)', async () => {
    const e = createMockEngine({ model, seed: 5 });
    const query = `SELECT id, random() AS r FROM ${INV}`;
    const answers = new Set<string>();
    for (let i = 0; i < 3; i++) answers.add(JSON.stringify(((await e.query({ query })).body as { data: unknown[] }).data));
    expect(answers.size).toBe(3);
    await e.close();
  });

  it('hands out rows of its own: changing an answer changes no later one', async () => {
    const e = createMockEngine({ model, seed: 5 });
    const query = `SELECT id, email FROM ${INV}`;
    const first = ((await e.query({ query })).body as { data: Record<string, unknown>[] }).data;
    const second = ((await e.query({ query })).body as { data: Record<string, unknown>[] }).data;
    second[0]!['email'] = 'changed';
    second.pop();
    const third = ((await e.query({ query })).body as { data: Record<string, unknown>[] }).data;
    expect(third).toEqual(first);
  });

  it("hands out rows of its own through a transport's body and a SQL session too", async () => {
    const e = createMockEngine({ model, seed: 5 });
    const transport = transportHandler(e)!;
    const query = `SELECT id, email FROM ${INV}`;
    const viaTransport = async () => ((await transport('POST', '/stackql', JSON.stringify({ query }))).body as { data: Record<string, unknown>[] }).data;
    const viaSession = async () => {
      const r = await e.statement(query);
      if (!r.ok) throw new Error(r.message);
      return r;
    };
    const first = await viaTransport();
    for (let i = 0; i < 3; i++) {
      const rows = await viaTransport();
      expect(rows).toEqual(first);
      rows[0]!['email'] = 'changed';
      rows.pop();
      const session = await viaSession();
      expect(session.rows).toEqual(first);
      session.rows[0]!['email'] = 'changed';
      session.columns.pop();
    }
    expect((await viaSession()).columns.map((c) => c.name)).toEqual(['id', 'email']);
    expect(await viaTransport()).toEqual(first);
  });

  it('keeps the fronts and the params apart in its keys', async () => {
    const e = createMockEngine({ model, seed: 5 });
    const query = `SELECT id, email FROM ${INV} WHERE id = '$id'`;
    const ids = async (params?: Record<string, string>) => ((await e.query({ query, params })).body as { data: { id: string }[] }).data.map((r) => r.id);
    await e.query({ query: `INSERT INTO ${INV} (data__id, data__email) VALUES ('inv-a', 'a@example.com')` });
    for (let i = 0; i < 3; i++) {
      expect(await ids({ id: 'inv-a' })).toEqual(['inv-a']);
      expect(await ids({ id: 'nope' })).toEqual([]);
      const session = await e.statement(query);
      expect(session.ok && session.rows).toEqual([]);
    }
  });
});

describe('rows an INSERT makes on first read', () => {
  it('are the rows an INSERT read at once would have: reading early or late gives the same values', async () => {
    const insert = (n: number) => `INSERT INTO ${INV} (data__email) SELECT 'u${n}@example.com'`;
    const early = createMockEngine({ model, seed: 9 });
    const late = createMockEngine({ model, seed: 9 });
    // Both fill the scope's generated rows first.
    for (const e of [early, late]) await e.query({ query: `SELECT id FROM ${INV}` });
    for (let n = 0; n < 5; n++) {
      await early.query({ query: insert(n) });
      // Each row of `early` is made before the next INSERT; `late` makes them all at the end.
      await early.query({ query: `SELECT * FROM ${INV}` });
      await late.query({ query: insert(n) });
    }
    expect(late.snapshot(INV)).toEqual(early.snapshot(INV));
    const all = (e: MockEngine) => e.query({ query: `SELECT * FROM ${INV}`, showMetadata: false });
    expect((await all(late)).body).toEqual((await all(early)).body);
  });
});

describe('AnswerCache', () => {
  const answer = (json: string) => ({ rows: [], columns: undefined, json });

  it('answers only at the version it was given, and forgets everything at a new one', () => {
    const cache = new AnswerCache();
    expect(cache.admits('a')).toBe(false);
    expect(cache.admits('a')).toBe(true);
    cache.set('a', 1, answer('[1]'));
    expect(cache.get('a', 1)?.json).toBe('[1]');
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('admits a statement from its second sighting, and forgets the ones seen once past its share', () => {
    const cache = new AnswerCache(40, 12);
    expect(cache.admits('k1')).toBe(false);
    expect(cache.admits('k1')).toBe(true);
    expect(cache.admits('k1')).toBe(false);
    for (const k of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) cache.admits(k);
    // A quarter of 40 bytes holds five keys of two: the first ones were forgotten.
    expect(cache.admits('a1')).toBe(false);
    expect(cache.admits('a6')).toBe(true);
    expect(cache.admits('x'.repeat(13))).toBe(false);
    expect(cache.admits('x'.repeat(13))).toBe(false);
  });

  it('is bounded in bytes, least recently used out first, and keeps no entry past its cap', () => {
    const cache = new AnswerCache(30, 12);
    cache.set('a', 1, answer('[11111]'));
    cache.set('b', 1, answer('[22222]'));
    cache.set('c', 1, answer('[33333]'));
    expect(cache.get('a', 1)).toBeDefined();
    cache.set('d', 1, answer('[44444]'));
    expect(cache.size).toBeLessThanOrEqual(30);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    cache.set('e', 1, answer('[this one is too large]'));
    expect(cache.get('e', 1)).toBeUndefined();
  });
});
