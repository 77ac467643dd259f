/**
 * Everything `generate` writes, from the model alone: model.json, the typed clients, the MSW
 * handlers, the row validators and the contract suites (all printed through templates.ts, laid out
 * by layout.ts), and the hand-written runtimes they import (runtime-bundle.ts). Sorted by path; the
 * same model gives the same bytes. README.md lists the packages all of that imports.
 *
 * Two kinds of file: a resource's own (emitResourceFiles: a function of that resource, its place
 * in the layout and, for a view, whether its base is in the model, so it can be emitted in a worker
 * and cached by the resource's content) and the indexes that list many resources (emitIndexFiles:
 * from the resources' ids, names and reads, and where each one is in model.json). emitAll is the
 * two put together, with model.json.
 */
import type { OutputName, RuntimeMode } from '../config/define-config.ts';
import type { Model, Resource } from '../core/model.ts';
import { emitClientIndexes, emitClientResource } from './clients.ts';
import { emitContractIndexes, emitContractResource } from './contracts.ts';
import type { EmittedFile } from './emitted-file.ts';
import { emitHandlerIndexes, emitHandlers, handlerHead, type HandlerHead, type ModelRanges } from './handlers.ts';
import { layout, sortById, sortByPath, type ResourceHead } from './layout.ts';
import { modelTextOf } from '../model/model-text.ts';
import { emitReadme } from './readme.ts';
import { importRuntimesFromPackage, runtimeFiles, RUNTIME_FOLDERS, type RuntimeName } from './runtime-bundle.ts';
import { finish, render } from './templates.ts';
import { emitValidatorIndexes, emitValidatorResource } from './validators.ts';

export type { EmittedFile, HandlerHead, ModelRanges, ResourceHead };

/** Where the mocks' own model goes when it is not the output's (emitAll's mockModel). */
export const MOCK_MODEL_PATH = 'mocks/mock-model.json';

export const ALL_OUTPUTS: readonly OutputName[] = ['clients', 'mocks', 'validators', 'contract'];

export interface EmitOptions {
  /** The outputs to write (all by default). */
  outputs?: readonly OutputName[];
  /** `copy` (default) copies the runtimes into the output; `package` imports them from stackql-docgen. */
  runtime?: RuntimeMode;
  /** The model the mock answers from, when it differs from the clients' (tests of a broken mock). */
  mockModel?: Model;
  /** Called after each resource: a whole provider takes seconds. */
  onStep?: (done: number, total: number) => void;
}

/** What one resource gives: its files. */
export interface ResourceEmit {
  files: EmittedFile[];
}

/**
 * Every file of one resource, at `path` (its place in the layout): a function of the resource and
 * its path alone (a view's suite learns at run time whether its base is in the model).
 */
export function emitResourceFiles(resource: Resource, path: string, outputs: readonly OutputName[] = ALL_OUTPUTS, runtime: RuntimeMode = 'copy'): ResourceEmit {
  const wants = new Set(outputs);
  const files: EmittedFile[] = [];
  const result: ResourceEmit = { files };
  if (wants.has('clients')) files.push(...emitClientResource(resource, path));
  if (wants.has('validators') || wants.has('contract')) files.push(...emitValidatorResource(resource, path));
  if (wants.has('contract')) files.push(emitContractResource(resource, path));
  if (runtime === 'package') result.files = importRuntimesFromPackage(files);
  return result;
}

/**
 * The files that list resources, and the runtime copies. `model`: where each resource (in id
 * order) is in model.json (needed with mocks, which read their services' byte ranges of it).
 */
export function emitIndexFiles(
  resources: readonly HandlerHead[],
  model: ModelRanges | undefined,
  outputs: readonly OutputName[] = ALL_OUTPUTS,
  runtime: RuntimeMode = 'copy',
  /** Whose runtimes to copy, when it differs from `outputs` (emitAll with a separate mock model). */
  runtimesOf: readonly OutputName[] = outputs,
): EmittedFile[] {
  const wants = new Set(outputs);
  const files: EmittedFile[] = [];
  if (wants.has('clients')) files.push(...emitClientIndexes(resources));
  if (wants.has('mocks')) {
    if (model === undefined) throw new Error('internal: the mocks need the resources\' byte ranges in model.json');
    files.push(...emitHandlerIndexes(resources, model));
  }
  if (wants.has('validators') || wants.has('contract')) files.push(...emitValidatorIndexes(resources));
  if (wants.has('contract')) files.push(...emitContractIndexes(runtime));
  const runtimes: RuntimeName[] = [];
  const needs = new Set(runtimesOf);
  if (needs.has('clients')) runtimes.push('client');
  if (needs.has('mocks')) runtimes.push('mock');
  if (needs.has('contract')) runtimes.push('contract');
  else if (needs.has('validators')) runtimes.push('validators');
  if (runtime === 'copy') files.push(...runtimeFiles(runtimes));
  files.push(emitVitestDeps(runtime));
  return runtime === 'package' ? importRuntimesFromPackage(files) : files;
}

/**
 * vitest-deps.ts: the runtime's bundled modules, the clients' descriptors and the row validators
 * (plain JavaScript), for `server.deps.external` in a vitest config (the contract suites' and a
 * user's), so vitest imports them untransformed.
 */
export function emitVitestDeps(runtime: RuntimeMode): EmittedFile {
  // The clients' descriptors and the validators are plain JavaScript (clients.ts, validators.ts):
  // taken as they are in either mode. (clients/'s indexes are .ts: the pattern takes only .js.)
  const folders = [...(runtime === 'copy' ? RUNTIME_FOLDERS : []), 'clients', 'validators'].sort();
  return { path: 'vitest-deps.ts', content: finish(render('vitest-deps', { copy: runtime === 'copy', runtime: RUNTIME_FOLDERS, folders })) };
}

/**
 * Every file, in this thread, model.json included: the reference the worker path
 * (generator/emit-resources.ts) must equal. With `mockModel`, the mocks read that model from a file
 * of their own (MOCK_MODEL_PATH) and model.json stays the clients' model.
 */
export function emitAll(model: Model, options: EmitOptions = {}): EmittedFile[] {
  const outputs = options.outputs ?? ALL_OUTPUTS;
  const runtime = options.runtime ?? 'copy';
  const mockModel = options.mockModel;
  // A separate mock model gets its own handler files; the rest come from the clients' model.
  const own = mockModel ? outputs.filter((o) => o !== 'mocks') : outputs;
  const resources = sortById(model.resources);
  const paths = layout(resources).paths;
  const text = modelTextOf({ ...model, resources });
  const files: EmittedFile[] = [];
  options.onStep?.(0, resources.length + 1);
  resources.forEach((r, k) => {
    const emitted = emitResourceFiles(r, paths.get(r.id)!, own, runtime);
    files.push(...emitted.files);
    options.onStep?.(k + 1, resources.length + 1);
  });
  files.push(...emitIndexFiles(resources.map(handlerHead), { path: 'model.json', bytes: text.bytes, ranges: text.ranges }, own, runtime, outputs));
  if (mockModel && outputs.includes('mocks')) {
    const mocks = emitHandlers(mockModel, MOCK_MODEL_PATH);
    files.push(...(runtime === 'package' ? importRuntimesFromPackage(mocks) : mocks));
  }
  options.onStep?.(resources.length + 1, resources.length + 1);
  // Last: it lists what the files above import (model.json is no code, and not listed, as generate's).
  return sortByPath([...files, emitReadme(files), { path: 'model.json', content: text.text }]);
}
