/**
 * The server side of the Postgres wire protocol (v3), as much as a StackQL front needs: framing of
 * what clients send (startup packets and typed messages) and the encoding of what the server
 * answers. No npm package encodes result sets server-side (pg-protocol is the client direction),
 * so this is ours; its tests decode our output with pg-protocol's client parser.
 *
 * Frontend framing: a startup packet is `int32 length, int32 code, body`; every later message is
 * `byte type, int32 length, body`, the length counting itself but not the type byte.
 */

/** A message that breaks the framing or the field layout: the session answers it and goes on or ends. */
export class ProtocolViolation extends Error {
  constructor(
    message: string,
    /** SQLSTATE: 08P01 protocol_violation, 22021 bad UTF-8, 54000 too large. */
    readonly code = '08P01',
  ) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8, refusing invalid byte sequences (22021) instead of replacing them. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  // ASCII, the common case, needs no validation.
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ProtocolViolation(`invalid byte sequence for encoding "UTF8" in ${what}`, '22021');
  }
}

/** Reads the fields of one message body, in order; running past its end is a violation. */
export class BodyReader {
  private offset = 0;

  constructor(
    private readonly body: Buffer,
    /** Names the message in errors: "Bind message". */
    private readonly what: string,
  ) {}

  private need(n: number): void {
    if (this.offset + n > this.body.length) throw new ProtocolViolation(`insufficient data left in ${this.what}`);
  }

  int16(): number {
    this.need(2);
    const v = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  bytes(n: number): Buffer {
    if (n < 0) throw new ProtocolViolation(`invalid length ${n} in ${this.what}`);
    this.need(n);
    const v = this.body.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }

  byte(): number {
    this.need(1);
    return this.body[this.offset++];
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.body.indexOf(0, this.offset);
    if (end < 0) throw new ProtocolViolation(`invalid string in ${this.what}: no terminating zero byte`);
    const v = decodeUtf8(this.body.subarray(this.offset, end), this.what);
    this.offset = end + 1;
    return v;
  }

  /** The message must end here. */
  end(): void {
    if (this.offset !== this.body.length) throw new ProtocolViolation(`invalid ${this.what}: ${this.body.length - this.offset} bytes left over`);
  }
}

/**
 * Incoming bytes, queued as they arrive, read off as whole messages. Chunks are only concatenated
 * when a message spans them.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private head = 0;
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** The byte at `i` from the front, without consuming. */
  peekByte(i: number): number {
    let at = this.head + i;
    for (const c of this.chunks) {
      if (at < c.length) return c[at];
      at -= c.length;
    }
    throw new RangeError('peek past the end');
  }

  peekInt32(i: number): number {
    return ((this.peekByte(i) << 24) | (this.peekByte(i + 1) << 16) | (this.peekByte(i + 2) << 8) | this.peekByte(i + 3)) | 0;
  }

  /** Removes and returns the first `n` bytes (n ≤ length). */
  take(n: number): Buffer {
    const first = this.chunks[0];
    let out: Buffer;
    if (first !== undefined && first.length - this.head >= n) {
      out = first.subarray(this.head, this.head + n);
      this.head += n;
      if (this.head === first.length) {
        this.chunks.shift();
        this.head = 0;
      }
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0];
        const copied = c.copy(out, filled, this.head, Math.min(c.length, this.head + (n - filled)));
        filled += copied;
        this.head += copied;
        if (this.head === c.length) {
          this.chunks.shift();
          this.head = 0;
        }
      }
    }
    this.length -= n;
    return out;
  }

  /** Drops up to `n` bytes; returns how many were dropped. */
  skip(n: number): number {
    const dropped = Math.min(n, this.length);
    let left = dropped;
    while (left > 0) {
      const c = this.chunks[0];
      const here = Math.min(c.length - this.head, left);
      this.head += here;
      left -= here;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.length -= dropped;
    return dropped;
  }
}

// ---- what the server sends -------------------------------------------------------------------

/** One column of a RowDescription. */
export interface WireColumn {
  name: string;
  oid: number;
}

/** Error and notice fields by their one-letter code (S, V, C, M, D, ...), in the order given. */
export type Fields = ReadonlyArray<readonly [code: string, value: string]>;

/**
 * Backend messages appended to one growing buffer, sent with one socket write per batch of
 * answers: a result set of many rows costs one syscall, not one per row.
 */
export class MessageWriter {
  private buf = Buffer.allocUnsafe(16 * 1024);
  private used = 0;

