// The pg front as users start it: `npm run mock -- --pg-port N` (a child process) and the
// programmatic server's `pg` option; one engine, one state, behind both fronts.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { startMockServer } from '../../mocks/server/server.ts';
import { CLI_TEST_TIMEOUT } from '../helpers/cli.ts';
import { docsModel } from '../helpers/model.ts';

async function pgQuery(port: number, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'stackql', database: 'stackql' });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function httpData(url: string, query: string): Promise<any[]> {
  const res = await fetch(`${url}/stackql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return ((await res.json()) as { data: any[] }).data;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

function cli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/server/cli.ts', ...args], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<{ http: string; pgPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening lines; stdout: ${out}\nstderr: ${err}`)), 30_000);
    child.stdout.on('data', () => {
      const http = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const pgUrl = /listening on postgres:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (http && pgUrl && /^Control: /m.test(out)) {
        clearTimeout(timer);
        resolve({ http, pgPort: Number(pgUrl) });
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}; stdout: ${out}\nstderr: ${err}`)));
  });
  listening.catch(() => {});
  return { child, listening, exited, stdout: () => out, stderr: () => err };
}

describe('npm run mock -- --pg-port', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('serves the same state over HTTP and the Postgres wire, logs pg statements, and stops on SIGTERM', async () => {
    const run = cli(['--docs', 'docs', '--port', '0', '--pg-port', '0']);
    const { http, pgPort } = await run.listening;
    try {
      expect(run.stdout()).toMatch(/psql -h 127\.0\.0\.1 -p \d+ -U stackql -d stackql -c 'SELECT /);
      const insert = await pgQuery(pgPort, "INSERT INTO confluent.iam.invitations (data__email) SELECT 'both@example.com'");
      expect(insert.command).toBe('OK');
      expect(await httpData(http, 'SELECT email FROM confluent.iam.invitations')).toContainEqual({ email: 'both@example.com' });
      await httpData(http, "INSERT INTO confluent.iam.invitations (data__email) SELECT 'back@example.com'");
      expect((await pgQuery(pgPort, 'SELECT email FROM confluent.iam.invitations')).rows).toContainEqual({ email: 'back@example.com' });
      const rows = (await pgQuery(pgPort, 'SELECT email FROM confluent.iam.invitations')).rows.length;
      await pgQuery(pgPort, 'SELECT email FROM confluent.iam.nothing_here').catch(() => undefined);
      await pgQuery(pgPort, 'SELECT 1 AS last').catch(() => undefined);
      for (let i = 0; i < 50 && !run.stdout().includes('AS last'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      // The HTTP front's shape: who and status (SQLSTATE), time, the statement, then rows or the error.
      expect(run.stdout()).toMatch(/^pg OK \d+\.\dms {2}INSERT INTO confluent\.iam\.invitations \(data__email\) SELECT 'both@example\.com'$/m);
      expect(run.stdout()).toContain(`  SELECT email FROM confluent.iam.invitations  → ${rows} rows\n`);
      expect(run.stdout()).toMatch(
        /^pg XXUUU \d+\.\dms {2}SELECT email FROM confluent\.iam\.nothing_here {2}→ error: query returns error: unknown resource 'confluent\.iam\.nothing_here'.*$/m,
      );
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(await portOpen(pgPort)).toBe(false);
  });

  it('refuses --pg-* options without --pg-port, and a TLS certificate without its key', async () => {
    const alone = cli(['--docs', 'docs', '--port', '0', '--pg-debug']);
    expect(await alone.exited).toBe(2);
    expect(alone.stderr()).toContain('the --pg-* options need --pg-port');
    const half = cli(['--docs', 'docs', '--port', '0', '--pg-port', '0', '--pg-tls-cert', 'package.json']);
    expect(await half.exited).toBe(2);
    expect(half.stderr()).toContain('TLS needs both --pg-tls-cert and --pg-tls-key');
  });
});

describe('startMockServer({ pg })', () => {
  it('starts the pg front on the same engine and closes it with the server', async () => {
    const engine = createMockEngine({ model: docsModel() });
    const running = await startMockServer(engine, { port: 0, pg: { port: 0 } });
    const pgPort = running.pg!.port;
    expect(running.pg!.url).toBe(`postgres://127.0.0.1:${pgPort}`);
    await pgQuery(pgPort, "INSERT INTO confluent.iam.invitations (data__email) SELECT 'api@example.com'");
    expect(await httpData(running.url, 'SELECT email FROM confluent.iam.invitations')).toContainEqual({ email: 'api@example.com' });
    await running.close();
    expect(await portOpen(pgPort)).toBe(false);
    expect(await portOpen(running.port)).toBe(false);
  });
});
