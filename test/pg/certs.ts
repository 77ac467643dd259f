/**
 * A throwaway certificate authority for the TLS tests, made with the openssl command line in a
 * temporary folder: a CA, a server certificate for 127.0.0.1/localhost and a client certificate
 * (CN stackql), all signed by it. Nothing is committed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  dir: string;
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** Paths, for psql and psycopg (sslrootcert, sslcert, sslkey). */
  files: { ca: string; clientCert: string; clientKey: string };
  remove(): void;
}

export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version']).status === 0;
}

export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'pg-tls-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=test-ca', '-keyout', 'ca.key', '-out', 'ca.crt');
  writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  for (const [name, cn, ext] of [
    ['server', 'localhost', ['-extfile', 'server.ext']],
    ['client', 'stackql', []],
  ] as const) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.crt`, ...ext);
  }
  const read = (name: string) => readFileSync(at(name), 'utf8');
  return {
    dir,
    ca: read('ca.crt'),
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
    files: { ca: at('ca.crt'), clientCert: at('client.crt'), clientKey: at('client.key') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
