// Real, unmodified clients against `startMockServer({ pg })`, each started by the test: node `pg`,
// `psql -c` (Debian postgresql-client), pystackql's server-mode calls with psycopg 3 and psycopg2's
// RealDictCursor (Debian python3-psycopg / python3-psycopg2 under /usr/bin/python3). They query,
// insert and delete as against `stackql srv`. Locally a missing client skips with a message; in CI
// (CI=true) it fails: .ci/run installs them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { startMockServer, type RunningMockServer } from '../../mocks/server/server.ts';
import { describeWithClient, runs } from '../helpers/clients.ts';
import { docsModel } from '../helpers/model.ts';

const PYTHON = '/usr/bin/python3';

/** A child process, awaited: the server runs in this process, so spawnSync would block it. */
function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
const SCRIPT = fileURLToPath(new URL('./clients/python_client.py', import.meta.url));
const APT = 'apt-get install postgresql-client python3-psycopg python3-psycopg2 (.ci/run does)';

let engine: MockEngine;
let running: RunningMockServer;
let port: number;

beforeAll(async () => {
  engine = createMockEngine({ model: docsModel() });
  running = await startMockServer(engine, { port: 0, pg: { port: 0, debugNotices: true } });
  port = running.pg!.port;
});
afterAll(() => running?.close());
beforeEach(() => engine.reset());

const SELECT = "SELECT instance_id, cpu_count, tags, region FROM example.compute.instances WHERE region = 'us-east-1'";
const httpRows = async (query: string) => ((await engine.query({ query })).body as { data: Array<Record<string, any>> }).data;
const emails = async () => (await httpRows('SELECT email FROM confluent.iam.invitations')).map((r) => r.email);

describe('node pg', () => {
  const connect = async () => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'stackql', database: 'stackql' });
    await client.connect();
    return client;
  };

  it('queries (numeric as text, as pg decodes 1700), inserts and deletes on tag OK, and reads errors and notices', async () => {
    const client = await connect();
    try {
      const result = await client.query(SELECT);
      expect(result.command).toBe('OK');
      expect(result.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
        ['instance_id', 25],
        ['cpu_count', 1700],
        ['tags', 25],
        ['region', 25],
      ]);
      const http = await httpRows(SELECT);
      expect(result.rows).toEqual(http.map((r) => ({ ...r, cpu_count: String(r.cpu_count), tags: JSON.stringify(r.tags) })));

      expect((await client.query("INSERT INTO confluent.iam.invitations (data__email) SELECT 'node@example.com'")).command).toBe('OK');
      const created = (await client.query('SELECT id, email FROM confluent.iam.invitations')).rows.find((r) => r.email === 'node@example.com');
      expect((await client.query(`DELETE FROM confluent.iam.invitations WHERE id = '${created.id}'`)).rows).toEqual([]);
      expect(await emails()).not.toContain('node@example.com');

      const error = await client.query('SELECT nope FROM confluent.iam.invitations').catch((e: unknown) => e);
      expect(error).toMatchObject({ severity: 'ERROR', code: 'XXUUU', message: "query returns error: unknown column 'nope' in confluent.iam.invitations" });

      // Parameters go through the extended protocol, which the mock implements (StackQL's breaks).
      const bound = await client.query('SELECT id FROM confluent.iam.invitations WHERE id = $1', ['none']);
      expect(bound.rows).toEqual([]);

      const notices: string[] = [];
      client.on('notice', (n) => notices.push(n.detail ?? ''));
      engine.override('confluent.iam.invitations', { fault: { status: 404, message: 'gone' } });
      expect((await client.query('SELECT id FROM confluent.iam.invitations')).rows).toEqual([]);
      expect(notices).toEqual(['http response status code: 404, response body: gone']);
    } finally {
      await client.end();
    }
  });
});

