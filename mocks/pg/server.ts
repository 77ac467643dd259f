/**
 * The mock engine over the Postgres wire, as `stackql srv` serves it: what `npm run mock --
 * --pg-port 5466` starts beside the HTTP front, on the same engine (same state). Trust auth; TLS
 * when a certificate and key are given, mandatory with a client certificate when a client CA is.
 * Each connection is a PgSession; a connection's failure never touches another one.
 */
import { createServer, type Server, type Socket, type AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import type { MockEngine } from '../engine/types.ts';
import { DEFAULT_MAX_MESSAGE_BYTES, PgSession, type PgLogEntry } from './session.ts';

export interface PgTlsOptions {
  /** PEM text of the server's certificate chain and private key. */
  cert: string | Buffer;
  key: string | Buffer;
  /** PEM text of the CAs that sign client certificates: TLS and a client certificate become mandatory. */
  ca?: string | Buffer;
}

export interface PgServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 5466 (StackQL's); 0 picks a free port. */
  port?: number;
  tls?: PgTlsOptions;
  /** Like `stackql srv --pgsrv.debug.enable=true`: notices (provider failures) reach the client. */
  debugNotices?: boolean;
  /** Describe every column as text (25) instead of by the model's field types. */
  allText?: boolean;
  /** Messages longer than this are read, dropped and answered with an error. Default 16 MiB. */
  maxMessageBytes?: number;
  /** Called per statement run and per connection closed by a protocol error. */
  log?: (entry: PgLogEntry) => void;
}

export interface RunningPgServer {
  readonly host: string;
  readonly port: number;
  /** `postgres://host:port`, for CONTRACT_TARGET and clients. */
  readonly url: string;
  readonly server: Server;
  /** Connections open now. */
  readonly connections: number;
  /** Stops accepting; open sessions get a FATAL 57P01 and are closed (all closed after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_PG_PORT = 5466;

export async function startPgServer(engine: MockEngine, options: PgServerOptions = {}): Promise<RunningPgServer> {
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls
    ? {
        context: createSecureContext({ cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca }),
        mandatory: options.tls.ca !== undefined,
      }
    : undefined;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (!(maxMessageBytes > 0)) throw new TypeError('maxMessageBytes must be a positive number of bytes');
  const context = { engine, tls, debugNotices: options.debugNotices === true, allText: options.allText === true, maxMessageBytes, log: options.log };

  const sessions = new Set<PgSession>();
  const sockets = new Set<Socket>();
  // allowHalfOpen: a client that stops sending mid-message still gets told why.
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const session = new PgSession(socket, context, () => sessions.delete(session));
    sessions.add(session);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PG_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    host,
    port,
    url: `postgres://${shownHost}:${port}`,
    server,
    get connections() {
      return sockets.size;
    },
    close(graceMs = 2_000) {
      stopped ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        for (const session of sessions) session.shutdown();
      });
      return stopped;
    },
  };
}
