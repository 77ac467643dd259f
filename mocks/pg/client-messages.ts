/**
 * What clients send over the Postgres wire (v3), read server-side: whole messages cut from the
 * incoming bytes, and their fields, strictly (a field past the end, a string without its zero
 * byte, invalid UTF-8 are ProtocolViolations). Framing: a startup packet is `int32 length, int32
 * code, body`; every later message is `byte type, int32 length, body`, the length counting itself
 * but not the type byte. The answers are encoded by server-messages.ts.
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

/** A message type byte as it can be shown in an error: itself when printable, else \xNN. */
export function printable(c: string): string {
  return /^[\x21-\x7e]$/.test(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