describeWithClient('psql', runs('psql', ['--version']), APT, () => {
  const psql = (...args: string[]) =>
    run('psql', ['-X', '-h', '127.0.0.1', '-p', String(port), '-U', 'stackql', '-d', 'stackql', ...args], {
      env: { ...process.env, PGCONNECT_TIMEOUT: '10', PGSSLMODE: 'prefer' },
    });

  it('psql -c queries, inserts and deletes; an error exits 1 with the engine message', async () => {
    const select = await psql('--csv', '-c', SELECT);
    expect(select.status).toBe(0);
    const http = await httpRows(SELECT);
    const [header, ...lines] = select.stdout.trim().split('\n');
    expect(header).toBe('instance_id,cpu_count,tags,region');
    expect(lines.map((l) => l.split(',')[0])).toEqual(http.map((r) => r.instance_id));

    const insert = await psql('-c', "INSERT INTO confluent.iam.invitations (data__email) SELECT 'psql@example.com'");
    expect([insert.status, insert.stdout.trim()]).toEqual([0, 'OK']);
    const id = (await httpRows('SELECT id, email FROM confluent.iam.invitations')).find((r) => r.email === 'psql@example.com')!.id;
    expect((await psql('-c', `DELETE FROM confluent.iam.invitations WHERE id = '${id}'`)).stdout.trim()).toBe('OK');
    expect(await emails()).not.toContain('psql@example.com');

    const failed = await psql('-c', 'DELETE FROM confluent.iam.invitations');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('ERROR:  query returns error: missing required parameter id for DELETE on confluent.iam.invitations');
  });

  it('psql shows the NOTICE of a provider failure (debug notices)', async () => {
    engine.override('confluent.iam.invitations', { fault: { status: 500, message: 'boom' } });
    const r = await psql('-c', 'SELECT id FROM confluent.iam.invitations');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('NOTICE:  a notice level event has occurred');
    expect(r.stderr).toContain('DETAIL:  http response status code: 500, response body: boom');
  });
});

interface Step {
  query: string;
  statement?: boolean;
  new_connection?: boolean;
  transaction?: boolean;
}

async function python(client: 'psycopg' | 'psycopg2', steps: Step[]): Promise<any[]> {
  const r = await run(PYTHON, [SCRIPT, client, String(port)], { input: JSON.stringify(steps) });
  if (r.status !== 0) throw new Error(`${client} script failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line));
}

describeWithClient('psycopg (pystackql server mode)', runs(PYTHON, ['-c', 'import psycopg']), APT, () => {
  it('connects as pystackql does, checks the connection, queries, runs statements and prints errors', async () => {
    const [check, select, insert, failed, fresh] = await python('psycopg', [
      { query: SELECT },
      { query: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'py@example.com'", statement: true },
      { query: 'SELECT nope FROM confluent.iam.invitations' },
      { query: 'SELECT email FROM confluent.iam.invitations', new_connection: true },
    ]);
    expect(check).toEqual({ check: { rows: [{ test_value: ['str', 'test'] }] } });
    const http = await httpRows(SELECT);
    // psycopg decodes numeric (1700) as Decimal and text as str.
    expect(select.rows).toEqual(http.map((r) => ({ instance_id: ['str', r.instance_id], cpu_count: ['Decimal', String(r.cpu_count)], tags: ['str', JSON.stringify(r.tags)], region: ['str', r.region] })));
    expect(insert).toEqual({ rows: [{ message: 'OK' }] });
    expect(await emails()).toContain('py@example.com');
    expect(failed).toMatchObject({ rows: [], error: 'InternalError', sqlstate: 'XXUUU', printed: "Unexpected error during query execution: query returns error: unknown column 'nope' in confluent.iam.invitations" });
    expect(fresh.rows).toContainEqual({ email: ['str', 'py@example.com'] });
  });
});

describeWithClient('psycopg2 (RealDictCursor)', runs(PYTHON, ['-c', 'import psycopg2']), APT, () => {
  it('queries, inserts in a transaction and deletes, and reads errors; the session survives them', async () => {
    const [select, insert, failed, after] = await python('psycopg2', [
      { query: SELECT },
      { query: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'py2@example.com'", transaction: true },
      { query: 'DELETE FROM confluent.iam.invitations' },
      { query: 'SELECT email FROM confluent.iam.invitations' },
    ]);
    const http = await httpRows(SELECT);
    expect(select.rows).toEqual(http.map((r) => ({ instance_id: ['str', r.instance_id], cpu_count: ['Decimal', String(r.cpu_count)], tags: ['str', JSON.stringify(r.tags)], region: ['str', r.region] })));
    expect(select.status).toBe('OK');
    expect(insert).toEqual({ rows: [], status: 'OK' });
    expect(failed).toMatchObject({ error: 'InternalError', sqlstate: 'XXUUU' });
    expect(failed.message).toMatch(/^query returns error: missing required parameter id for DELETE/);
    expect(after.rows).toContainEqual({ email: ['str', 'py2@example.com'] });
  });
});
