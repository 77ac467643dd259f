/**
 * The page's side of split-model.ts: fetches the index, then a resource's chunk (and the chunks it
 * needs) when the user picks it, and adds them to the running engine. Loads run one after another,
 * so a quick change of pick never adds a resource twice.
 */
import type { Resource } from '../../generator/core/model.ts';
import { decodeResource } from '../../generator/core/model-codec.ts';
import type { MockEngine } from '../engine/types.ts';
import { chunkFile, INDEX_FILE, type BrowserIndex, type ResourceChunk } from './split-model.ts';

async function fetchJson<T>(url: URL): Promise<{ value: T; bytes: number }> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${url.pathname}: HTTP ${res.status}`);
  const buffer = await res.arrayBuffer();
  try {
    return { value: JSON.parse(new TextDecoder().decode(buffer)) as T, bytes: buffer.byteLength };
  } catch (error) {
    throw new Error(`${url.pathname} is not JSON: ${(error as Error).message}`);
  }
}

export class ResourceLoader {
  /** Bytes of model fetched so far (index and chunks). */
  bytes = 0;
  private readonly loaded = new Map<number, Resource>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly base: URL,
    private readonly engine: MockEngine,
    readonly index: BrowserIndex,
  ) {}

  static async open(base: URL, engine: MockEngine): Promise<ResourceLoader> {
    const { value, bytes } = await fetchJson<BrowserIndex>(new URL(INDEX_FILE, base));
    const loader = new ResourceLoader(base, engine, value);
    loader.bytes = bytes;
    return loader;
  }

  get loadedCount(): number {
    return this.loaded.size;
  }

  /** The resource of chunk `n`, in the engine with the resources its examples query. */
  load(n: number): Promise<Resource> {
    const next = this.queue.then(() => this.loadNow(n));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async loadNow(n: number): Promise<Resource> {
    const fetched = new Map<number, ResourceChunk>();
    const todo = [n];
    while (todo.length > 0) {
      const k = todo.pop()!;
      if (this.loaded.has(k) || fetched.has(k)) continue;
      const { value, bytes } = await fetchJson<ResourceChunk>(new URL(chunkFile(k), this.base));
      this.bytes += bytes;
      // A chunk's resource is stored as model.json stores one (bundle.ts): decoded here.
      fetched.set(k, { ...value, resource: decodeResource(value.resource) });
      todo.push(...value.needs);
    }
    if (fetched.size > 0) {
      this.engine.addResources([...fetched.values()].map((c) => c.resource));
      for (const [k, chunk] of fetched) this.loaded.set(k, chunk.resource);
    }
    return this.loaded.get(n)!;
  }
}
