/**
 * Parsed statements by their text, least recently used first out, bounded by the bytes of text
 * held (a parsed tree is a small multiple of its text): a thousand distinct 1 MiB statements cannot
 * pin a gigabyte. A statement too large to be worth keeping is parsed every time.
 *
 * A statement is kept from its second sighting on: clients send the same SELECT (or the same
 * INSERT with `params`) again and again, but an INSERT with its values written in is new every
 * time, and admitting those would push the repeated ones out. The texts seen once are remembered
 * in a smaller set, emptied when it outgrows its share.
 */
export const PARSE_CACHE_BYTES = 4 * 1024 * 1024;
/** Larger statements are not kept: one would push out hundreds of ordinary ones. */
export const PARSE_CACHE_MAX_ENTRY = 64 * 1024;

export class ParseCache<T> {
  private readonly entries = new Map<string, T>();
  private bytes = 0;
  /** The most recently used key: asked again (a client repeating one statement or shape), it needs no move to the end. */
  private newest: string | undefined;
  private readonly seenOnce = new Set<string>();
  private seenBytes = 0;

  constructor(
    private readonly maxBytes = PARSE_CACHE_BYTES,
    private readonly maxEntry = PARSE_CACHE_MAX_ENTRY,
  ) {}

  get(text: string): T | undefined {
    const value = this.entries.get(text);
    if (value !== undefined && text !== this.newest) {
      this.entries.delete(text);
      this.entries.set(text, value);
      this.newest = text;
    }
    return value;
  }

  /** Offers a parsed statement: kept when the text was offered before (see the module comment). */
  set(text: string, value: T): void {
    if (text.length > this.maxEntry || this.entries.has(text)) return;
    if (!this.seenOnce.delete(text)) {
      if (this.seenBytes + text.length > this.maxBytes / 4) {
        this.seenOnce.clear();
        this.seenBytes = 0;
      }
      this.seenOnce.add(text);
      this.seenBytes += text.length;
      return;
    }
    this.seenBytes -= text.length;
    this.entries.set(text, value);
    this.newest = text;
    this.bytes += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= oldest.length;
    }
  }

  /** Text bytes held (UTF-16 code units). */
  get size(): number {
    return this.bytes;
  }

  has(text: string): boolean {
    return this.entries.has(text);
  }

  /** Whether the next `set` of this text will keep it (it was offered once already). */
  offeredOnce(text: string): boolean {
    return this.seenOnce.has(text);
  }
}
