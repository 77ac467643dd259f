/**
 * The MSW side of the output: thin files that bind the hand-written mock runtime to the model.
 *
 *   mocks/handlers.ts                      every service: `handlers`, `createHandlers({ seed, baseUrl, strict })`,
 *                                          `createEngine`; each service read when a request first names it
 *   mocks/node.ts, mocks/browser.ts        `server = setupServer(...handlers)`, `worker = setupWorker(...handlers)`
 *   mocks/<provider>/<service>/index.ts    the same for one service (and the services its examples query)
 *   mocks/model-index.json                 where each service's resources are in model.json (a byte range), how
 *                                          many, and the services they read; model.json's size
 *   mocks/<provider>/<service>/resources.ts a typed `stackql.*`-style helper per resource of the service,
 *                                          named after it (`export const instances`), typed by its client
 *
 * The model is stored once, in model.json, and read at run time as data (engine/model-index.ts:
 * one service's byte range, from the file system in Node, with a Range request in a browser), never
 * as a module: a test runner does not transform it, and a test that imports one service's entry
 * reads that service's bytes. The entries name model-index.json, model.json and their service, so
 * they stay the same when a page is edited (only model.json and model-index.json change). The
 * emitted files import the runtime from `<out>/mock-runtime/` (see `mockRuntimeFiles`), with `.js`
 * specifiers, so the folder compiles in a user's app under `moduleResolution` node16/nodenext or
 * bundler. Everything is derived from the model alone and sorted: same model, same bytes.
 */
import { posix } from 'node:path';
import type { Model, Resource } from '../core/model.ts';
import { resourceReads } from '../core/reads.ts';
import { WRITER } from '../core/writer.ts';
import { modelTextOf } from '../model/model-text.ts';
import { NameAllocator, pascalCase, tsString } from '../core/ts-names.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortById, type ResourceHead, type ServiceNode } from './layout.ts';
import { MOCK_RUNTIME_DIR } from './runtime-bundle.ts';
import { finish, render } from './templates.ts';
export type { EmittedFile };

/** The index of the model's services that the entries read (mocks/engine/model-index.ts reads it). */
export const MODEL_INDEX_PATH = 'mocks/model-index.json';

/**
 * The mocks of a model on their own: the entries, the index, the resources' helpers and the model
 * file they read, at `modelPath` (model.json, or another file when the mock serves a model other
 * than the output's: emitAll's mockModel).
 */
export function emitHandlers(model: Model, modelPath = 'model.json'): EmittedFile[] {
  const resources = sortById(model.resources);
  const text = modelTextOf({ ...model, resources });
  const files = emitHandlerIndexes(resources.map(handlerHead), { path: modelPath, bytes: text.bytes, ranges: text.ranges });
  files.push({ path: modelPath, content: text.text });
  return files;
}

/** Where the mocks' model file is and where each resource sits in it (generator/model/model-text.ts). */
export interface ModelRanges {
  /** The model file's path in the output folder: `model.json`. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** `ranges[k]`: [start, end) of `heads[k]`'s JSON in its UTF-8 bytes. */
  ranges: ReadonlyArray<readonly [number, number]>;
}

/**
 * The files that bind many resources: the entries (every service, and each service), the index of
 * the services' byte ranges in the model file, and the setups. From the resources' heads (ids,
 * names and what each reads, in id order) and where each one is in the model file, so the
 * resources' own emit can run elsewhere and be cached.
 */
