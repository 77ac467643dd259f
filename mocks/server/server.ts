/**
 * The engine over real HTTP (node:http): what `npm run mock` serves. No msw here: each request goes
 * straight to `engine.handle(method, path, body)`, so the only costs are Node's HTTP stack and the
 * engine. What this layer adds is transport only: a body-size limit enforced while the body streams
 * in (never buffered past the limit), CORS for browser apps on another origin, a request log, and a
 * clean shutdown.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { MockEngine, MockResponse } from '../engine/types.ts';
import { startPgServer, type PgServerOptions, type RunningPgServer } from '../pg/server.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface MockServerOptions {
  /** Default 127.0.0.1: the mock is for this machine only. */
  host?: string;
  /** Default 8080; 0 picks a free port (see `RunningMockServer.port`). */
  port?: number;
  /** Bodies larger than this get a 413 as soon as the excess arrives. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called once per answered request; omit it for no log. */
  log?: (entry: RequestLogEntry) => void;
  /** Send CORS headers and answer preflights (default true), so a browser app on another origin can call. */
  cors?: boolean;
  /**
   * Also serve the same engine (same state) over the Postgres wire, as `stackql srv` does:
   * `{ port: 5466 }` (0 picks a free port; host defaults to this server's). See mocks/pg/.
   */
  pg?: PgServerOptions & { port: number };
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
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

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, accept',
  'access-control-max-age': '600',
};
const CORS_PAIRS = Object.entries(CORS_HEADERS).flat();
const JSON_TYPE = 'application/json; charset=utf-8';

/** Internal: lets startMockServer count the responses still owed on each socket. */
export interface ListenerHooks {
  responded?(req: IncomingMessage): void;
}

export function createMockRequestListener(engine: MockEngine, options: MockServerOptions = {}, hooks: ListenerHooks = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const cors = options.cors ?? true;
  const log = options.log;
  const clock = log ? () => performance.now() : () => 0;

  function send(req: IncomingMessage, res: ServerResponse, started: number, answer: MockResponse): void {
    if (res.headersSent || res.destroyed) return;
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    // Headers as a flat array: the cheapest form for node:http. CORS headers only for a browser's
    // cross-origin request (it sends Origin); curl, Node and same-origin callers need none.
    const headers: string[] = cors && req.headers.origin !== undefined ? [...CORS_PAIRS] : [];
    if (text) headers.push('content-type', JSON_TYPE);
    if (answer.headers) for (const [name, value] of Object.entries(answer.headers)) headers.push(name, value);
    headers.push('content-length', String(Buffer.byteLength(text)));
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : text);
    hooks.responded?.(req);
    if (log) log({ method: req.method ?? 'GET', path: req.url ?? '/', status: answer.status, ms: performance.now() - started });
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

  async function answer(req: IncomingMessage, res: ServerResponse, started: number, body?: string): Promise<void> {
    let result: MockResponse;
    try {
      result = await engine.handle(req.method ?? 'GET', req.url ?? '/', body);
    } catch (error) {
      result = { status: 500, body: { error: `mock engine failure: ${(error as Error)?.message ?? String(error)}` } };
    }
    send(req, res, started, result);
  }

  return function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = clock();
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS' && cors) {
      req.resume();
      res.writeHead(204, CORS_HEADERS).end();
      hooks.responded?.(req);
      log?.({ method, path: req.url ?? '/', status: 204, ms: performance.now() - started });
      return;
    }
    if (method === 'GET' || method === 'HEAD') {
      req.resume();
      void answer(req, res, started);
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
      if (!over) void answer(req, res, started, Buffer.concat(chunks, size).toString('utf8'));
    });
    req.on('error', () => {
      if (!res.headersSent) res.destroy();
    });
  };
}

export async function startMockServer(engine: MockEngine, options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1';
  // Responses still owed, per socket, to close idle keep-alive sockets on shutdown. (Node's own
  // closeIdleConnections() misses a socket whose response went out before its request body was
  // over, a 413: that body is only being dropped, so such a socket counts as idle here.)
  const inFlight = new Map<Socket, number>();
  let closing = false;
  const listener = createMockRequestListener(engine, options, {
    responded(req) {
      const socket = req.socket;
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (closing && left === 0) socket.destroy();
    },
  });
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    inFlight.set(req.socket, (inFlight.get(req.socket) ?? 0) + 1);
    if (closing) res.setHeader('connection', 'close');
    listener(req, res);
  });
  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
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
