/**
 * A raw Postgres-wire client for tests: sends bytes (pg-protocol's client serializer or hand-made
 * ones) and reads the server's answers with pg-protocol's client parser, so the server's encoding is
 * checked by an independent decoder. Single unframed bytes (the answer to SSLRequest) are read with
 * `byte()` before parsing starts.
 */
import { connect, type Socket } from 'node:net';
import { serialize } from 'pg-protocol';
import type { BackendMessage } from 'pg-protocol/dist/messages';
import { Parser } from 'pg-protocol/dist/parser';
import { createMockEngine, type MockEngine, type MockOptions } from '../../mocks/engine/index.ts';
import { startPgServer, type PgServerOptions, type RunningPgServer } from '../../mocks/pg/index.ts';

export { serialize };

/** Any parsed message, with the fields tests read. */
export type Message = BackendMessage & Record<string, any>;

export class WireClient {
  private readonly parser = new Parser();
  private raw: Buffer[] = [];
  private parsing = false;
  readonly messages: Message[] = [];
  private cursor = 0;
  private wake: (() => void) | undefined;
  ended = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      if (this.parsing) this.parser.parse(chunk, (m) => this.messages.push(m as Message));
      else this.raw.push(chunk);
      this.wake?.();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.once('close', () => {
      this.ended = true;
      this.wake?.();
      resolve();
    }));
  }

  static connect(port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new WireClient(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  private async waitFor(ready: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      if (this.ended) throw new Error(`connection closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The next unframed byte (the server's 'S' or 'N'). */
  async byte(): Promise<string> {
    await this.waitFor(() => this.raw.some((b) => b.length > 0), 'a single byte');
    const all = Buffer.concat(this.raw);
    this.raw = all.length > 1 ? [all.subarray(1)] : [];
    return String.fromCharCode(all[0]);
  }

  /** From now on, everything is parsed as messages. */
  startParsing(): void {
    if (this.parsing) return;
    this.parsing = true;
    const pending = Buffer.concat(this.raw);
    this.raw = [];
    if (pending.length > 0) this.parser.parse(pending, (m) => this.messages.push(m as Message));
  }

  /** Messages since the last call, up to and including the first one `stop` accepts. */
  async until(stop: (m: Message) => boolean = (m) => m.name === 'readyForQuery', timeoutMs = 5000): Promise<Message[]> {
    this.startParsing();
    let found = -1;
    await this.waitFor(() => (found = this.messages.findIndex((m, i) => i >= this.cursor && stop(m))) >= 0, 'a message', timeoutMs);
    const out = this.messages.slice(this.cursor, found + 1);
    this.cursor = found + 1;
    return out;
  }

  /** Waits until the server closes the connection; returns what it sent meanwhile. */
  async untilClosed(timeoutMs = 5000): Promise<Message[]> {
    this.startParsing();
    await this.waitFor(() => this.ended, 'the connection to close', timeoutMs);
    const out = this.messages.slice(this.cursor);
    this.cursor = this.messages.length;
    return out;
  }

  async startup(params: Record<string, string> = { user: 'stackql', database: 'stackql' }): Promise<Message[]> {
    this.send(serialize.startup(params));
    return this.until();
  }

  /** A simple query and everything up to its ReadyForQuery. */
  async query(text: string): Promise<Message[]> {
    this.send(serialize.query(text));
    return this.until();
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Rows of a simple-query answer as objects (text values as sent). */
export function rowsOf(messages: Message[]): Array<Record<string, string | null>> {
  const description = messages.find((m) => m.name === 'rowDescription');
  if (!description) return [];
  return messages
    .filter((m) => m.name === 'dataRow')
    .map((m) => Object.fromEntries(description.fields.map((f: { name: string }, i: number) => [f.name, m.fields[i]])));
}

export const names = (messages: Message[]) => messages.map((m) => m.name);

/** A message built by hand: type byte, int32 length, body. */
export function frame(type: string, body: Buffer | string = Buffer.alloc(0)): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(b.length + 4, 1);
  return Buffer.concat([header, b]);
}

export interface Front {
  engine: MockEngine;
  server: RunningPgServer;
  connect(): Promise<WireClient>;
  /** A connected client past startup. */
  session(): Promise<WireClient>;
  close(): Promise<void>;
}

export async function startFront(engineOptions: MockOptions, serverOptions: PgServerOptions = {}): Promise<Front> {
  const engine = createMockEngine(engineOptions);
  const server = await startPgServer(engine, { port: 0, ...serverOptions });
  const clients: WireClient[] = [];
  const connectClient = async () => {
    const c = await WireClient.connect(server.port);
    clients.push(c);
    return c;
  };
  return {
    engine,
    server,
    connect: connectClient,
    async session() {
      const c = await connectClient();
      await c.startup();
      return c;
    },
    async close() {
      for (const c of clients) c.close();
      await server.close(200);
    },
  };
}
