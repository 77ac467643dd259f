/**
 * The transport the contract suites use against a real endpoint, chosen by CONTRACT_TARGET's scheme:
 *
 *   http://host:port, https://...        the StackQL middleware (POST /stackql)
 *   postgres://[user[:password]@]host[:port][/database][?sslmode=...&sslrootcert=...&sslcert=...&sslkey=...]
 *   postgresql://...                     `stackql srv` over the Postgres wire (createPgTransport);
 *                                        port 5466, user and database `stackql` unless given
 *
 * sslmode as libpq reads it, where node pg can follow: disable (default), allow and prefer →
 * plaintext (pg cannot fall back from TLS as libpq does, so no TLS is tried); require → TLS without
 * checking the certificate; verify-ca and verify-full → TLS checked against sslrootcert (verify-ca
 * without the host name). sslcert/sslkey give a client certificate.
 */
import { readFileSync } from 'node:fs';
import { createHttpTransport } from '../../generator/runtime/http-transport.ts';
import { createPgTransport, type PgTlsOptions } from '../../generator/runtime/pg-transport.ts';
import type { Transport } from '../../generator/runtime/transport.ts';

export interface ContractTarget {
  transport: Transport;
  /** Closes what the transport holds open (the pg connections); nothing for HTTP. */
  close(): Promise<void>;
}

const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);

export function connectTarget(target: string, timeoutMs: number): ContractTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new TypeError(`CONTRACT_TARGET is not a URL: ${JSON.stringify(target)} (http://host:port or postgres://host:port)`);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return { transport: createHttpTransport({ baseUrl: target, timeoutMs }), close: async () => {} };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new TypeError(`CONTRACT_TARGET must be http(s):// (the StackQL middleware) or postgres:// (stackql srv), got ${url.protocol}//`);
  }
  const transport = createPgTransport({ ...pgConnection(url), timeoutMs });
  return { transport, close: () => transport.close() };
}

function pgConnection(url: URL): Parameters<typeof createPgTransport>[0] {
  const query = url.searchParams;
  const mode = query.get('sslmode') ?? 'disable';
  if (!SSL_MODES.has(mode)) throw new TypeError(`CONTRACT_TARGET: unknown sslmode '${mode}' (${[...SSL_MODES].join(', ')})`);
  const read = (name: string) => {
    const file = query.get(name);
    return file === null ? undefined : readFileSync(file, 'utf8');
  };
  let ssl: boolean | PgTlsOptions = false;
  if (mode === 'require' || mode === 'verify-ca' || mode === 'verify-full') {
    const tls: PgTlsOptions = { rejectUnauthorized: mode === 'verify-ca' || mode === 'verify-full' };
    const ca = read('sslrootcert');
    const cert = read('sslcert');
    const key = read('sslkey');
    if (ca !== undefined) tls.ca = ca;
    if (cert !== undefined) tls.cert = cert;
    if (key !== undefined) tls.key = key;
    if (mode === 'verify-ca') tls['checkServerIdentity'] = () => undefined;
    ssl = tls;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return {
    host,
    port: url.port === '' ? 5466 : Number(url.port),
    user: url.username === '' ? 'stackql' : decodeURIComponent(url.username),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    database: database === '' ? 'stackql' : database,
    ssl,
  };
}
