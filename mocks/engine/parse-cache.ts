/**
 * Parsed statements by their text, least recently used first out, bounded by the bytes of text
 * held (a parsed tree is a small multiple of its text): a thousand distinct 1 MiB statements cannot
 * pin a gigabyte. A statement too large to be worth keeping is parsed every time. A hit moves the
 * entry to the back, so the statements a client repeats stay while one-off INSERTs pass through.
 */
export const PARSE_CACHE_BYTES = 4 * 1024 * 1024;
/** Larger statements are not kept: one would push out hundreds of ordinary ones. */
export const PARSE_CACHE_MAX_ENTRY = 64 * 1024;

export class ParseCache<T> {
  private readonly entries = new Map<string, T>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = PARSE_CACHE_BYTES,
    private readonly maxEntry = PARSE_CACHE_MAX_ENTRY,
  ) {}

  get(text: string): T | undefined {
    const value = this.entries.get(text);
    if (value !== undefined) {
      this.entries.delete(text);
      this.entries.set(text, value);
    }
    return value;
  }

  set(text: string, value: T): void {
    if (text.length > this.maxEntry || this.entries.has(text)) return;
    this.entries.set(text, value);
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
}
