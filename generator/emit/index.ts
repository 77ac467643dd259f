/**
 * Everything `generate` writes besides model.json, from the model alone: the typed clients, the
 * MSW handlers, the row validators and the contract suites (all printed through templates.ts,
 * laid out by layout.ts), and the hand-written runtimes they import (runtime-bundle.ts). Sorted
 * by path; the same model gives the same bytes.
 */
import type { OutputName, RuntimeMode } from '../config/define-config.ts';
import type { Model } from '../core/model.ts';
import { emitClients } from './clients.ts';
import { emitContracts } from './contracts.ts';
import type { EmittedFile } from './emitted-file.ts';
import { emitHandlers } from './handlers.ts';
import { sortByPath } from './layout.ts';
import { importRuntimesFromPackage, runtimeFiles, type RuntimeName } from './runtime-bundle.ts';
import { emitValidators } from './validators.ts';

export type { EmittedFile };

export interface EmitOptions {
  /** The outputs to write (all by default). */
  outputs?: readonly OutputName[];
  /** `copy` (default) copies the runtimes into the output; `package` imports them from stackql-docgen. */
  runtime?: RuntimeMode;
  /** The model the mock answers from, when it differs from the clients' (tests of a broken mock). */
  mockModel?: Model;
  /** Called after each emitter: a whole provider takes seconds per step. */
  onStep?: (done: number, total: number) => void;
}

export function emitAll(model: Model, options: EmitOptions = {}): EmittedFile[] {
  const wants = new Set<OutputName>(options.outputs ?? ['clients', 'mocks', 'validators', 'contract']);
  const runtime = options.runtime ?? 'copy';
  const steps: Array<() => EmittedFile[]> = [];
  if (wants.has('clients')) steps.push(() => emitClients(model));
  if (wants.has('mocks')) steps.push(() => emitHandlers(options.mockModel ?? model));
  if (wants.has('validators') || wants.has('contract')) steps.push(() => emitValidators(model));
  if (wants.has('contract')) steps.push(() => emitContracts(model));
  const runtimes: RuntimeName[] = [];
  if (wants.has('clients')) runtimes.push('client');
  if (wants.has('mocks')) runtimes.push('mock');
  if (wants.has('contract')) runtimes.push('contract');
  else if (wants.has('validators')) runtimes.push('validators');
  if (runtime === 'copy') steps.push(() => runtimeFiles(runtimes));

  const files: EmittedFile[] = [];
  options.onStep?.(0, steps.length);
  steps.forEach((step, k) => {
    files.push(...step());
    options.onStep?.(k + 1, steps.length);
  });
  return sortByPath(runtime === 'package' ? importRuntimesFromPackage(files) : files);
}
