/**
 * `npm run mock` as a user runs it: a real child process on 127.0.0.1, answering real HTTP.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelSync } from '../../generator/read-model.ts';
import { modelTextOf } from '../../generator/model/model-text.ts';

const CLI = 'mocks/server/cli.ts';

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  port: number;
  stdout: () => string;
  stderr: () => string;
}

/** Runs the CLI under node --import tsx (one process, so signals reach it directly). */
async function startCli(args: string[], ready = /listening on (http:\/\/127\.0\.0\.1:\d+)/): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 30 s; stdout: ${out}\nstderr: ${err}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && ready.test(out)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before listening; stdout: ${out}\nstderr: ${err}`));
    });
  });
  return { child, url, port: Number(new URL(url).port), stdout: () => out, stderr: () => err };
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}/stackql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** A POST whose body arrives in chunks with no content-length: the limit must hold while streaming. */
function postChunked(url: string, chunk: Buffer, chunks: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/stackql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

const dir = mkdtempSync(join(tmpdir(), 'mock-server-'));
const modelFile = join(dir, 'model.json');
const SELECT = 'SELECT id, email FROM confluent.iam.invitations';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the standalone server (child process)', () => {
  let s: Started;

  beforeAll(async () => {
    const model = readModelSync([
      'docs/providers/confluent/iam/invitations/index.md',
      'docs/providers/google/cloudidentity/userinvitations/index.md',
    ]);
    writeFileSync(modelFile, modelTextOf(model).text);
    // The banner ends with the control line, printed after the samples.
    s = await startCli(['--model', modelFile, '--port', '0', '--seed', '3'], /^Control: /m);
  }, 40_000);

  afterAll(async () => {
    if (s && s.child.exitCode === null) {
      s.child.kill('SIGKILL');
      await exited(s.child);
    }
  });

  it('prints its real port, and three sample queries that work', async () => {
    expect(s.port).toBeGreaterThan(0);
    const curls = s.stdout().split('\n').filter((l) => l.trim().startsWith('curl '));
    expect(curls).toHaveLength(3);
    const queries = curls.map((l) => JSON.parse(/-d '(.*)'$/.exec(l.trim())![1].replace(/'\\''/g, "'")).query as string);
    expect(queries.map((q) => q.split(' ')[0])).toEqual(['SELECT', 'INSERT', 'EXEC']);
    for (const query of queries) {
      const { status, json } = await post(s.url, { query });
      expect({ query, status, json }).toMatchObject({ status: 200 });
    }
  });

  it('answers a SELECT with rows and metadata', async () => {
    const { status, json } = await post(s.url, { query: SELECT });
    expect(status).toBe(200);
    expect(json.data.length).toBeGreaterThan(0);
    for (const row of json.data) expect(Object.keys(row).sort()).toEqual(['email', 'id']);
    expect(json.metadata.result.rowCount).toBe(json.data.length);
    const quiet = await post(s.url, { query: SELECT, showMetadata: false });
    expect(quiet.json).toEqual({ data: json.data });
  });

  it('answers a bad statement, a non-JSON body and a missing body with 400 and a message', async () => {
    const bad = await post(s.url, { query: 'SELEKT id FROM confluent.iam.invitations' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual(expect.any(String));
    expect(bad.json.error.length).toBeGreaterThan(5);

    const unknown = await post(s.url, { query: 'SELECT id FROM confluent.iam.nothing_here' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatch(/nothing_here/);

    const notJson = await post(s.url, '{"query": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toEqual(expect.any(String));

    const empty = await post(s.url, '');
    expect(empty.status).toBe(400);
  });

  it('refuses a body over 1 MiB with 413, without waiting for all of it, and keeps serving', async () => {
    const huge = JSON.stringify({ query: `SELECT id FROM confluent.iam.invitations WHERE id = '${'x'.repeat(2 * 1024 * 1024)}'` });
    const declared = await post(s.url, huge);
    expect(declared.status).toBe(413);
    expect(declared.json.error).toMatch(/exceeds/);

    // Streamed with no content-length: 8 MiB in 64 KiB chunks.
    const streamed = await postChunked(s.url, Buffer.alloc(64 * 1024, 'x'), 128);
    expect(streamed.status).toBe(413);

    const after = await post(s.url, { query: SELECT });
    expect(after.status).toBe(200);
  });

  it('serves /health as the middleware does, the meta routes (404 for unknown names) and a CORS preflight', async () => {
    const health = await fetch(`${s.url}/health`);
    expect({ status: health.status, body: await health.text() }).toEqual({ status: 200, body: '{"status":"healthy"}' });
    const resources = await fetch(`${s.url}/providers/confluent/services/iam/resources`);
    expect(resources.status).toBe(200);
    expect(JSON.stringify(await resources.json())).toMatch(/invitations/);
    const missing = await fetch(`${s.url}/providers/confluent/services/iam/resources/nothing_here/methods`);
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 404,
      body: { error: "unknown resource 'confluent.iam.nothing_here': service 'confluent.iam' has no such resource" },
    });
    const preflight = await fetch(`${s.url}/stackql`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    // The caller's own origin, echoed (never '*'): loopback origins are allowed by default.
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('vary')).toBe('origin');
  });

  it('passes the control API through: /__mock/reset forgets an INSERT', async () => {
    const insert = await post(s.url, { query: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'control@example.com'" });
    expect(insert.status).toBe(200);
    const find = { query: `${SELECT} WHERE email = 'control@example.com'` };
    expect((await post(s.url, find)).json.data).toHaveLength(1);
    const state = await fetch(`${s.url}/__mock/state`);
    expect(state.status).toBe(200);
    expect(JSON.stringify(await state.json())).toMatch(/control@example\.com/);

    const reset = await fetch(`${s.url}/__mock/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(reset.status).toBeLessThan(300);
    expect((await post(s.url, find)).json.data).toEqual([]);
  });

  it('passes fault and latency injection through: POST and DELETE /__mock/override', async () => {
    const set = await fetch(`${s.url}/__mock/override`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource: 'confluent.iam.invitations', latencyMs: 150, fault: { status: 503, message: 'injected outage' } }),
    });
    expect(set.status).toBe(200);
    const started = performance.now();
    const faulty = await post(s.url, { query: SELECT });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(faulty).toEqual({ status: 503, json: { error: 'injected outage' } });
    // Other resources are untouched.
    expect((await post(s.url, { query: "SELECT name FROM google.cloudidentity.userinvitations WHERE customersId = 'C1'" })).status).toBe(200);

    const cleared = await fetch(`${s.url}/__mock/override?resource=confluent.iam.invitations`, { method: 'DELETE' });
    expect(cleared.status).toBe(200);
    expect((await post(s.url, { query: SELECT })).status).toBe(200);
  });

  it('logs one line per request: method, path, status, time, the statement on one line, and the rows or the error', async () => {
    // A statement over several lines, with a terminal escape in it, longer than a log line keeps.
    const long = `SELECT id,\n  email\nFROM confluent.iam.nothing_here\nWHERE id = '\u001b[2J${'x'.repeat(300)}'`;
    const failed = await post(s.url, { query: long });
    expect(failed.status).toBe(400);
    const rows = (await post(s.url, { query: SELECT })).json.data.length;
    // The lines of both are printed by the time a later request's line is.
    await fetch(`${s.url}/health?last`);
    for (let i = 0; i < 50 && !s.stdout().includes('GET /health?last'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = s.stdout().split('\n');
    const ms = '\\d+\\.\\dms';
    const has = (pattern: string) => expect(lines.some((l) => new RegExp(`^${pattern}$`).test(l)), pattern).toBe(true);
    has(`POST /stackql 200 ${ms}  SELECT id, email FROM confluent\\.iam\\.invitations  → ${rows} rows`);
    has(`POST /stackql 400 ${ms}  SELECT id FROM confluent\\.iam\\.nothing_here  → error: unknown resource 'confluent\\.iam\\.nothing_here'.*`);
    has(`POST /stackql 413 ${ms}  → error: request body exceeds 1048576 bytes`);
    has(`GET /health 200 ${ms}`);
    has(`GET /providers/confluent/services/iam/resources/nothing_here/methods 404 ${ms}  → error: unknown resource .*`);
    const line = lines.find((l) => l.includes('nothing_here WHERE id ='))!;
    const shown = /^POST \/stackql 400 \S+  (.*)  → error: /.exec(line)![1];
    // One line, the escape shown as text, cut at 120 characters.
    const start = "SELECT id, email FROM confluent.iam.nothing_here WHERE id = '\\u001b[2J";
    expect(shown).toBe(`${start}${'x'.repeat(120 - start.length)}…`);
    expect(s.stdout()).not.toContain('\u001b');
  });

  it('stops on SIGTERM: exit code 0 and the port closed', async () => {
    expect(await portOpen(s.port)).toBe(true);
    s.child.kill('SIGTERM');
    expect(await exited(s.child)).toEqual({ code: 0, signal: null });
    expect(await portOpen(s.port)).toBe(false);
  });
});

describe('--docs, --fixtures, --strict and --quiet', () => {
  it('reads the docs in-process, starts from the fixtures, answers mutations 405, logs nothing, and stops on SIGINT', async () => {
    const fixtures = join(dir, 'fixtures.json');
    writeFileSync(fixtures, JSON.stringify({ 'confluent.iam.invitations': [{ rows: [{ id: 'fx-1', email: 'fixture@example.com' }] }] }));
    const s = await startCli(['--docs', 'docs', '--port', '0', '--strict', '--quiet', '--fixtures', fixtures]);
    try {
      const select = await post(s.url, { query: SELECT, showMetadata: false });
      expect(select).toEqual({ status: 200, json: { data: [{ id: 'fx-1', email: 'fixture@example.com' }] } });
      const insert = await post(s.url, { query: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'a@example.com'" });
      expect(insert.status).toBe(405);
      expect(insert.json.error).toEqual(expect.any(String));
      expect(s.stdout().trim().split('\n')).toHaveLength(1);
      s.child.kill('SIGINT');
      expect((await exited(s.child)).code).toBe(0);
    } finally {
      if (s.child.exitCode === null) s.child.kill('SIGKILL');
    }
  }, 40_000);
});
