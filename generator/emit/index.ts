/**
 * Everything `generate` writes besides model.json, from the model alone: the typed clients, the
 * MSW handlers, the row validators and the contract suites (all printed through templates.ts,
 * laid out by layout.ts), and the hand-written runtimes they import (runtime-bundle.ts). Sorted
 * by path; the same model gives the same bytes. README.md lists the packages all of that imports.
 *
 * Two kinds of file: a resource's own (emitResourceFiles: a function of that resource, its place
 * in the layout and, for a view, whether its base is in the model, so it can be emitted in a worker
 * and cached by the resource's content) and the indexes that list many resources (emitIndexFiles:
 * from the resources' ids, names and reads, and each one's compact JSON). emitAll is the two put
 * together.
 */
import type { OutputName, RuntimeMode } from '../config/define-config.ts';
import type { Model, Resource } from '../core/model.ts';
import { emitClientIndexes, emitClientResource } from './clients.ts';
import { emitContractIndexes, emitContractResource } from './contracts.ts';
import type { EmittedFile } from './emitted-file.ts';
import { compactJson, emitHandlerIndexes, emitHandlerResource, emitHandlers, handlerHead, type HandlerHead } from './handlers.ts';
import { layout, sortById, sortByPath, type ResourceHead } from './layout.ts';
import { emitReadme } from './readme.ts';
import { importRuntimesFromPackage, runtimeFiles, type RuntimeName } from './runtime-bundle.ts';
import { emitValidatorIndexes, emitValidatorResource } from './validators.ts';

export type { EmittedFile, HandlerHead, ResourceHead };

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

/** What one resource gives: its files, and (with mocks) its compact JSON for its service's model.json. */
export interface ResourceEmit {
  files: EmittedFile[];
  compact?: string;
}

/**
 * Every file of one resource, at `path` (its place in the layout): a function of the resource and
 * its path alone (a view's suite learns at run time whether its base is in the model).
 */
export function emitResourceFiles(resource: Resource, path: string, outputs: readonly OutputName[] = ALL_OUTPUTS, runtime: RuntimeMode = 'copy'): ResourceEmit {
  const wants = new Set(outputs);
  const files: EmittedFile[] = [];
  const result: ResourceEmit = { files };
  if (wants.has('clients')) files.push(emitClientResource(resource, path));
  if (wants.has('mocks')) {
    files.push(emitHandlerResource(resource, path));
    result.compact = compactJson(resource);
  }
  if (wants.has('validators') || wants.has('contract')) files.push(emitValidatorResource(resource, path));
  if (wants.has('contract')) files.push(emitContractResource(resource, path));
  if (runtime === 'package') result.files = importRuntimesFromPackage(files);
  return result;
}

/**
 * The files that list resources, and the runtime copies. `compact`: each resource's compact JSON
 * in id order (needed with mocks).
 */
export function emitIndexFiles(
  resources: readonly HandlerHead[],
  compact: readonly string[],
  outputs: readonly OutputName[] = ALL_OUTPUTS,
  runtime: RuntimeMode = 'copy',
  /** Whose runtimes to copy, when it differs from `outputs` (emitAll with a separate mock model). */
  runtimesOf: readonly OutputName[] = outputs,
): EmittedFile[] {
  const wants = new Set(outputs);
  const files: EmittedFile[] = [];
  if (wants.has('clients')) files.push(...emitClientIndexes(resources));
  if (wants.has('mocks')) files.push(...emitHandlerIndexes(resources, compact));
  if (wants.has('validators') || wants.has('contract')) files.push(...emitValidatorIndexes(resources));
  if (wants.has('contract')) files.push(...emitContractIndexes());
  const runtimes: RuntimeName[] = [];
  const needs = new Set(runtimesOf);
  if (needs.has('clients')) runtimes.push('client');
  if (needs.has('mocks')) runtimes.push('mock');
  if (needs.has('contract')) runtimes.push('contract');
  else if (needs.has('validators')) runtimes.push('validators');
  if (runtime === 'copy') files.push(...runtimeFiles(runtimes));
  return runtime === 'package' ? importRuntimesFromPackage(files) : files;
}

/** Every file, in this thread: the reference the worker path (generator/emit-resources.ts) must equal. */
export function emitAll(model: Model, options: EmitOptions = {}): EmittedFile[] {
  const outputs = options.outputs ?? ALL_OUTPUTS;
  const runtime = options.runtime ?? 'copy';
  const mockModel = options.mockModel;
  // A separate mock model gets its own handler files; the rest come from the clients' model.
  const own = mockModel ? outputs.filter((o) => o !== 'mocks') : outputs;
  const resources = sortById(model.resources);
  const paths = layout(resources).paths;
  const files: EmittedFile[] = [];
  const compact: string[] = [];
  options.onStep?.(0, resources.length + 1);
  resources.forEach((r, k) => {
    const emitted = emitResourceFiles(r, paths.get(r.id)!, own, runtime);
    files.push(...emitted.files);
    if (emitted.compact !== undefined) compact.push(emitted.compact);
    options.onStep?.(k + 1, resources.length + 1);
  });
  files.push(...emitIndexFiles(resources.map(handlerHead), compact, own, runtime, outputs));
  if (mockModel && outputs.includes('mocks')) {
    const mocks = emitHandlers(mockModel);
    files.push(...(runtime === 'package' ? importRuntimesFromPackage(mocks) : mocks));
  }
  options.onStep?.(resources.length + 1, resources.length + 1);
  // Last: it lists what the files above import.
  return sortByPath([...files, emitReadme(files)]);
}
