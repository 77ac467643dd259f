/**
 * The standalone server against hostile callers (in-process, port 0): who may call (Host, Origin,
 * content type, token), slow and idle sockets, the connection cap, answers that cannot be produced.
 * Every case gets a 4xx/5xx and the server keeps serving.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine, type MockResponse } from '../../mocks/engine/index.ts';
import { startMockServer, type MockServerOptions, type RunningMockServer } from '../../mocks/server/server.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();
const running: RunningMockServer[] = [];
const engines: MockEngine[] = [];
const sockets: Socket[] = [];

async function serve(options: MockServerOptions = {}, engine?: MockEngine): Promise<RunningMockServer> {
  const e = engine ?? createMockEngine({ model });
  engines.push(e);
  const s = await startMockServer(e, { port: 0, ...options });
  running.push(s);
  return s;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(running.splice(0).map((s) => s.close(200)));
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  json: any;
}

function call(s: RunningMockServer, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: s.port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const query = (q: string) => JSON.stringify({ query: q });
const SELECT = 'SELECT id, email FROM confluent.iam.invitations';
const planted = (email: string) => `INSERT INTO confluent.iam.invitations (data__email) SELECT '${email}'`;

async function has(s: RunningMockServer, email: string): Promise<boolean> {
  const r = await call(s, 'POST', '/stackql', JSON_TYPE, query(`${SELECT} WHERE email = '${email}'`));
  expect(r.status).toBe(200);
  return r.json.data.length > 0;
}

/** Raw bytes on a socket of its own; resolves with everything received when the server closes it. */
function raw(s: RunningMockServer, chunks: string[], gapMs: number): Promise<{ text: string; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(s.port, '127.0.0.1');
    sockets.push(socket);
    let text = '';
    socket.setEncoding('utf8').on('data', (d: string) => (text += d));
    socket.on('close', () => resolve({ text, ms: performance.now() - started }));
    socket.on('error', () => undefined);
    let i = 0;
    const next = () => {
      if (socket.destroyed || i >= chunks.length) return;
      socket.write(chunks[i++]);
      setTimeout(next, gapMs);
    };
    socket.on('connect', next);
  });
}

describe('Host: loopback names and IP literals only (DNS rebinding)', () => {
  it('refuses another name with 403 and serves loopback names, IP literals and allowed hosts', async () => {
    const s = await serve({ allowedHosts: ['devbox.lan'] });
    const evil = await call(s, 'GET', '/health', { host: `rebind.attacker.example:${s.port}` });
    expect(evil.status).toBe(403);
    expect(evil.json.error).toMatch(/^Host 'rebind\.attacker\.example:\d+' is not allowed/);
    for (const host of [`localhost:${s.port}`, `app.localhost:${s.port}`, `127.0.0.1:${s.port}`, `[::1]:${s.port}`, `devbox.lan:${s.port}`]) {
      expect((await call(s, 'GET', '/health', { host })).status, host).toBe(200);
    }
    // The control API and the statements alike: a rebinding page could read answers too.
    expect((await call(s, 'POST', '/stackql', { ...JSON_TYPE, host: 'evil.example' }, query(planted('rebind@x.y')))).status).toBe(403);
    expect(await has(s, 'rebind@x.y')).toBe(false);
  });
});

