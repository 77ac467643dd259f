/**
 * One client connection to the Postgres-wire front, from the first byte to the last: framing,
 * startup (SSLRequest and the TLS upgrade, GSSENCRequest, CancelRequest, StartupMessage), message
 * dispatch and the simple query, answered as `stackql srv` answers them (protocol.md §4). Over 300
 * lines because a connection's lifecycle is one state machine; answers (answer.ts), the extended
 * protocol (extended.ts) and the codec (client-messages.ts, server-messages.ts) live apart.
 *
 * Every failure stays on this connection: a statement the engine refuses is an ERROR and the session
 * goes on; a message that breaks the framing, or an unknown message type, is FATAL and closes it.
 * Messages are handled one at a time, in order; a client may pipeline as many as it likes.
 */
import { type Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { statementsOf } from '../../generator/runtime/split-queries.ts';
import type { MockEngine } from '../engine/types.ts';
import { answerStatement, errorFields, StatementError, type Answer } from './answer.ts';
import { BodyReader, ByteQueue, printable, ProtocolViolation } from './client-messages.ts';
import { ExtendedProtocol } from './extended.ts';
import { MessageWriter } from './server-messages.ts';

export const SERVER_VERSION = '150000';
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
const MAX_STARTUP_BYTES = 10_000;
const STARTUP_TIMEOUT_MS = 30_000;
/** While a statement runs, reading pauses once this much input waits behind it. */
const INPUT_HIGH_WATER = 1024 * 1024;
const FLUSH_AT = 64 * 1024;

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export interface SessionContext {
  engine: MockEngine;
  /** TLS, when configured: `mandatory` when a client CA was given. */
  tls?: { context: SecureContext; mandatory: boolean };
  /** `--pgsrv.debug.enable`: notices reach the client (and the tag is then empty). */
  debugNotices: boolean;
  /** Describe every column as text. */
  allText: boolean;
  maxMessageBytes: number;
  log?: (entry: PgLogEntry) => void;
}

export interface PgLogEntry {
  /** 'query' for a statement run; 'fatal' for a connection ended by a protocol error. */
  event: 'query' | 'fatal';
  statement?: string;
  /** In words: `3 rows`, `OK`, `ERROR <message>`, or the FATAL's `<code> <message>`. */
  outcome: string;
  ms: number;
  /** The rows a statement answered (absent for a bare `OK` and for errors). */
  rows?: number;
  /** The SQLSTATE and message the client got, for an ERROR or a FATAL. */
  code?: string;
  error?: string;
}

export class PgSession {
  private socket: Socket;
  private readonly input = new ByteQueue();
  private readonly out = new MessageWriter();
  private phase: 'startup' | 'ready' | 'closed' = 'startup';
  private pumping = false;
  private discardUntilSync = false;
  /** Bytes of an oversized message still to drop, and its type. */
  private oversized: { left: number; type: string; length: number } | undefined;
  private sslTried = false;
  private gssTried = false;
  private secure = false;
  private readonly extended = new ExtendedProtocol({
    out: this.out,
    run: (statement) => this.run(statement),
    complete: (notices) => this.complete(notices),
  });
  private readonly startupTimer: NodeJS.Timeout;
  private detach: () => void;

  constructor(
    socket: Socket,
    private readonly ctx: SessionContext,
    private readonly onClose: () => void,
  ) {
    this.socket = socket;
    this.detach = this.attach(socket);
    this.startupTimer = setTimeout(() => this.fatal('08P01', 'no startup packet within 30 s'), STARTUP_TIMEOUT_MS);
    this.startupTimer.unref();
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** Listens to a socket; gives back what stops listening (the TLS upgrade hands the socket over). */
  private attach(socket: Socket): () => void {
    socket.setNoDelay(true);
    const onData = (chunk: Buffer) => {
      this.input.push(chunk);
      if (this.pumping) {
        if (this.input.length > INPUT_HIGH_WATER + this.ctx.maxMessageBytes) socket.pause();
      } else void this.pump();
    };
    // The client half-closed: whatever it sent was all it will send.
    const onEnd = () => {
      if (this.phase !== 'closed' && !this.pumping) this.ended();
    };
    const onGone = () => this.close(true);
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('error', onGone);
    socket.on('close', onGone);
    return () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onGone);
      socket.off('close', onGone);
    };
  }

  /** Ends the session: a FATAL first when the server shuts down. */
  shutdown(): void {
    if (this.phase === 'ready' && !this.pumping) this.fatal('57P01', 'terminating connection: the mock server is shutting down');
    else this.close(true);
  }

  private close(destroy = false): void {
    if (this.phase !== 'closed') {
      this.phase = 'closed';
      clearTimeout(this.startupTimer);
      this.onClose();
    }
    if (destroy) this.socket.destroy();
    // Our side is done once what was written has gone out; a client that never closes its side
    // (allowHalfOpen) must not keep the socket.
    else this.socket.end(() => this.socket.destroy());
  }

  /** A FATAL error: sent, then the connection closes. */
  private fatal(code: string, message: string): void {
    if (this.phase === 'closed') return;
    this.out.errorResponse([
      ['S', 'FATAL'],
      ['C', code],
      ['M', message],
    ]);
    this.ctx.log?.({ event: 'fatal', outcome: `${code} ${message}`, ms: 0, code, error: message });
    void this.flush();
    this.close();
  }

  private async flush(): Promise<void> {
    if (this.out.size === 0 || this.socket.destroyed) {
      this.out.flush();
      return;
    }
    if (!this.socket.write(this.out.flush()) && !this.socket.destroyed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
    }
  }

  /** Handles every whole message waiting, in order. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.phase !== 'closed' && (await this.step())) {
        if (this.out.size >= FLUSH_AT) await this.flush();
      }
    } catch (error) {
      this.fatal('XX000', `internal error in the mock's Postgres front: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      this.pumping = false;
    }
    if (this.phase === 'closed') return;
    await this.flush();
    if (this.socket.isPaused()) this.socket.resume();
    if (this.socket.readableEnded) this.ended();
  }

  /** The client half-closed: whatever it sent is all it will send. */
  private ended(): void {
    const partial = this.input.length + (this.oversized ? this.oversized.length : 0);
    if (partial > 0) this.fatal('08P01', `the connection ended inside a message (${this.input.length} bytes of an incomplete message)`);
    else this.close();
  }

  /** One message, if a whole one is there: false when more bytes are needed. */
  private async step(): Promise<boolean> {
    if (this.oversized) return this.dropOversized();
    if (this.phase === 'startup') return this.startupStep();
    if (this.input.length < 5) return false;
    const type = String.fromCharCode(this.input.peekByte(0));
    const length = this.input.peekInt32(1);
    if (length < 4) {
      this.fatal('08P01', `invalid message length ${length} for message type '${printable(type)}'`);
      return false;
    }
    if (length - 4 > this.ctx.maxMessageBytes) {
      this.input.skip(5);
      this.oversized = { left: length - 4, type, length };
      return this.dropOversized();
    }
    if (this.input.length < 1 + length) return false;
    const body = this.input.take(1 + length).subarray(5);
    await this.message(type, body);
    return true;
  }

  /** Reads and drops an oversized message as it streams in (never buffered), then answers it. */
  private dropOversized(): boolean {
    const o = this.oversized!;
    o.left -= this.input.skip(o.left);
    if (o.left > 0) return false;
    this.oversized = undefined;
    this.out.errorResponse(errorFields('54000', `message of type '${printable(o.type)}' is ${o.length - 4} bytes, more than the ${this.ctx.maxMessageBytes}-byte limit: it was read and dropped`));
    if (o.type === 'Q') this.out.readyForQuery();
    else if (o.type !== 'S') this.discardUntilSync = true;
    else this.out.readyForQuery();
    return true;
  }

  // ---- startup ---------------------------------------------------------------------------------

  private startupStep(): boolean {
    if (this.input.length < 8) return false;
    const length = this.input.peekInt32(0);
    if (length < 8 || length > MAX_STARTUP_BYTES) {
      this.fatal('08P01', `invalid startup packet: length ${length} is outside 8..${MAX_STARTUP_BYTES}`);
      return false;
    }
    if (this.input.length < length) return false;
    const packet = this.input.take(length);
    const code = packet.readInt32BE(4);
    switch (code) {
      case SSL_REQUEST:
        return this.sslRequest(length);
      case GSSENC_REQUEST:
        if (length !== 8 || this.gssTried) return this.badStartup('a second or malformed GSSENCRequest');
        this.gssTried = true;
        this.out.single('N');
        return true;
      case CANCEL_REQUEST:
        // No BackendKeyData was ever sent, so there is nothing to cancel: StackQL just closes.
        this.close();
        return false;
    }
    const major = code >>> 16;
    const minor = code & 0xffff;
    if (major !== 3) {
      this.fatal('0A000', `unsupported frontend protocol ${major}.${minor}: the server supports 3.0`);
      return false;
    }
    if (this.ctx.tls?.mandatory && !this.secure) {
      this.fatal('28000', 'TLS with a client certificate is required: connect with sslmode=require (or stronger) and a certificate the server trusts');
      return false;
    }
    let params: Map<string, string>;
    try {
      params = startupParameters(packet.subarray(8));
    } catch (error) {
      const e = error as ProtocolViolation;
      this.fatal(e.code ?? '08P01', `invalid startup packet: ${e.message}`);
      return false;
    }
    clearTimeout(this.startupTimer);
    this.phase = 'ready';
    const user = params.get('user') ?? '';
    this.out.authenticationOk();
    for (const [name, value] of [
      ['server_encoding', 'UTF8'],
      ['client_encoding', 'UTF8'],
      ['standard_conforming_strings', 'on'],
      ['is_superuser', 'off'],
      ['session_authorization', user],
      ['server_version', SERVER_VERSION],
    ]) {
      this.out.parameterStatus(name, value);
    }
    this.out.readyForQuery();
    return true;
  }

  private badStartup(what: string): boolean {
    this.fatal('08P01', `invalid startup packet: ${what}`);
    return false;
  }

  private sslRequest(length: number): boolean {
    if (length !== 8 || this.sslTried) return this.badStartup('a second or malformed SSLRequest');
    this.sslTried = true;
    const tls = this.ctx.tls;
    if (tls === undefined) {
      this.out.single('N');
      return true;
    }
    // Bytes sent after the SSLRequest but before the handshake would be read as if encrypted
    // (CVE-2021-23214): refuse them.
    if (this.input.length > 0) return this.badStartup('data received after SSLRequest, before the TLS handshake');
    const plain = this.socket;
    // Only this session's listeners: the server's own (its count of open sockets) stay.
    this.detach();
    plain.write('S');
    const secure = new TLSSocket(plain, {
      isServer: true,
      secureContext: tls.context,
      requestCert: tls.mandatory,
      rejectUnauthorized: tls.mandatory,
    });
    this.socket = secure;
    this.secure = true;
    this.detach = this.attach(secure);
    // The TLS socket ends with the plain one; a reset of the plain one alone must end the session too.
    plain.once('close', () => this.close(true));
    return true;
  }

  // ---- messages --------------------------------------------------------------------------------

  private async message(type: string, body: Buffer): Promise<void> {
    if (type === 'X') {
      this.close();
      return;
    }
    // After an error in the extended protocol everything up to Sync is dropped.
    if (this.discardUntilSync && type !== 'S') return;
    try {
      switch (type) {
        case 'Q':
          return await this.simpleQuery(body);
        case 'P':
          return this.extended.parse(body);
        case 'B':
          return this.extended.bind(body);
        case 'D':
          return await this.extended.describe(body);
        case 'E':
          return await this.extended.execute(body);
        case 'C':
          return this.extended.close(body);
        case 'H':
          new BodyReader(body, 'Flush message').end();
          return;
        case 'S':
          new BodyReader(body, 'Sync message').end();
          this.discardUntilSync = false;
          this.extended.sync();
          this.out.readyForQuery();
          return;
        case 'd':
        case 'c':
        case 'f':
          // Copy messages outside a copy are ignored, per the protocol (StackQL does the same).
          return;
        default:
          this.fatal('08003', `unimplemented client message type: ${type.charCodeAt(0)}`);
      }
    } catch (error) {
      const { code, message } = asStatementError(error);
      this.out.errorResponse(errorFields(code, message));
      if (type === 'Q') this.out.readyForQuery();
      else this.discardUntilSync = true;
    }
  }

  private async simpleQuery(body: Buffer): Promise<void> {
    const reader = new BodyReader(body, 'Query message');
    const text = reader.cstring();
    reader.end();
    // StackQL runs only the first of the `;`-separated statements.
    const statement = statementsOf(text)[0];
    const answer = statement === undefined ? ({ kind: 'command', notices: [] } as Answer) : await this.run(statement);
    if (answer.kind === 'error') this.out.errorResponse(errorFields(answer.code, answer.message));
    else {
      if (answer.kind === 'rows') {
        this.out.rowDescription(answer.columns);
        for (const row of answer.rows) this.out.dataRow(row);
      }
      this.complete(answer.notices);
    }
    this.out.readyForQuery();
  }

  /** CommandComplete `OK`; with debug notices, the notices and an empty tag (StackQL's way). */
  private complete(notices: readonly string[]): void {
    if (this.ctx.debugNotices && notices.length > 0) {
      this.out.noticeResponse([
        ['S', 'NOTICE'],
        ['V', 'NOTICE'],
        ['C', '01000'],
        ['M', 'a notice level event has occurred'],
        ['D', notices.join('\n')],
      ]);
      this.out.commandComplete('');
    } else this.out.commandComplete('OK');
  }

  /** One statement: a housekeeping query, or the engine's. */
  private async run(statement: string): Promise<Answer> {
    const started = performance.now();
    const answer = await answerStatement(this.ctx.engine, statement, this.ctx.allText);
    if (this.ctx.log) {
      const ms = performance.now() - started;
      if (answer.kind === 'error') this.ctx.log({ event: 'query', statement, outcome: `ERROR ${answer.message}`, ms, code: answer.code, error: answer.message });
      else if (answer.kind === 'rows') this.ctx.log({ event: 'query', statement, outcome: `${answer.rows.length} rows`, ms, rows: answer.rows.length });
      else this.ctx.log({ event: 'query', statement, outcome: 'OK', ms });
    }
    return answer;
  }


}

// ---- helpers ------------------------------------------------------------------------------------

function asStatementError(error: unknown): { code: string; message: string } {
  if (error instanceof StatementError || error instanceof ProtocolViolation) return { code: error.code, message: error.message };
  // A value the runtime's quoting refuses (a NUL character) is the client's input, not a bug.
  if ((error as Error)?.name === 'StackQLRenderError') return { code: '22P02', message: (error as Error).message };
  return { code: 'XX000', message: `internal error in the mock's Postgres front: ${(error as Error)?.message ?? String(error)}` };
}

/** `key\0value\0 ... \0`: the StartupMessage's parameters. */
function startupParameters(body: Buffer): Map<string, string> {
  const r = new BodyReader(body, 'startup packet');
  const params = new Map<string, string>();
  for (;;) {
    const key = r.cstring();
    if (key === '') break;
    params.set(key, r.cstring());
  }
  r.end();
  return params;
}
