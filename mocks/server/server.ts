/**
 * (Over 300 lines: one listener and its socket bookkeeping; the admission rules are in guard.ts.)
 *
 * The engine over real HTTP (node:http): what `npm run mock` serves. No msw here: each request goes
 * straight to the engine (`engine.handle(method, path, body)`, or for an engine of createMockEngine its
 * transportHandler: no promise for an answer ready at once, no body object made), so the only costs are Node's HTTP stack and the
 * engine (whose budgets bound what one statement may cost). What this layer adds is transport only:
 * who may call (guard.ts: loopback Host, allowed origins, JSON-only control requests, an optional
 * token), a body-size limit enforced while the body streams in (never buffered past the limit),
 * timeouts for slow headers, bodies and idle sockets, a connection cap answered with 503, a request
 * log (with the statement and the error message: log-line.ts prints it), and a clean shutdown. No request can end the process: whatever fails while answering becomes
 * a 500 with a message.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerText } from '../engine/answer-cache.ts';
import { transportHandler, type TransportHandler } from '../engine/index.ts';
import type { MockEngine, MockResponse } from '../engine/types.ts';
import { startPgServer, type PgServerOptions, type RunningPgServer } from '../pg/server.ts';
import { isRefusal, RequestGuard, type GuardOptions } from './guard.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export interface ServerTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  idleTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: Readonly<ServerTimeouts> = Object.freeze({
  /** A client has this long to send its request headers (Node answers 408). */
  headersTimeoutMs: 10_000,
  /** ...and this long for the whole request, body included (408). */
  requestTimeoutMs: 30_000,
  /** A keep-alive socket with no request is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** A socket that sends and reads nothing while no answer is owed to it is closed after this. */
  idleTimeoutMs: 30_000,
});
/** Open sockets beyond this get `503 {error}` to their request and are closed. */
export const DEFAULT_MAX_CONNECTIONS = 256;

export interface MockServerOptions extends GuardOptions {
  /** Default 127.0.0.1: the mock is for this machine only. */
  host?: string;
  /** Default 8080; 0 picks a free port (see `RunningMockServer.port`). */
  port?: number;
  /** Bodies larger than this get a 413 as soon as the excess arrives. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called once per answered request; omit it for no log. */
  log?: (entry: RequestLogEntry) => void;
  /**
   * Also serve the same engine (same state) over the Postgres wire, as `stackql srv` does:
   * `{ port: 5466 }` (0 picks a free port; host defaults to this server's). See mocks/pg/.
   */
  pg?: PgServerOptions & { port: number };
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** Sockets open at once; the ones beyond get 503 (default 256). */
  maxConnections?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  /** POST /stackql: the request's `query`, as sent (absent when the body had none). */
  statement?: string;
  /** The answer's `{error}` message, for a 4xx or 5xx. */
  error?: string;
  /** The answer's row count, when it carried `{data: [...]}`. */
  rows?: number;
}

export interface RunningMockServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  /** The Postgres-wire front, when `pg` was given. */
  readonly pg?: RunningPgServer;
  /** Stops accepting, lets requests in flight finish (at most `graceMs`, default 2000), then resolves. Closes the pg front too. */
  close(graceMs?: number): Promise<void>;
}

/** After a 413 the rest of the body is read and dropped (so the client sees the answer); past this, the connection is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

const JSON_TYPE = 'application/json; charset=utf-8';

/** Internal: lets startMockServer count the responses still owed on each socket. */
export interface ListenerHooks {
  responded?(req: IncomingMessage): void;
  /** Whether the request's socket was accepted beyond the connection cap (answered 503). */
  overCap?(req: IncomingMessage): boolean;
}