describe('Origin: a web page cannot drive the mock', () => {
  it('a cross-site text/plain POST (no preflight needed) is refused and plants nothing', async () => {
    const s = await serve();
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
      const r = await call(s, 'POST', '/stackql', { origin, 'content-type': 'text/plain' }, query(planted('csrf@x.y')));
      expect(r.status, origin).toBe(403);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      const reset = await call(s, 'POST', '/__mock/reset', { origin, 'content-type': 'text/plain' });
      expect(reset.status).toBe(403);
    }
    expect(await has(s, 'csrf@x.y')).toBe(false);
  });

  it('loopback origins (a dev server) are served, with their own origin echoed, never *', async () => {
    const s = await serve();
    const r = await call(s, 'POST', '/stackql', { ...JSON_TYPE, origin: 'http://localhost:5173' }, query(SELECT));
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const pre = await call(s, 'OPTIONS', '/__mock/reset', { origin: 'http://127.0.0.1:3000', 'access-control-request-method': 'POST' });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3000');
    const evilPre = await call(s, 'OPTIONS', '/stackql', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(evilPre.status).toBe(403);
  });

  it("corsOrigins '*' opens the middleware routes to any origin, never the control API", async () => {
    const s = await serve({ corsOrigins: ['*'] });
    const r = await call(s, 'POST', '/stackql', { ...JSON_TYPE, origin: 'https://app.example' }, query(SELECT));
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('https://app.example');
    const reset = await call(s, 'POST', '/__mock/reset', { ...JSON_TYPE, origin: 'https://app.example' });
    expect(reset.status).toBe(403);
  });

  it('with cors off, a cross-site control POST is refused even as JSON, a same-origin one runs', async () => {
    const s = await serve({ cors: false });
    await call(s, 'POST', '/stackql', JSON_TYPE, query(planted('kept@x.y')));
    for (const type of ['application/json', 'text/plain']) {
      const r = await call(s, 'POST', '/__mock/reset', { origin: 'http://localhost:5173', 'content-type': type });
      expect(r.status).toBe(403);
      expect(r.json.error).toMatch(/CORS is off/);
    }
    expect(await has(s, 'kept@x.y')).toBe(true);
    const same = await call(s, 'POST', '/__mock/reset', { ...JSON_TYPE, origin: `http://127.0.0.1:${s.port}` });
    expect(same.status).toBe(200);
    expect(await has(s, 'kept@x.y')).toBe(false);
  });

  it('a cross-site GET of the control API (no Origin, Sec-Fetch-Site: cross-site) is refused', async () => {
    const s = await serve();
    expect((await call(s, 'GET', '/__mock/state', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await call(s, 'GET', '/__mock/state', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});

describe('the control API', () => {
  it('a POST must be JSON: text/plain, forms and no type get 415', async () => {
    const s = await serve();
    await call(s, 'POST', '/stackql', JSON_TYPE, query(planted('typed@x.y')));
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {}] as Record<string, string>[]) {
      const r = await call(s, 'POST', '/__mock/fixtures', headers, '{"confluent.iam.invitations":[{"rows":[{"email":"fixture@x.y"}]}]}');
      expect(r.status).toBe(415);
      expect(r.json.error).toMatch(/^control requests must be sent as content-type: application\/json/);
    }
    expect(await has(s, 'fixture@x.y')).toBe(false);
    expect(await has(s, 'typed@x.y')).toBe(true);
  });

  it('with a token, /__mock/* needs authorization: Bearer <token>; /stackql does not', async () => {
    const s = await serve({ controlToken: 's3cret' });
    expect((await call(s, 'POST', '/__mock/reset', JSON_TYPE)).status).toBe(401);
    expect((await call(s, 'POST', '/__mock/reset', { ...JSON_TYPE, authorization: 'Bearer wrong!' })).status).toBe(401);
    expect((await call(s, 'GET', '/__mock/state', { authorization: 'Bearer s3cret' })).status).toBe(200);
    expect((await call(s, 'POST', '/__mock/reset', { ...JSON_TYPE, authorization: 'Bearer s3cret' })).status).toBe(200);
    expect((await call(s, 'POST', '/stackql', JSON_TYPE, query(SELECT))).status).toBe(200);
  });
});

describe('slow and idle sockets, and the connection cap', () => {
  it('headers sent too slowly get 408 and the socket closed', async () => {
    const s = await serve({ headersTimeoutMs: 300, requestTimeoutMs: 1_000 });
    const chunks = ['GET /health HTTP/1.1\r\n', ...Array.from({ length: 100 }, (_, i) => `x-slow-${i}: 1\r\n`)];
    const r = await raw(s, chunks, 50);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
    expect((await call(s, 'GET', '/health')).status).toBe(200);
  });

  it('a body sent too slowly gets 408', async () => {
    const s = await serve({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const head = 'POST /stackql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n';
    const r = await raw(s, [head, ...Array.from({ length: 200 }, () => ' ')], 50);
    expect(r.text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('an idle socket that sends nothing is closed', async () => {
    const s = await serve({ headersTimeoutMs: 300, idleTimeoutMs: 300 });
    const r = await raw(s, [], 0);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('sockets beyond maxConnections get 503 to their request; once others close, requests are served again', async () => {
    const s = await serve({ maxConnections: 4 });
    const idle = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<Socket>((resolve) => {
        const socket = connect(s.port, '127.0.0.1', () => resolve(socket));
        sockets.push(socket);
        socket.on('error', () => undefined);
      })),
    );
    const over = await call(s, 'GET', '/health');
    expect(over.status).toBe(503);
    expect(over.json.error).toMatch(/too many open connections/);
    for (const socket of idle) socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await call(s, 'GET', '/health')).status).toBe(200);
  });
});

describe('answers that cannot be produced', () => {
  it('a body that cannot be serialised, or an engine that throws, is a 500; the server goes on', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const real = createMockEngine({ model });
    const broken: MockEngine = {
      ...real,
      async handle(method: string, path: string, body?: string): Promise<MockResponse> {
        if (path.startsWith('/circular')) return { status: 200, body: circular };
        if (path.startsWith('/throw')) throw new RangeError('Maximum call stack size exceeded');
        return real.handle(method, path, body);
      },
    };
    const s = await serve({}, broken);
    const a = await call(s, 'GET', '/circular');
    expect(a.status).toBe(500);
    expect(a.json.error).toMatch(/^the mock cannot serialise this answer: /);
    const b = await call(s, 'GET', '/throw');
    expect(b).toMatchObject({ status: 500, json: { error: 'mock engine failure: Maximum call stack size exceeded' } });
    expect((await call(s, 'GET', '/health')).status).toBe(200);
  });

  it('a statement over maxStatementBytes is a 400 naming the limit and its size; the server keeps serving', async () => {
    const s = await serve();
    // 1 MiB of text in a 1 MiB body: it held the request thread for a second or two while lexed.
    const q = `${SELECT} WHERE email = '${'a'.repeat(1024 * 1024 - 200)}'`;
    const r = await call(s, 'POST', '/stackql', JSON_TYPE, query(q));
    expect(r).toMatchObject({
      status: 400,
      json: { error: `the statement is ${q.length} bytes, more than the mock's limit of 262144 bytes (maxStatementBytes): it was not parsed` },
    });
    expect((await call(s, 'POST', '/stackql', JSON_TYPE, query(SELECT))).status).toBe(200);
  });

  it("the issue's statements that ended the process get a 4xx/5xx, and the server keeps serving", async () => {
    const s = await serve({}, createMockEngine({ model, limits: { statementTimeoutMs: 500 } }));
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const hostile = [
      'SELECT zeroblob(200000000) AS v FROM confluent.iam.invitations',
      'SELECT zeroblob(100000000) AS v FROM confluent.iam.invitations',
      "SELECT printf('%.*c', 900000000, 'x') AS v FROM confluent.iam.invitations",
      `INSERT INTO confluent.iam.invitations (data__email, data__user) SELECT 'deep@x.y', '${deep}'`,
      `SELECT id FROM confluent.iam.invitations WHERE ('${'a'.repeat(27)}b' REGEXP '(a+)+$') = 1`,
      `SELECT * FROM confluent.iam.invitations WHERE ${'('.repeat(2_000)}1${')'.repeat(2_000)}`,
      `SELECT * FROM confluent.iam.invitations WHERE ${'NOT '.repeat(10_000)}1`,
    ];
    for (const q of hostile) {
      const r = await call(s, 'POST', '/stackql', JSON_TYPE, query(q));
      expect([400, 503], `${r.status} for ${q.slice(0, 60)}`).toContain(r.status);
      expect(typeof r.json.error).toBe('string');
    }
    expect((await call(s, 'POST', '/stackql', JSON_TYPE, query(SELECT))).status).toBe(200);
  });
});
