/**
 * The load generator of bench/mock-pg.ts, run as its own process (pinned apart from the server).
 * Raw sockets for both protocols, so neither side pays for a client library's parsing:
 *
 *   pg-load.ts rate  http|pg <host> <port> <connections> <seconds> <query>   closed loop, keep-alive (__N__: a counter)
 *   pg-load.ts churn <host> <pgPort> <count> <concurrency> <query>           connect, query, Terminate
 *   pg-load.ts abandon <host> <pgPort> <count> <slowQuery> <seconds> <query> clients that vanish mid-query,
 *                                                                            while one client keeps querying
 * Prints one JSON line of results.
 */
import { connect, type Socket } from 'node:net';

const [mode, host, ...rest] = process.argv.slice(2);

function qMessage(text: string): Buffer {
  const body = Buffer.from(`${text}\0`);
  const head = Buffer.alloc(5);
  head.write('Q');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function startupMessage(): Buffer {
  const body = Buffer.from('user\0stackql\0database\0stackql\0\0');
  const head = Buffer.alloc(8);
  head.writeInt32BE(body.length + 8);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
}

const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

/** A pg connection that resolves each exchange at ReadyForQuery and counts ErrorResponses. */
class PgConn {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: ((error: boolean) => void) | undefined;
  private sawError = false;
  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      while (this.buf.length >= 5) {
        const length = this.buf.readInt32BE(1);
        if (this.buf.length < length + 1) break;
        const type = this.buf[0];
        this.buf = this.buf.subarray(length + 1);
        if (type === 0x45 /* E */) this.sawError = true;
        if (type === 0x5a /* Z */) {
          const done = this.waiting;
          this.waiting = undefined;
          const error = this.sawError;
          this.sawError = false;
          done?.(error);
        }
      }
    });
    socket.on('error', () => this.waiting?.(true));
  }
  static open(port: number): Promise<PgConn> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => {
        const conn = new PgConn(socket);
        void conn.exchange(startupMessage()).then(() => resolve(conn));
      });
      socket.once('error', reject);
    });
  }
  /** Sends bytes and waits for ReadyForQuery; true when an error came. */
  exchange(bytes: Buffer): Promise<boolean> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(bytes);
    });
  }
}

/** A keep-alive HTTP/1.1 connection posting one body at a time, reading answers by content-length. */
class HttpConn {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | undefined;
  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buf.subarray(0, end).toString('latin1');
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.buf.length < end + 4 + length) return;
      this.buf = this.buf.subarray(end + 4 + length);
      const done = this.waiting;
      this.waiting = undefined;
      done?.(Number(head.slice(9, 12)));
    });
    socket.on('error', () => this.waiting?.(0));
  }
  static open(port: number): Promise<HttpConn> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new HttpConn(socket)));
      socket.once('error', reject);
    });
  }
  post(request: Buffer): Promise<number> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(request);
    });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function rate(kind: string, port: number, connections: number, seconds: number, query: string): Promise<object> {
  const latencies: number[] = [];
  let errors = 0;
  // A query with __N__ gets a fresh number per request (an INSERT of a new row each time), prefixed
  // with this process's pid so that runs do not collide.
  let n = 0;
  const textOf = query.includes('__N__') ? () => query.replaceAll('__N__', `${process.pid}-${++n}`) : () => query;
  const httpOf = (text: string) => {
    const body = JSON.stringify({ query: text });
    return Buffer.from(`POST /stackql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const fixed = !query.includes('__N__');
  const httpFixed = httpOf(query);
  const pgFixed = qMessage(query);
  const conns = await Promise.all(Array.from({ length: connections }, () => (kind === 'pg' ? PgConn.open(port) : HttpConn.open(port))));
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    conns.map(async (conn) => {
      while (performance.now() < end) {
        const t = performance.now();
        if (conn instanceof PgConn) {
          if (await conn.exchange(fixed ? pgFixed : qMessage(textOf()))) errors++;
        } else if ((await conn.post(fixed ? httpFixed : httpOf(textOf()))) !== 200) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const c of conns) c.socket.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

async function churn(port: number, count: number, concurrency: number, query: string): Promise<object> {
  let next = 0;
  let errors = 0;
  const request = qMessage(query);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        try {
          const conn = await PgConn.open(port);
          if (await conn.exchange(request)) errors++;
          conn.socket.end(TERMINATE);
          await new Promise((resolve) => conn.socket.once('close', resolve));
        } catch {
          errors++;
        }
      }
    }),
  );
  return { connections: count, seconds: (performance.now() - started) / 1000, errors };
}

async function abandon(port: number, count: number, slowQuery: string, seconds: number, query: string): Promise<object> {
  const steady = await PgConn.open(port);
  const request = qMessage(query);
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const loop = (async () => {
    while (performance.now() < end) {
      const t = performance.now();
      if (await steady.exchange(request)) errors++;
      latencies.push(performance.now() - t);
    }
  })();
  // Each of these sends a slow statement and is gone before its answer.
  let abandoned = 0;
  const slow = qMessage(slowQuery);
  for (let i = 0; i < count; i++) {
    const conn = await PgConn.open(port);
    conn.socket.write(slow);
    setTimeout(() => conn.socket.destroy(), 5);
    abandoned++;
    await new Promise((resolve) => setTimeout(resolve, (seconds * 1000 * 0.6) / count));
  }
  await loop;
  steady.socket.end(TERMINATE);
  latencies.sort((a, b) => a - b);
  return { abandoned, served: latencies.length, p99: percentile(latencies, 99), errors };
}

let result: object;
if (mode === 'rate') result = await rate(rest[0], Number(rest[1]), Number(rest[2]), Number(rest[3]), rest[4]);
else if (mode === 'churn') result = await churn(Number(rest[0]), Number(rest[1]), Number(rest[2]), rest[3]);
else if (mode === 'abandon') result = await abandon(Number(rest[0]), Number(rest[1]), rest[2], Number(rest[3]), rest[4]);
else throw new Error(`unknown mode ${mode}`);
console.log(JSON.stringify(result));
