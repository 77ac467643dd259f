/**
 * An engine that loads a provider's services when a request first names them, so a test that
 * uses one service parses that service's model and no other (google: one service of 300).
 *
 * The generated mocks give it a service index: `provider.service` → a loader of that service's
 * resources and the services they also read (model-index.ts: a byte range of model.json), or a
 * promise of one (the index file is read first). Before each request the text
 * of the path and body is scanned for `provider.service` names (StackQL names are always
 * qualified) and those services are loaded first; a loaded superset is harmless, a missing one
 * would be an "unknown resource". Requests that list things (`SHOW PROVIDERS`, `SHOW SERVICES IN
 * p`, `REGISTRY`, `GET /providers`, `/__mock/state` without a resource) load every service of
 * the index. The synchronous calls (`override`, `load`, `snapshot(id)`) cannot wait: on a service
 * not loaded yet (or before the index is known) they throw, naming `await engine.ready(id)`.
 */
import { MODEL_VERSION, type Resource } from '../../core/model.js';
import { createMockEngine } from './index.js';
import type { Fixtures, MockEngine, MockOptions, QueryRequest, ResourceOverride } from './types.js';

/** One service's part of the model: its resources, as model.json holds them. */
export interface ServiceModel {
  resources: Resource[];
  /** Other `provider.service` keys whose resources this one's read (examples' targets, views' bases): loaded with it. */
  needs?: string[];
}

/** `provider.service` → its resources. The loaders are shared by every engine made from one index. */
export type ServiceIndex = Readonly<Record<string, () => Promise<ServiceModel>>>;

export interface LazyMockEngine extends MockEngine {
  /**
   * Loads the services of these resource (or `provider.service`) ids, or every service of the
   * index when none is given. Requests do this on their own; call it before `override`, `load` or
   * `snapshot(id)` on a service no request has touched.
   */
  ready(...ids: string[]): Promise<void>;
  /** The `provider.service` keys loaded so far, sorted. */
  loadedServices(): string[];
}

const NAME_PAIR = /([A-Za-z_][\w-]*)\s*\.\s*([A-Za-z_][\w-]*)/g;
const LISTING_STATEMENT = /^\s*(?:\/\*.*?\*\/\s*)*(show|registry)\b/i;

