/**
 * What the server sends over the Postgres wire (v3): the backend messages a StackQL front answers
 * with. No npm package encodes result sets server-side (pg-protocol is the client direction), so
 * this is ours; its tests decode the output with pg-protocol's client parser.
 */

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
