/**
 * The mock server's command, run by cli.ts (in the process that serves: see young-generation.ts).
 *
 * `npm run mock -- [--docs dir | --model file] [--port 8080] [--seed n] [--strict] [--rows n] [--fixtures file] [--quiet]
 *                  [--pg-port 5466 [--pg-tls-cert f --pg-tls-key f [--pg-tls-ca f]] [--pg-debug] [--pg-all-text]]`
 *
 * Serves the mock engine over the StackQL middleware's HTTP protocol on 127.0.0.1:
 *   POST /stackql                       {query, params?, showMetadata?} → {data, metadata} | 4xx {error}
 *   GET  /providers[/:p/services[/:s/resources[/:r[/methods]]]], GET /health
 *   /__mock/...                         the engine's control API (reset, state, latency, faults)
 * and, with --pg-port, the same engine (same state) over the Postgres wire as `stackql srv` (psql,
 * psycopg, node pg). Prints its URLs (with the real ports when 0), sample queries as curl and psql
 * commands, logs one line per request or statement (log-line.ts: the statement and the error, in
 * one shape for both fronts), and exits 0 on SIGINT/SIGTERM after closing.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { Model } from '../../generator/core/model.ts';
import { createMockEngine, type Fixtures, type MockEngine } from '../engine/index.ts';
import { httpLogLine, pgLogLine } from './log-line.ts';
import { modelFromDocs, readModelFile } from './model.ts';
import { curlCommand, psqlCommand, sampleQueries } from './samples.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUTS, startMockServer } from './server.ts';
import type { PgServerOptions } from '../pg/server.ts';
import { DEFAULT_LIMITS } from '../engine/budgets.ts';

const integer = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
  return n;
};

const program = new Command()
  .name('mock')
  .description('Serve the StackQL mock over HTTP (the stackql-middleware protocol).')
  .option('--docs <dir>', 'read the model from these doc pages, in-process (instead of --model)')
  .option('--model <file>', 'model.json written by `stackql-docgen generate`', 'generated/model.json')
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .option('--port <n>', 'port; 0 picks a free one', integer('--port', 0), 8080)
  .option('--seed <n>', 'fake-data seed: same seed, same data', integer('--seed', 0), 1)
  .option('--rows <n>', 'rows generated per scope on first read', integer('--rows', 0), 3)
  .option('--strict', 'answer mutations 405, like the real middleware')
  .option('--fixtures <file>', 'JSON rows to start from, by resource id: {"p.s.r": [{"scope": {...}, "rows": [...]}]}')
  .option('--max-body <bytes>', 'largest request body accepted', integer('--max-body', 1), DEFAULT_MAX_BODY_BYTES)
  .option('--no-cors', 'no cross-origin callers at all: only curl, Node and same-origin requests')
  .option('--cors-origin <origin>', "also allow this origin (repeatable; loopback origins are allowed by default; '*' allows any on the middleware routes, never on /__mock/*)", collect, [])
  .option('--allowed-host <name>', 'also accept this Host name (repeatable; loopback names and IP addresses always are)', collect, [])
  .option('--control-token <token>', 'require "authorization: Bearer <token>" on /__mock/* (default: $STACKQL_MOCK_TOKEN)')
  .option('--max-connections <n>', 'open sockets; beyond, requests get 503', integer('--max-connections', 1), DEFAULT_MAX_CONNECTIONS)
  .option('--headers-timeout <ms>', 'time to send request headers (408 after)', integer('--headers-timeout', 1), DEFAULT_TIMEOUTS.headersTimeoutMs)
  .option('--request-timeout <ms>', 'time to send the whole request (408 after)', integer('--request-timeout', 1), DEFAULT_TIMEOUTS.requestTimeoutMs)
  .option('--idle-timeout <ms>', 'an idle socket is closed after this', integer('--idle-timeout', 1), DEFAULT_TIMEOUTS.idleTimeoutMs)
  .option('--statement-timeout <ms>', "SQLite time one statement may take (503 after)", integer('--statement-timeout', 1), DEFAULT_LIMITS.statementTimeoutMs)
  .option('--max-answer <bytes>', 'largest answer (400 past it)', integer('--max-answer', 1), DEFAULT_LIMITS.maxAnswerBytes)
  .option('--max-statement <bytes>', 'longest statement text, in UTF-8 bytes (400 past it, before parsing)', integer('--max-statement', 1), DEFAULT_LIMITS.maxStatementBytes)
  .option('--max-value-depth <n>', 'deepest value stored (400 past it)', integer('--max-value-depth', 1), DEFAULT_LIMITS.maxValueDepth)
  .option('--no-answer-cache', 'run every SELECT again instead of answering a repeated one from the cache (the answers are the same; for comparing)')
  .option('--sqlite-threads <n>', 'worker threads for SQLite (0: in the main thread)', integer('--sqlite-threads', 0), 2)
  .option('--pg-port <n>', 'also serve the Postgres wire, like `stackql srv` (its port is 5466); 0 picks a free one', integer('--pg-port', 0))
  .option('--pg-tls-cert <file>', 'PEM certificate: SSLRequest is answered S and TLS is offered')
  .option('--pg-tls-key <file>', 'PEM private key of --pg-tls-cert')
  .option('--pg-tls-ca <file>', 'PEM CA of client certificates: TLS and a client certificate become mandatory')
  .option('--pg-debug', 'send notices to pg clients, like --pgsrv.debug.enable=true (provider failures on SELECT)')
  .option('--pg-all-text', 'describe every pg column as text instead of by the model\'s field types')
  .option('--quiet', 'no banner and no request log (only the listening line)')
  .parse();

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const opts = program.opts<{
  docs?: string; model: string; host: string; port: number; seed: number; rows: number; strict?: boolean; fixtures?: string;
  maxBody: number; cors: boolean; corsOrigin: string[]; allowedHost: string[]; controlToken?: string; maxConnections: number;
  headersTimeout: number; requestTimeout: number; idleTimeout: number; statementTimeout: number; maxAnswer: number;
  maxValueDepth: number; maxStatement: number; sqliteThreads: number; answerCache: boolean; quiet?: boolean;
  pgPort?: number; pgTlsCert?: string; pgTlsKey?: string; pgTlsCa?: string; pgDebug?: boolean; pgAllText?: boolean;
}>();

/** The pg front's options from the --pg-* flags, or undefined without --pg-port. */
function pgOptions(): (PgServerOptions & { port: number }) | undefined {
  const tlsFlags = [opts.pgTlsCert, opts.pgTlsKey, opts.pgTlsCa].some((f) => f !== undefined);
  if (opts.pgPort === undefined) {
    if (tlsFlags || opts.pgDebug || opts.pgAllText) throw new Error('the --pg-* options need --pg-port');
    return undefined;
  }
  const out: PgServerOptions & { port: number } = { port: opts.pgPort, debugNotices: Boolean(opts.pgDebug), allText: Boolean(opts.pgAllText) };
  if (tlsFlags) {
    if (opts.pgTlsCert === undefined || opts.pgTlsKey === undefined) throw new Error('TLS needs both --pg-tls-cert and --pg-tls-key');
    const read = (file: string) => {
      try {
        return readFileSync(file);
      } catch (e) {
        throw new Error(`cannot read ${file}: ${(e as Error).message}`);
      }
    };
    out.tls = { cert: read(opts.pgTlsCert), key: read(opts.pgTlsKey) };
    if (opts.pgTlsCa !== undefined) out.tls.ca = read(opts.pgTlsCa);
  }
  if (!opts.quiet) out.log = (entry) => console.log(pgLogLine(entry));
  return out;
}

