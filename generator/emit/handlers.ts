/**
 * The MSW side of the output: thin files that bind the hand-written mock runtime to the model.
 *
 *   mocks/model.ts                         the model the engine needs (compact, parsed once)
 *   mocks/handlers.ts                      `handlers`, `createHandlers({ seed, baseUrl, strict })`, `createEngine`
 *   mocks/node.ts, mocks/browser.ts        `server = setupServer(...handlers)`, `worker = setupWorker(...handlers)`
 *   mocks/<provider>/<service>/<name>.ts   a typed `stackql.*`-style helper bound to one resource
 *
 * The emitted files import the runtime from `<out>/mock-runtime/` (see `mockRuntimeFiles`), with
 * `.js` specifiers, so the folder compiles in a user's app under `moduleResolution` node16/nodenext
 * or bundler. Everything is derived from the model alone and sorted: same model, same bytes.
 */
import { posix } from 'node:path';
import type { Example, Model, Resource } from '../core/model.ts';
import { pascalCase, safeBindingName, tsString, docText } from './names.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortById, upFrom } from './layout.ts';
import { MOCK_RUNTIME_DIR } from './runtime-bundle.ts';
import { render } from './templates.ts';
export type { EmittedFile };

export function emitHandlers(model: Model): EmittedFile[] {
  const resources = sortById(model.resources);
  const paths = layout(resources).paths;
  const compact = resources.map((r) => JSON.stringify(compactResource(r)));
  const files = emitHandlerIndexes(model, compact);
  for (const r of resources) files.push(emitHandlerResource(r, paths.get(r.id)!));
  return files;
}

/** One resource's msw helper, at its place in the layout. */
export function emitHandlerResource(r: Resource, path: string): EmittedFile {
  return { path: `mocks/${path}.ts`, content: emitResource(r, path) };
}

/**
 * The files that bind every resource: the model module (from each resource's compact JSON, in id
 * order: the same text as `JSON.stringify(compactModel(model))`), the handlers and the setups.
 */
export function emitHandlerIndexes(model: Pick<Model, 'version' | 'summary'>, compactResources: readonly string[]): EmittedFile[] {
  const files: EmittedFile[] = [];
  const runtimeFrom = (path: string) => posix.relative(posix.dirname(path), MOCK_RUNTIME_DIR) || '.';
  const head = JSON.stringify({ version: model.version, summary: model.summary, diagnostics: [] }).slice(0, -1);
  const json = `${head},"resources":[${compactResources.join(',')}]}`;
  files.push({
    path: 'mocks/model.ts',
    content: render('handlers-model', {
      runtime: runtimeFrom('mocks/model.ts'),
      resourceCount: compactResources.length,
      json: tsString(json),
    }),
  });
  files.push({
    path: 'mocks/handlers.ts',
    content: render('handlers-aggregate', { runtime: runtimeFrom('mocks/handlers.ts'), resourceCount: compactResources.length }),
  });
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
 * What the engine needs of the model, and no more (for the google microsite: 25 MB instead of
 * 42 MB of JSON): the model-wide diagnostics go, and so do the examples' SQL text and parse
 * errors; an example keeps its statement tree only when it is an INSERT, UPDATE or REPLACE (the
 * engine reads the columns those write: mocks/engine/catalog.ts, documentedColumns) or a SELECT
 * naming columns the fields do not list, and keeps
 * `target` (views the examples query: deriveView). Resources are sorted by id.
 */
export function compactModel(model: Model, resources = model.resources): Model {
  return {
    version: model.version,
    summary: model.summary,
    diagnostics: [],
    resources: resources.map(compactResource),
  };
}

/** One resource as the engine needs it (see compactModel). */
export function compactResource(r: Resource): Resource {
  const fields = new Set(r.fields.map((f) => f.name));
  return { ...r, examples: r.examples.map((e) => compactExample(e, fields)) };
}

const WRITES = new Set(['insert', 'update', 'replace']);

/**
 * A SELECT example's statement is kept when it names columns the fields do not list: the client's
 * Row has them, and the engine answers them (mocks/engine/catalog.ts exampleColumns).
 */
function compactExample(e: Example, fields: ReadonlySet<string>): Example {
  const { sql: _sql, parseError: _parseError, statement, ...rest } = e;
  const namesMore = statement?.kind === 'select' && fields.size > 0 && statement.columns.some((c) => c.expr.type === 'column' && !fields.has(c.expr.name));
  return statement && (WRITES.has(statement.kind) || namesMore) ? { ...rest, sql: '', statement } : { ...rest, sql: '' };
}

