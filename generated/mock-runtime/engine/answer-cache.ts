/**
 * SELECT answers kept for one state of the store. The mock is deterministic: the same statement
 * over the same rows gives the same answer, so while the store's version (store.ts: bumped by
 * every write, reset and fixture load) has not moved, a SELECT sent again is answered from here:
 * no parse, no plan, no row reads, and its rows' JSON text is already made. A new version empties
 * the cache at the first look, so a stale answer can never be read.
 *
 * Only answers that depend on nothing but the statement and the rows are kept (the executor
 * decides: SELECTs that needed no SQLite, with no override in force, that changed nothing, never
 * errors). Bounded by the bytes of text held, least recently used first out; an answer too large
 * to be worth keeping is computed every time.
 *
 * A statement's answer is kept from its second sighting on (as the parse cache does): a client that
 * reads a different key every time would otherwise fill the cache with answers never asked for
 * again, and pay for copying, keeping and collecting them. The keys seen once are remembered in a
 * smaller set, emptied when it outgrows its share.
 */
import type { MockResponse, ResultColumn, Row } from './types.js';

export const ANSWER_CACHE_BYTES = 8 * 1024 * 1024;
/** Larger answers are not kept: one would push out hundreds of ordinary ones. */
export const ANSWER_CACHE_MAX_ENTRY = 256 * 1024;

export interface CachedAnswer {
  /** The rows as answered (never handed out: callers get copies, see copyRows). */
  rows: readonly Row[];
  columns: ResultColumn[] | undefined;
  /** JSON.stringify(rows). */
  json: string;
}

export class AnswerCache {
  private entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  private version = -1;
  private seenOnce = new Set<string>();
  private seenBytes = 0;
  /** The most recently used key: asked again (a client repeating one SELECT), it needs no move to the end. */
  private newest: string | undefined;

  constructor(
    private readonly maxBytes = ANSWER_CACHE_BYTES,
    private readonly maxEntry = ANSWER_CACHE_MAX_ENTRY,
  ) {}

  /** The answer kept for `key` at store version `version`. */
  get(key: string, version: number): CachedAnswer | undefined {
    if (version !== this.version) {
      this.clear(version);
      return undefined;
    }
    const entry = this.entries.get(key);
    if (entry !== undefined && key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newest = key;
    }
    return entry;
  }

  /** Whether an answer for `key` is worth keeping: true from its second sighting on (see the module comment). */
  admits(key: string): boolean {
    if (key.length > this.maxEntry) return false;
    if (this.seenOnce.delete(key)) {
      this.seenBytes -= key.length;
      return true;
    }
    if (this.seenBytes + key.length > this.maxBytes / 4) {
      this.seenOnce = new Set();
      this.seenBytes = 0;
    }
    this.seenOnce.add(key);
    this.seenBytes += key.length;
    return false;
  }

  /** Keeps an answer computed at `version` (a store that moved on since gets nothing kept). */
  set(key: string, version: number, answer: CachedAnswer): void {
    if (version !== this.version) this.clear(version);
    const size = key.length + answer.json.length;
    if (size > this.maxEntry || this.entries.has(key)) return;
    this.entries.set(key, answer);
    this.newest = key;
    this.bytes += size;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= oldKey.length + old.json.length;
    }
  }

  /** Drops every answer (the catalog or the overrides changed: the version alone does not say so). */
  clear(version = -1): void {
    if (this.entries.size > 0) this.entries = new Map();
    this.newest = undefined;
    this.bytes = 0;
    this.version = version;
  }

  /** Text bytes held (UTF-16 code units). */
  get size(): number {
    return this.bytes;
  }
}

const texts = new WeakMap<object, string>();

/**
 * A response that carries its text (a transport's answer, answer.ts): in a private field, so the
 * response's own properties are those of any other, and with no WeakMap entry to make and collect.
 */
export abstract class TextAnswer {
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  static textOf(response: object): string | undefined {
    return #text in response ? response.#text : undefined;
  }
}

/**
 * `JSON.stringify(response.body)` when the engine made it already (a statement's answer, whose
 * rows' text may come from the cache), for a transport to send instead of serialising the body.
 * Kept beside the response (or in a private field of a TextAnswer), not in its properties, so the
 * response is the same object either way.
 */
export function answerText(response: MockResponse): string | undefined {
  return TextAnswer.textOf(response) ?? texts.get(response);
}

/** Notes a response's JSON text (exactly JSON.stringify(response.body)). */
export function withText(response: MockResponse, text: string): MockResponse {
  texts.set(response, text);
  return response;
}

/** A cached answer's rows for a caller: fresh row objects (values shared, as every answer's are with the store). */
export function copyRows(rows: readonly Row[]): Row[] {
  const out: Row[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = { ...rows[i] };
  return out;
}