async function main(): Promise<void> {
  let model: Model;
  let engine: MockEngine;
  let pg: ReturnType<typeof pgOptions>;
  try {
    pg = pgOptions();
    model = opts.docs ? await modelFromDocs(opts.docs) : readModelFile(opts.model);
    const fixtures = opts.fixtures ? (JSON.parse(readFileSync(opts.fixtures, 'utf8')) as Fixtures) : undefined;
    engine = createMockEngine({
      model,
      seed: opts.seed,
      rowsPerScope: opts.rows,
      strict: Boolean(opts.strict),
      maxBodyBytes: opts.maxBody,
      fixtures,
      sqliteThreads: opts.sqliteThreads,
      answerCache: opts.answerCache,
      limits: { statementTimeoutMs: opts.statementTimeout, maxAnswerBytes: opts.maxAnswer, maxValueDepth: opts.maxValueDepth, maxStatementBytes: opts.maxStatement },
    });
  } catch (e) {
    console.error(`mock: ${(e as Error).message}`);
    process.exitCode = 2;
    return;
  }
  // Before listening: trying the samples touches the store, and the engine is reset afterwards.
  const samples = opts.quiet ? [] : await sampleQueries(model, engine);

  const running = await startMockServer(engine, {
    host: opts.host,
    port: opts.port,
    maxBodyBytes: opts.maxBody,
    cors: opts.cors,
    pg,
    corsOrigins: opts.corsOrigin,
    allowedHosts: opts.allowedHost,
    controlToken: opts.controlToken ?? (process.env.STACKQL_MOCK_TOKEN || undefined),
    maxConnections: opts.maxConnections,
    headersTimeoutMs: opts.headersTimeout,
    requestTimeoutMs: opts.requestTimeout,
    idleTimeoutMs: opts.idleTimeout,
    log: opts.quiet ? undefined : (entry) => console.log(httpLogLine(entry)),
  }).catch((e: NodeJS.ErrnoException & { port?: number }) => {
    const port = e.port ?? opts.port;
    console.error(`mock: cannot listen on ${opts.host}:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}`);
    process.exit(2);
  });

  // The last line of defence: every request path is guarded (a failure is a 4xx/5xx answer), so an
  // error reaching here is a bug; it is reported loudly and the server keeps serving.
  process.on('uncaughtException', (error) => console.error(`mock: unexpected error (still serving): ${error.stack ?? error}`));
  process.on('unhandledRejection', (error) => console.error(`mock: unexpected rejection (still serving): ${(error as Error)?.stack ?? error}`));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!opts.quiet) console.log(`\n${signal}: closing`);
    void running
      .close()
      .then(() => engine.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const source = opts.docs ? `docs ${opts.docs}` : opts.model;
  console.log(`StackQL mock listening on ${running.url} (${model.resources.length} resources from ${source}, seed ${opts.seed}${opts.strict ? ', strict' : ''})`);
  if (running.pg) {
    const { pg: front } = running;
    console.log(`StackQL mock (Postgres wire, like stackql srv) listening on ${front.url}${pg?.tls ? (pg.tls.ca ? ', TLS with client certificates required' : ', TLS offered') : ''}${pg?.debugNotices ? ', debug notices' : ''}`);
  }
  if (opts.quiet) return;
  if (samples.length > 0) {
    console.log('\nTry:');
    for (const s of samples) {
      console.log(`  # ${s.verb.toUpperCase()} ${s.resource}\n  ${curlCommand(running.url, s.query)}`);
      if (running.pg) console.log(`  ${psqlCommand(running.pg.host, running.pg.port, s.query)}`);
      console.log('');
    }
  }
  console.log(`Control: POST ${running.url}/__mock/reset, GET ${running.url}/__mock/state (Ctrl-C to stop)`);
}

await main();
