/**
 * The MSW side of the output: thin files that bind the hand-written mock runtime to the model.
 *
 *   mocks/handlers.ts                      every service: `handlers`, `createHandlers({ seed, baseUrl, strict })`,
 *                                          `createEngine`; each service's model.json loaded when a request first names it
 *   mocks/node.ts, mocks/browser.ts        `server = setupServer(...handlers)`, `worker = setupWorker(...handlers)`
 *   mocks/<provider>/<service>/index.ts    the same for one service (and the services its examples query)
 *   mocks/<provider>/<service>/model.json  the service's resources as the engine needs them (compactModel), read at run time
 *   mocks/<provider>/<service>/<name>.ts   a typed `stackql.*`-style helper bound to one resource
 *
 * The model is data read at run time (engine/load-json.ts: the file system in Node, fetch in a
 * browser), never a module: a test runner does not transform it, and a test that imports one
 * service's entry reads one service's file. The emitted files import the runtime from
 * `<out>/mock-runtime/` (see `mockRuntimeFiles`), with `.js` specifiers, so the folder compiles in
 * a user's app under `moduleResolution` node16/nodenext or bundler. Everything is derived from the
 * model alone and sorted: same model, same bytes.
 */
import { posix } from 'node:path';
import type { Model, Resource } from '../core/model.ts';
import { resourceReads } from '../core/reads.ts';
import { pascalCase, safeBindingName, tsString, docText } from '../core/ts-names.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortById, upFrom, type ResourceHead, type ServiceNode } from './layout.ts';
import { MOCK_RUNTIME_DIR } from './runtime-bundle.ts';
import { render } from './templates.ts';
export type { EmittedFile };

export function emitHandlers(model: Model): EmittedFile[] {
  const resources = sortById(model.resources);
  const paths = layout(resources).paths;
  const files = emitHandlerIndexes(resources.map(handlerHead), resources.map(compactJson));
  for (const r of resources) files.push(emitHandlerResource(r, paths.get(r.id)!));
  return files;
}

/** One resource's msw helper, at its place in the layout. */
export function emitHandlerResource(r: Resource, path: string): EmittedFile {
  return { path: `mocks/${path}.ts`, content: emitResource(r, path) };
}

/** One resource as its service's model.json holds it (compactResource, one line of JSON). */
export function compactJson(r: Resource): string {
  return JSON.stringify(compactResource(r));
}

/**
 * The files that bind many resources: the entries (every service, and each service with the
 * services it reads), each service's model.json, and the setups. From the resources' heads (ids,
 * names and what each reads) and each one's compact JSON (`compact[k]` is `heads[k]`'s), so the
 * resources' own emit can run elsewhere and be cached.
 */
export function emitHandlerIndexes(heads: readonly HandlerHead[], compact: readonly string[]): EmittedFile[] {
  const files: EmittedFile[] = [];
  const runtimeFrom = (path: string) => posix.relative(posix.dirname(path), MOCK_RUNTIME_DIR) || '.';
  const compactOf = new Map(heads.map((h, k) => [h.id, compact[k]!]));
  const { providers } = layout(heads);

  // `provider.service` → its folder under mocks/, and the services its examples and views read.
  const services = new Map<string, { node: ServiceNode<HandlerHead>; dir: string }>();
  for (const p of providers) for (const s of p.services) services.set(serviceKey(p.name, s.name), { node: s, dir: `${p.dir}/${s.dir}` });
  const serviceOfId = new Map<string, string>();
  for (const h of heads) serviceOfId.set(h.id, serviceKey(h.provider, h.service));
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
  const closure = (key: string): string[] => {
    const seen = new Set<string>([key]);
    const todo = [key];
    while (todo.length > 0) for (const n of needsOf(todo.pop()!)) if (!seen.has(n)) (seen.add(n), todo.push(n));
    return [...seen].sort();
  };
  const entry = (path: string, keys: readonly string[], what: string, resourceCount: number): EmittedFile => ({
    path,
    content: render('handlers-aggregate', {
      runtime: runtimeFrom(path),
      what,
      resourceCount,
      serviceCount: keys.length,
      chunks: keys.map((k) => ({ key: tsString(k), url: tsString(relativeUrl(path, `mocks/${services.get(k)!.dir}/model.json`)) })),
    }),
  });

  files.push(entry('mocks/handlers.ts', [...services.keys()].sort(), 'every service of the model', heads.length));
  for (const [key, { node, dir }] of [...services].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const keys = closure(key);
    const own = node.resources.map((n) => compactOf.get(n.resource.id)!);
    files.push(entry(`mocks/${dir}/index.ts`, keys, keys.length > 1 ? `${key} (and ${keys.filter((k) => k !== key).join(', ')}, which its examples query)` : key, own.length));
    files.push({ path: `mocks/${dir}/model.json`, content: serviceModelJson(own, needsOf(key)) });
  }
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

/**
 * One service's chunk (engine/lazy.ts ServiceModel): its resources as compactModel keeps them
 * (`compact`: compactJson of each, in id order), one per line, and the services they read. Plain
 * JSON, read at run time.
 */
export function serviceModelJson(compact: readonly string[], needs: readonly string[]): string {
  return `{"needs":${JSON.stringify(needs)},"resources":[\n${compact.join(',\n')}\n]}\n`;
}

/** One resource's msw helper, typed by the client's Row (every column optional, as a SELECT may project). */
function emitResource(r: Resource, path: string): string {
  const base = pascalCase(r.name);
  const execMethods = [...new Set(r.methods.filter((m) => m.verb === 'exec').map((m) => m.name))].sort();
  return render('handlers-resource', {
    runtime: `${upFrom(path)}${MOCK_RUNTIME_DIR}`,
    client: `${upFrom(path)}clients/${path}.js`,
    id: r.id.replace(/\*\//g, '*\\/'),
    idLiteral: tsString(r.id),
    title: r.title && r.title !== r.name ? docText(r.title, 80) : '',
    binding: safeBindingName(r.name),
    execType: `${base}ExecMethod`,
    execUnion: execMethods.length > 0 ? execMethods.map(tsString).join(' | ') : 'never',
  });
}

/**
 * What the engine and the contract suites need of the model: the model-wide diagnostics go, and
 * so do a resource's permissions and a view's definitions the engine does not run (it runs the
 * SQLite one, or the only one: mocks/engine/view.ts, read with viewStatement). The examples stay
 * whole (text and parse errors): a contract suite derives what it checks from them at run time
 * (mocks/contract/suite.ts deriveContractSpec). Resources are sorted by id.
 */
export function compactModel(model: Model, resources: readonly Resource[] = model.resources): Model {
  return {
    version: model.version,
    summary: model.summary,
    diagnostics: [],
    resources: resources.map(compactResource),
  };
}

/** One resource as the engine and the suites need it (see compactModel). */
export function compactResource(r: Resource): Resource {
  const { permissions: _permissions, view, ...rest } = r;
  const out: Resource = rest;
  if (view) out.view = { ...view, definitions: view.definitions.map((d) => (/sqlite/i.test(d.backend) || view.definitions.length === 1 ? d : { backend: d.backend, sql: '', line: d.line })) };
  return out;
}
