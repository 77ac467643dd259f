/**
 * What a generated mocks entry (`mocks/handlers.ts` for the whole model, `mocks/<provider>/<service>/index.ts`
 * for one service) exports, from its service index: engines that load each service's resources
 * (its byte range of model.json: engine/model-index.ts) when a request first names it
 * (engine/lazy.ts), and msw handlers over them.
 */
import type { HttpHandler } from 'msw';
import type { Resource } from '../../generator/core/model.ts';
import { createLazyEngine, type LazyMockEngine, type ServiceIndex } from '../engine/lazy.ts';
import { modelServiceIndex, type ModelFiles } from '../engine/model-index.ts';
import type { MockOptions } from '../engine/types.ts';
import { createStackqlHandlers } from './handlers.ts';

/** Engine options (seed, strict, rowsPerScope, fixtures, ...) plus where the app sends its requests. */
export interface CreateHandlersOptions extends Omit<MockOptions, 'model'> {
  /** The middleware's base URL, e.g. 'http://localhost:8080' or '/api'. Default: any origin. */
  baseUrl?: string;
  /** Serve with this engine instead of a new one (to share its state). */
  engine?: LazyMockEngine;
}

/** msw handlers for the middleware's routes, with the engine that answers them. */
export type MockHandlers = HttpHandler[] & { readonly engine: LazyMockEngine };

export interface MockEntry {
  /** A mock engine over the entry's services: same seed, same data. */
  createEngine(options?: Omit<MockOptions, 'model'>): LazyMockEngine;
  /** `POST /stackql`, the meta routes, `/health` and the `/__mock/` control routes, answered by one engine. */
  createHandlers(options?: CreateHandlersOptions): MockHandlers;
  /**
   * One resource as the model holds it, read from its service's model (the contract suites derive
   * what they check from it); undefined when no service of the entry has it. Starts no engine.
   */
  resource(id: string): Promise<Resource | undefined>;
}

/**
 * `{ index: new URL('../../model-index.json', import.meta.url), model: new URL('../../../model.json',
 * import.meta.url), services: ['google.compute'] }`: the index is read when the first engine is made,
 * each service's range of model.json when a request first names it.
 */
export function createMockEntry(files: ModelFiles): MockEntry {
  let index: Promise<ServiceIndex> | undefined;
  const services = () => (index ??= modelServiceIndex(files));
  const createEngine = (options: Omit<MockOptions, 'model'> = {}) => createLazyEngine(options, services());
  return {
    createEngine,
    createHandlers(options: CreateHandlersOptions = {}): MockHandlers {
      const { baseUrl, engine: given, ...engineOptions } = options;
      const engine = given ?? createEngine(engineOptions);
      return Object.assign(createStackqlHandlers(engine, { baseUrl }), { engine });
    },
    async resource(id: string): Promise<Resource | undefined> {
      const key = id.split('.').slice(0, 2).join('.');
      const loaded = await services();
      const load = Object.prototype.hasOwnProperty.call(loaded, key) ? loaded[key] : undefined;
      return load === undefined ? undefined : (await load()).resources.find((r) => r.id === id);
    },
  };
}
