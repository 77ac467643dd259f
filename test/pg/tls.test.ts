// TLS on the Postgres-wire front: SSLRequest answered 'S' and the connection upgraded when a
// certificate and key are given; with a client CA, TLS and a trusted client certificate are
// mandatory and plaintext connections are closed. Clients: node `pg` and raw bytes.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithClient, runs } from '../helpers/clients.ts';
import { docsModel } from '../helpers/model.ts';
import { makeCerts, type TestCerts } from './certs.ts';
import { serialize, startFront, type Front } from './wire.ts';

const model = docsModel();

async function select(config: pg.ClientConfig): Promise<unknown[]> {
  const client = new pg.Client({ host: '127.0.0.1', user: 'stackql', database: 'stackql', ...config });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query("SELECT 'tls' AS via")).rows;
  } finally {
    await client.end();
  }
}

describeWithClient('openssl', runs('openssl', ['version']), 'apt-get install openssl', () => {
  let certs: TestCerts;
  beforeAll(() => {
    certs = makeCerts();
  });
  afterAll(() => certs?.remove());

  describe('with a certificate and key', () => {
    let front: Front;
    beforeAll(async () => {
      front = await startFront({ model }, { tls: { cert: certs.serverCert, key: certs.serverKey } });
    });
    afterAll(() => front.close());

    it("answers SSLRequest 'S' and serves the session over TLS", async () => {
      const client = await front.connect();
      client.send(serialize.requestSsl());
      expect(await client.byte()).toBe('S');
      expect(await select({ port: front.server.port, ssl: { ca: certs.ca } })).toEqual([{ via: 'tls' }]);
    });

    it('counts a TLS connection out once it closes (the upgrade keeps the server\'s bookkeeping)', async () => {
      const before = front.server.connections;
      await select({ port: front.server.port, ssl: { ca: certs.ca } });
      for (let i = 0; i < 50 && front.server.connections !== before; i++) await new Promise((r) => setTimeout(r, 20));
      expect(front.server.connections).toBe(before);
    });

    it('still serves plaintext clients, as stackql srv does without client CAs', async () => {
      expect(await select({ port: front.server.port, ssl: false })).toEqual([{ via: 'tls' }]);
    });

    it('refuses bytes sent after SSLRequest before the handshake', async () => {
      const client = await front.connect();
      client.send(Buffer.concat([serialize.requestSsl(), serialize.startup({ user: 'x' })]));
      const [fatal] = await client.untilClosed();
      expect([fatal.severity, fatal.code, fatal.message]).toEqual(['FATAL', '08P01', 'invalid startup packet: data received after SSLRequest, before the TLS handshake']);
    });
  });

  describe('with a client CA', () => {
    let front: Front;
    beforeAll(async () => {
      front = await startFront({ model }, { tls: { cert: certs.serverCert, key: certs.serverKey, ca: certs.ca } });
    });
    afterAll(() => front.close());

    it('serves a client with a certificate the CA signed', async () => {
      expect(await select({ port: front.server.port, ssl: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey } })).toEqual([{ via: 'tls' }]);
    });

    it('refuses a TLS client without a certificate', async () => {
      await expect(select({ port: front.server.port, ssl: { ca: certs.ca } })).rejects.toThrow();
    });

    it('closes a plaintext connection with FATAL 28000', async () => {
      const client = await front.connect();
      client.send(serialize.startup({ user: 'stackql' }));
      const [fatal] = await client.untilClosed();
      expect([fatal.severity, fatal.code]).toEqual(['FATAL', '28000']);
      await expect(select({ port: front.server.port, ssl: false })).rejects.toThrow(/TLS with a client certificate is required/);
    });
  });
});