export function createMockRequestListener(engine: MockEngine, options: MockServerOptions = {}, hooks: ListenerHooks = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const guard = new RequestGuard(options);
  const log = options.log;
  const clock = log ? () => performance.now() : () => 0;
  /** CORS headers per answered request, decided by the guard. */
  const corsOf = new WeakMap<IncomingMessage, Record<string, string>>();
  // An engine of createMockEngine answers a transport without a promise when it can (its handle()
  // answers the same); any other MockEngine (a wrapper, a test's stand-in) through handle().
  const respond: TransportHandler = transportHandler(engine) ?? ((method, path, body) => engine.handle(method, path, body));

  function send(req: IncomingMessage, res: ServerResponse, started: number, answer: MockResponse, statement?: string): void {
    if (res.headersSent || res.destroyed) return;
    let text: string;
    try {
      // The engine's own text first: reading `body` may make it (a transport's answer is lazy).
      text = answerText(answer) ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
    } catch (error) {
      // The engine's budgets make this rare (a value too deep or large to serialise): still an answer.
      answer = { status: 500, body: undefined };
      text = JSON.stringify({ error: `the mock cannot serialise this answer: ${(error as Error)?.message ?? String(error)}` });
    }
    // Headers as a flat array: the cheapest form for node:http. CORS headers only for an allowed
    // cross-origin request (the guard echoes its origin); curl, Node and same-origin callers need none.
    const cors = corsOf.get(req);
    let headers: string[];
    if (cors === undefined && answer.headers === undefined && text !== '') {
      // The common answer (a statement's, to curl or Node): the array made whole, never grown.
      headers = ['content-type', JSON_TYPE, 'content-length', String(Buffer.byteLength(text))];
    } else {
      headers = [];
      if (cors) for (const [name, value] of Object.entries(cors)) headers.push(name, value);
      if (text) headers.push('content-type', JSON_TYPE);
      if (answer.headers) for (const [name, value] of Object.entries(answer.headers)) headers.push(name, value);
      headers.push('content-length', String(Buffer.byteLength(text)));
    }
    try {
      res.writeHead(answer.status, headers);
      res.end(req.method === 'HEAD' ? undefined : text);
    } catch (error) {
      // An invalid header from an override, a socket gone: nothing more can be sent on it.
      res.destroy(error as Error);
    }
    hooks.responded?.(req);
    if (log) log(logEntry(req, answer, performance.now() - started, statement));
  }

  function refuse(req: IncomingMessage, res: ServerResponse, started: number, status: number, error: string, close = false): void {
    req.resume();
    send(req, res, started, { status, body: { error }, headers: close ? { connection: 'close' } : undefined });
  }

  function tooLarge(req: IncomingMessage, res: ServerResponse, started: number): void {
    send(req, res, started, {
      status: 413,
      body: { error: `request body exceeds ${maxBodyBytes} bytes` },
    });
    // Read and drop the rest (Node's own dump would too): a client still uploading then gets the
    // 413 instead of a reset. A body that goes on too long, or stalls, is cut off.
    let drained = 0;
    const cut = () => req.socket.destroy();
    const stall = setTimeout(cut, DRAIN_TIMEOUT_MS);
    stall.unref();
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) cut();
    });
    req.once('close', () => clearTimeout(stall));
    req.resume();
  }

  function answer(req: IncomingMessage, res: ServerResponse, started: number, body?: string): void {
    let pending: MockResponse | Promise<MockResponse>;
    try {
      pending = respond(req.method ?? 'GET', req.url ?? '/', body);
    } catch (error) {
      pending = Promise.reject(error);
    }
    // Answered at once (the common statement): sent now, with no promise and no microtask between.
    if (!(pending instanceof Promise)) {
      try {
        send(req, res, started, pending, statementFor(req, body));
      } catch (error) {
        // A throwing log callback: reported as it was when sending ran in a promise's callback.
        void Promise.reject(error);
      }
      return;
    }
    pending.then(
      (result) => send(req, res, started, result, statementFor(req, body)),
      (error: unknown) => send(req, res, started, { status: 500, body: { error: `mock engine failure: ${(error as Error)?.message ?? String(error)}` } }, statementFor(req, body)),
    );
  }

  function statementFor(req: IncomingMessage, body: string | undefined): string | undefined {
    return log && body !== undefined && pathOf(req.url ?? '/') === '/stackql' ? statementOf(body) : undefined;
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = clock();
    const method = req.method ?? 'GET';
    if (hooks.overCap?.(req)) {
      refuse(req, res, started, 503, 'the mock has too many open connections; try again', true);
      return;
    }
    const verdict = guard.check(method, pathOf(req.url ?? '/'), req.headers);
    if (isRefusal(verdict)) {
      refuse(req, res, started, verdict.status, verdict.error);
      return;
    }
    if (verdict.cors) corsOf.set(req, verdict.cors);
    if (method === 'OPTIONS') {
      req.resume();
      if (!verdict.cors) {
        send(req, res, started, { status: 204, body: undefined, headers: { allow: 'GET, POST, DELETE, OPTIONS' } });
        return;
      }
      send(req, res, started, { status: 204, body: undefined });
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      req.resume();
      answer(req, res, started);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      tooLarge(req, res, started);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        over = true;
        chunks.length = 0;
        tooLarge(req, res, started);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) answer(req, res, started, (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8'));
    });
    req.on('error', () => {
      if (!res.headersSent) res.destroy();
    });
  }

  return function guarded(req: IncomingMessage, res: ServerResponse): void {
    res.on('error', destroyResponse);
    try {
      onRequest(req, res);
    } catch (error) {
      // A bug in this layer answers 500 instead of ending the process.
      try {
        send(req, res, clock(), { status: 500, body: { error: `mock server failure: ${(error as Error)?.message ?? String(error)}` } });
      } catch {
        res.destroy();
      }
    }
  };
}

