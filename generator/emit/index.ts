/**
 * Everything `generate` writes besides model.json, from the model alone: the typed clients, the
 * MSW handlers, the row validators and the contract suites (all printed through templates.ts,
 * laid out by layout.ts), and the hand-written runtimes they import (runtime-bundle.ts). Sorted
 * by path; the same model gives the same bytes.
 */
import type { Model } from '../core/model.ts';
import { emitClients } from './clients.ts';
import { emitContracts } from './contracts.ts';
import type { EmittedFile } from './emitted-file.ts';
import { emitHandlers } from './handlers.ts';
import { sortByPath } from './layout.ts';
import { runtimeFiles } from './runtime-bundle.ts';
import { emitValidators } from './validators.ts';

export type { EmittedFile };

export interface EmitOptions {
  /** The model the mock answers from, when it differs from the clients' (tests of a broken mock). */
  mockModel?: Model;
}

export function emitAll(model: Model, options: EmitOptions = {}): EmittedFile[] {
  return sortByPath([
    ...emitClients(model),
    ...emitHandlers(options.mockModel ?? model),
    ...runtimeFiles(),
    ...emitValidators(model),
    ...emitContracts(model),
  ]);
}