  get size(): number {
    return this.used;
  }

  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.used + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }

  /** Everything written so far; the writer starts over empty. */
  flush(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.used));
    this.used = 0;
    if (this.buf.length > 1024 * 1024) this.buf = Buffer.allocUnsafe(16 * 1024);
    return out;
  }

  private begin(type: string): number {
    this.room(5);
    this.buf[this.used] = type.charCodeAt(0);
    const at = this.used + 1;
    this.used += 5;
    return at;
  }

  private finish(lengthAt: number): void {
    this.buf.writeInt32BE(this.used - lengthAt, lengthAt);
  }

  private int16(v: number): void {
    this.room(2);
    this.buf.writeInt16BE(v, this.used);
    this.used += 2;
  }

  private int32(v: number): void {
    this.room(4);
    this.buf.writeInt32BE(v, this.used);
    this.used += 4;
  }

  private cstring(text: string): void {
    // A NUL inside would end the string early and break the framing of everything after it.
    if (text.includes('\0')) text = text.replaceAll('\0', '\uFFFD');
    const n = Buffer.byteLength(text);
    this.room(n + 1);
    this.buf.write(text, this.used, 'utf8');
    this.used += n;
    this.buf[this.used++] = 0;
  }

  private bare(type: string): this {
    this.finish(this.begin(type));
    return this;
  }

  /** One unframed byte: the answer to SSLRequest and GSSENCRequest ('S' or 'N'). */
  single(byte: 'S' | 'N'): this {
    this.room(1);
    this.buf[this.used++] = byte.charCodeAt(0);
    return this;
  }

  authenticationOk(): this {
    const at = this.begin('R');
    this.int32(0);
    this.finish(at);
    return this;
  }

  parameterStatus(name: string, value: string): this {
    const at = this.begin('S');
    this.cstring(name);
    this.cstring(value);
    this.finish(at);
    return this;
  }

  /** 'I' idle; the mock has no transaction blocks, so never 'T' or 'E'. */
  readyForQuery(status: 'I' | 'T' | 'E' = 'I'): this {
    const at = this.begin('Z');
    this.room(1);
    this.buf[this.used++] = status.charCodeAt(0);
    this.finish(at);
    return this;
  }

  /** Per column: table OID 0, attnum 0, type OID, size 1024, typmod -1, text format (StackQL's layout). */
  rowDescription(columns: readonly WireColumn[]): this {
    const at = this.begin('T');
    this.int16(columns.length);
    for (const c of columns) {
      this.cstring(c.name);
      this.int32(0);
      this.int16(0);
      this.int32(c.oid);
      this.int16(1024);
      this.int32(-1);
      this.int16(0);
    }
    this.finish(at);
    return this;
  }

  /** Text-format values; null is SQL NULL (length -1). */
  dataRow(values: ReadonlyArray<string | null>): this {
    const at = this.begin('D');
    this.int16(values.length);
    for (const v of values) {
      if (v === null) {
        this.int32(-1);
        continue;
      }
      const n = Buffer.byteLength(v);
      this.room(4 + n);
      this.buf.writeInt32BE(n, this.used);
      this.buf.write(v, this.used + 4, 'utf8');
      this.used += 4 + n;
    }
    this.finish(at);
    return this;
  }

  commandComplete(tag: string): this {
    const at = this.begin('C');
    this.cstring(tag);
    this.finish(at);
    return this;
  }

  private fields(type: 'E' | 'N', fields: Fields): this {
    const at = this.begin(type);
    for (const [code, value] of fields) {
      this.room(1);
      this.buf[this.used++] = code.charCodeAt(0);
      this.cstring(value);
    }
    this.room(1);
    this.buf[this.used++] = 0;
    this.finish(at);
    return this;
  }

  errorResponse(fields: Fields): this {
    return this.fields('E', fields);
  }

  noticeResponse(fields: Fields): this {
    return this.fields('N', fields);
  }

  parameterDescription(oids: readonly number[]): this {
    const at = this.begin('t');
    this.int16(oids.length);
    for (const oid of oids) this.int32(oid);
    this.finish(at);
    return this;
  }

  parseComplete(): this {
    return this.bare('1');
  }

  bindComplete(): this {
    return this.bare('2');
  }

  closeComplete(): this {
    return this.bare('3');
  }

  noData(): this {
    return this.bare('n');
  }

  portalSuspended(): this {
    return this.bare('s');
  }

  emptyQueryResponse(): this {
    return this.bare('I');
  }
}