export function createLazyEngine(options: Omit<MockOptions, 'model'>, index: ServiceIndex | PromiseLike<ServiceIndex>): LazyMockEngine {
  const { fixtures, ...rest } = options;
  const engine = createMockEngine({ ...rest, model: { version: MODEL_VERSION, summary: { pages: 0, resources: 0, skipped: {}, methods: 0, examples: 0 }, diagnostics: [], resources: [] } });
  // Known once the index is: every use below runs after `known` (through `initial`) or checks it.
  let services: ServiceIndex = {};
  let keyOf: Map<string, string> | undefined;
  const accept = (given: ServiceIndex) => {
    services = given;
    keyOf = new Map(Object.keys(given).map((k) => [k.toLowerCase(), k]));
  };
  const known = typeof (index as PromiseLike<ServiceIndex>).then === 'function' ? Promise.resolve(index).then(accept) : Promise.resolve(accept(index as ServiceIndex));
  const keyMap = () => keyOf ?? new Map<string, string>();
  const loaded = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Loads the keys and what they need, adding them to the engine in one call (so no view is derived in place of a resource loaded later). */
  const load = (keys: Iterable<string>): Promise<void> => {
    const wanted = [...keys].filter((k) => !loaded.has(k));
    if (wanted.length === 0) return queue.then(() => undefined);
    const next = queue.then(async () => {
      const chunks = new Map<string, ServiceModel>();
      const todo = wanted.filter((k) => !loaded.has(k));
      while (todo.length > 0) {
        const k = todo.pop()!;
        if (loaded.has(k) || chunks.has(k)) continue;
        const chunk = await services[k]!();
        chunks.set(k, chunk);
        for (const n of chunk.needs ?? []) if (keyMap().has(n.toLowerCase())) todo.push(keyMap().get(n.toLowerCase())!);
      }
      if (chunks.size === 0) return;
      engine.addResources([...chunks.values()].flatMap((c) => c.resources));
      for (const k of chunks.keys()) loaded.add(k);
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const keysNamed = (text: string): string[] => {
    const found = new Set<string>();
    for (const m of text.replace(/\\?["`]/g, '').matchAll(NAME_PAIR)) {
      const key = keyMap().get(`${m[1]}.${m[2]}`.toLowerCase());
      if (key !== undefined) found.add(key);
    }
    return [...found];
  };
  const all = () => load(keyMap().values());

  const ensureQuery = (query: string): Promise<void> => {
    const named = keysNamed(query);
    return named.length === 0 && LISTING_STATEMENT.test(query) ? all() : load(named);
  };
  const ensureRoute = (method: string, path: string, body?: string): Promise<void> => {
    const pathname = path.split('?')[0]!.replace(/\/+$/, '');
    const meta = /^\/providers(?:\/([^/]+)\/services(?:\/([^/]+))?)?/.exec(pathname);
    if (meta) return meta[2] !== undefined ? load(keysNamed(`${decodeURIComponent(meta[1]!)}.${decodeURIComponent(meta[2])}`)) : all();
    if (pathname === '/__mock/state' && !/[?&]resource=/.test(path)) return all();
    const named = keysNamed(`${decodeURIComponent(path)} ${body ?? ''}`);
    if (named.length > 0) return load(named);
    if (method.toUpperCase() === 'POST' && pathname.endsWith('/stackql') && body !== undefined) {
      try {
        const query = (JSON.parse(body) as { query?: unknown }).query;
        if (typeof query === 'string' && LISTING_STATEMENT.test(query)) return all();
      } catch {
        // Not JSON: the engine answers that.
      }
    }
    return load([]);
  };
  const serviceOf = (id: string): string | undefined => keyMap().get(id.split('.').slice(0, 2).join('.').toLowerCase());
  const mustBeLoaded = (id: string, what: string): void => {
    if (keyOf === undefined) throw new TypeError(`${what}: the mock's service index is not read yet, so '${id}' is not loaded; await engine.ready('${id}') first (requests load their services on their own)`);
    const key = serviceOf(id);
    if (key !== undefined && !loaded.has(key)) {
      throw new TypeError(`${what}: service '${key}' of '${id}' is not loaded yet; await engine.ready('${id}') first (requests load their services on their own)`);
    }
  };

  const initial = known.then(() => (fixtures === undefined ? undefined : load(Object.keys(fixtures).flatMap((id) => serviceOf(id) ?? [])).then(() => engine.load(fixtures))));
  initial.catch(() => undefined);

  return {
    ...engine,
    handle: async (method, path, rawBody) => {
      await initial;
      await ensureRoute(method, path, rawBody);
      return engine.handle(method, path, rawBody);
    },
    query: async (request: QueryRequest) => {
      await initial;
      if (request && typeof request.query === 'string') await ensureQuery(request.query);
      return engine.query(request);
    },
    statement: async (query: string) => {
      await initial;
      await ensureQuery(String(query));
      return engine.statement(query);
    },
    snapshot: (resourceId?: string) => {
      if (resourceId !== undefined) mustBeLoaded(resourceId, 'snapshot');
      return engine.snapshot(resourceId);
    },
    override: (resourceId: string, override: ResourceOverride | undefined) => {
      mustBeLoaded(resourceId, 'override');
      engine.override(resourceId, override);
    },
    load: (more: Fixtures) => {
      if (typeof more === 'object' && more !== null) for (const id of Object.keys(more)) mustBeLoaded(id, 'fixtures');
      engine.load(more);
    },
    async ready(...ids: string[]): Promise<void> {
      await initial;
      if (ids.length === 0) return all();
      const keys = ids.map((id) => {
        const key = serviceOf(id);
        if (key === undefined) throw new TypeError(`'${id}' names no service of this mock (${keyMap().size} services)`);
        return key;
      });
      return load(keys);
    },
    loadedServices: () => [...loaded].sort(),
  };
}

/**
 * An index whose loaders run at most once, their result shared by every engine made from it (a
 * contract run makes an engine per suite); a failed load is tried again on the next call.
 */
export function serviceIndex(loaders: Readonly<Record<string, () => Promise<ServiceModel>>>): ServiceIndex {
  const cache = new Map<string, Promise<ServiceModel>>();
  const index: Record<string, () => Promise<ServiceModel>> = {};
  for (const [key, read] of Object.entries(loaders)) {
    index[key] = () => {
      let chunk = cache.get(key);
      if (chunk === undefined) {
        chunk = read();
        cache.set(key, chunk);
        chunk.catch(() => cache.delete(key));
      }
      return chunk;
    };
  }
  return index;
}