/** A response's 'error' (a socket gone mid-answer): nothing more can be sent on it. */
function destroyResponse(this: ServerResponse): void {
  this.destroy();
}

function logEntry(req: IncomingMessage, answer: MockResponse, ms: number, statement: string | undefined): RequestLogEntry {
  const entry: RequestLogEntry = { method: req.method ?? 'GET', path: req.url ?? '/', status: answer.status, ms };
  if (statement !== undefined) entry.statement = statement;
  const body = answer.body as { error?: unknown; data?: unknown } | undefined;
  if (typeof body === 'object' && body !== null) {
    if (answer.status >= 400 && typeof body.error === 'string') entry.error = body.error;
    else if (Array.isArray(body.data)) entry.rows = body.data.length;
  }
  return entry;
}

/** The `query` of a middleware request body, for the log; read again only when there is a log. */
function statementOf(body: string): string | undefined {
  try {
    const query = (JSON.parse(body) as { query?: unknown } | null)?.query;
    return typeof query === 'string' ? query : undefined;
  } catch {
    return undefined;
  }
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** The timeout options that were given (an explicit undefined keeps the default). */
function definedOf(options: MockServerOptions): Partial<ServerTimeouts> {
  const out: Partial<ServerTimeouts> = {};
  for (const key of Object.keys(DEFAULT_TIMEOUTS) as (keyof ServerTimeouts)[]) {
    const v = options[key];
    if (v !== undefined) {
      if (!Number.isSafeInteger(v) || v <= 0) throw new TypeError(`${key} must be a positive integer`);
      out[key] = v;
    }
  }
  return out;
}

export async function startMockServer(engine: MockEngine, options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1';
  // Responses still owed, per socket, to close idle keep-alive sockets on shutdown. (Node's own
  // closeIdleConnections() misses a socket whose response went out before its request body was
  // over, a 413: that body is only being dropped, so such a socket counts as idle here.)
  const inFlight = new Map<Socket, number>();
  const overCap = new WeakSet<Socket>();
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  let closing = false;
  const listener = createMockRequestListener(engine, options, {
    responded(req) {
      const socket = req.socket;
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if ((closing || overCap.has(socket)) && left === 0) socket.destroySoon();
    },
    overCap: (req) => overCap.has(req.socket),
  });
  const timeouts = { ...DEFAULT_TIMEOUTS, ...definedOf(options) };
  const server = createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      // Node refuses a request timeout shorter than the headers one.
      requestTimeout: Math.max(timeouts.requestTimeoutMs, timeouts.headersTimeoutMs),
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // How often Node checks the two above (default 30 s, which would make them that coarse).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersTimeoutMs),
    },
    (req, res) => {
      inFlight.set(req.socket, (inFlight.get(req.socket) ?? 0) + 1);
      if (closing) res.setHeader('connection', 'close');
      listener(req, res);
    },
  );
  // Socket inactivity: closed when idle, but never while an answer is still owed (a latency
  // override may hold one back longer than this).
  server.setTimeout(timeouts.idleTimeoutMs, (socket: Socket) => {
    if ((inFlight.get(socket) ?? 0) === 0) socket.destroy();
  });
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    if (inFlight.size > maxConnections) overCap.add(socket);
    socket.once('close', () => inFlight.delete(socket));
  });
  // A malformed request line or headers: Node's default answers 400 and closes; keep it so, and
  // never let a socket error surface as an unhandled one.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const answering = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true;
    if (socket.writable && !socket.destroyed && !answering && error.code !== 'ECONNRESET') {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const body = JSON.stringify({ error: status === 408 ? 'the request was not received in time' : status === 431 ? 'request headers too large' : 'malformed HTTP request' });
      socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    } else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let pg: RunningPgServer | undefined;
  if (options.pg) {
    try {
      pg = await startPgServer(engine, { host, ...options.pg });
    } catch (error) {
      server.close();
      throw error;
    }
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    host,
    port,
    server,
    pg,
    close(graceMs = 2_000) {
      stopped ??= Promise.all([
        pg?.close(graceMs),
        new Promise<void>((resolve) => {
          closing = true;
          const force = setTimeout(() => server.closeAllConnections(), graceMs);
          force.unref();
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          for (const [socket, n] of inFlight) if (n === 0) socket.destroy();
        }),
      ]).then(() => undefined);
      return stopped;
    },
  };
}