export function emitHandlerIndexes(heads: readonly HandlerHead[], model: ModelRanges): EmittedFile[] {
  const files: EmittedFile[] = [];
  const runtimeFrom = runtimeFromMocks;
  if (model.ranges.length !== heads.length) throw new Error(`internal: ${model.ranges.length} byte ranges for ${heads.length} resources`);
  const { providers } = layout(heads);

  // `provider.service` → its folder under mocks/, its resources' places in the model file, and the services they read.
  const services = new Map<string, { node: ServiceNode<HandlerHead>; dir: string; first: number; last: number }>();
  for (const p of providers) for (const s of p.services) services.set(serviceKey(p.name, s.name), { node: s, dir: `${p.dir}/${s.dir}`, first: Infinity, last: -1 });
  const serviceOfId = new Map<string, string>();
  heads.forEach((h, k) => {
    const key = serviceKey(h.provider, h.service);
    serviceOfId.set(h.id, key);
    const s = services.get(key)!;
    if (k > 0 && heads[k - 1]!.id >= h.id) throw new Error(`internal: resources not in id order at ${h.id}`);
    s.first = Math.min(s.first, k);
    s.last = Math.max(s.last, k);
  });
  const needsOf = (key: string): string[] => {
    const out = new Set<string>();
    for (const { resource } of services.get(key)!.node.resources) {
      for (const id of resource.reads ?? []) {
        const other = serviceOfId.get(id);
        if (other !== undefined && other !== key) out.add(other);
      }
    }
    return [...out].sort();
  };
  const entry = (path: string, what: string, keys?: readonly string[]): EmittedFile => ({
    path,
    content: render('handlers-aggregate', {
      runtime: runtimeFrom(path),
      what,
      index: tsString(relativeUrl(path, MODEL_INDEX_PATH)),
      model: tsString(relativeUrl(path, model.path)),
      services: keys?.map(tsString).join(', '),
    }),
  });

  const sorted = [...services].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  files.push(entry('mocks/handlers.ts', 'every service of the model'));
  const index: Record<string, ServiceRange> = {};
  for (const [key, { dir, first, last, node }] of sorted) {
    // Sorted by id, a service's resources are one run of model.json: its bytes are one range.
    if (last - first + 1 !== node.resources.length) throw new Error(`internal: the resources of ${key} are not contiguous in id order (an id that does not start with '${key}.'?)`);
    files.push(entry(`mocks/${dir}/index.ts`, `${key} (and the services it needs, as model-index.json lists them)`, [key]));
    files.push(serviceHelpers(`mocks/${dir}/resources.ts`, key, node));
    index[key] = { start: model.ranges[first]![0], end: model.ranges[last]![1], resources: node.resources.length, needs: needsOf(key) };
  }
  files.push({ path: MODEL_INDEX_PATH, content: modelIndexJson(relativeUrl(MODEL_INDEX_PATH, model.path), model.bytes, index) });
  files.push({
    path: 'mocks/node.ts',
    content: render('handlers-setup', {
      setup: 'setupServer',
      module: 'msw/node',
      name: 'server',
      doc: 'The mock in Node (tests): `server.listen()` before, `server.close()` after.',
    }),
  });
  files.push({
    path: 'mocks/browser.ts',
    content: render('handlers-setup', {
      setup: 'setupWorker',
      module: 'msw/browser',
      name: 'worker',
      doc: 'The mock in a browser: `await worker.start()` (serve msw\'s mockServiceWorker.js from the site root).',
    }),
  });
  return files;
}

/** One service in mocks/model-index.json (mocks/engine/model-index.ts ModelIndexFile). */
interface ServiceRange {
  start: number;
  end: number;
  resources: number;
  needs: string[];
}

/** The index: who wrote it, the model file (relative to the index), its size, and one service per line. */
function modelIndexJson(model: string, bytes: number, services: Record<string, ServiceRange>): string {
  const lines = Object.entries(services).map(([key, s]) => `  ${JSON.stringify(key)}: ${JSON.stringify(s)}`);
  return `{\n "writer": ${JSON.stringify(WRITER)},\n "model": ${JSON.stringify(model)},\n "bytes": ${bytes},\n "services": {${lines.length === 0 ? '' : `\n${lines.join(',\n')}\n `}}\n}\n`;
}

/** What the mock's indexes need of a resource: its names, and the other resources it reads (core/reads.ts). */
export interface HandlerHead extends ResourceHead {
  reads?: readonly string[];
}

export function handlerHead(r: Resource): HandlerHead {
  return { id: r.id, provider: r.provider, service: r.service, name: r.name, reads: resourceReads(r) };
}

const serviceKey = (provider: string, service: string) => `${provider}.${service}`;

function relativeUrl(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The names resources.ts imports: no resource's binding may take them. */
const HELPER_IMPORTS = ['defineResourceMock', 'ExecMethodOf'];

/**
 * A service's msw helpers, one `defineResourceMock` per resource (one module for the service, not a
 * file per resource: a whole provider's output was thousands of one-line files), each typed by its
 * client's Row and its EXEC methods (from the client's Methods: the names a statement carries).
 */
function serviceHelpers(path: string, key: string, service: ServiceNode<HandlerHead>): EmittedFile {
  const bindings = new NameAllocator(HELPER_IMPORTS);
  const types = new NameAllocator();
  const up = '../'.repeat(path.split('/').length - 1);
  const resources = service.resources.map((r) => {
    const binding = bindings.take(r.binding);
    return {
      idLiteral: tsString(r.resource.id),
      client: tsString(`${up}clients/${r.path}.js`),
      binding,
      execType: types.take(`${pascalCase(r.resource.name)}ExecMethod`, ''),
    };
  });
  return {
    path,
    content: finish(render('handlers-resource', { runtime: `${runtimeFromMocks(path)}/msw/index.js`, service: key.replace(/[\r\n\u2028\u2029]+/g, ' '), resources })),
  };
}

function runtimeFromMocks(path: string): string {
  return posix.relative(posix.dirname(path), MOCK_RUNTIME_DIR) || '.';
}
