/**
 * generate, top to bottom: read the docs into a model (read-model.ts: list, hash, cache, extract on
 * every core, assemble), emit the outputs asked for from the model alone, and write them
 * atomically. Two gates stand before writing, each leaving the previous output as it was:
 * `strict` (the docs gave warnings or errors) and the removal guard (the run would delete more than
 * half of the files the previous run generated from the docs, as an emptied or wrong docs folder
 * does; `force` passes it).
 */
import { OUTPUT_NAMES, type OutputName, type RuntimeMode } from './config/define-config.ts';
import type { Model } from './core/model.ts';
import type { EmittedFile } from './emit/emitted-file.ts';
import { emitAll } from './emit/index.ts';
import { isRuntimeCopy } from './emit/runtime-bundle.ts';
import type { BuiltModel } from './model/build-model.ts';
import type { ProgressListener } from './phases.ts';
import { emitterIdentity, hashText } from './read/cache.ts';
import { readModel, type ReadModelOptions } from './read-model.ts';
import { checkOutputs, outputsUpToDate, previousFiles, recoverOutputs, writeOutputs, type WriteCounts } from './write/outputs.ts';

export interface GenerateOptions extends ReadModelOptions {
  docs: string;
  out: string;
  /** Compare with what is in --out instead of writing: the drift check. */
  check?: boolean;
  /** What to write besides model.json; default all. Validators need clients; contract suites need all. */
  outputs?: Partial<Record<OutputName, boolean>>;
  /** Copy the runtimes into the output (default), or import them from the package. */
  runtime?: RuntimeMode;
  /** Write nothing when the docs gave warnings or errors. */
  strict?: boolean;
  /** Write even when that removes more than half of the previous output. */
  force?: boolean;
  /** Every phase: read and parse (from readModel), then emit and write. */
  onProgress?: ProgressListener;
}

/** Why a run wrote nothing although it could have: the two gates before writing. */
export type Refusal =
  | { reason: 'strict'; serious: number }
  /** `previous`: the files generated from the docs last time (runtime copies not counted). */
  | { reason: 'removal'; removing: number; previous: number; sample: string[] };

export interface GenerateResult {
  model: BuiltModel;
  outputs: EmittedFile[];
  /** With `check`: how the output folder differs from what this run produces. */
  drift?: string[];
  /** True when the output folder was already written from this model and this emitter code. */
  upToDate?: boolean;
  /** What writing did: files new or changed, unchanged, removed (when up to date: all unchanged). */
  writes?: WriteCounts;
  refused?: Refusal;
  files: string[];
  cacheHits: number;
  parsed: number;
  bytes: number;
}

/** The share of the previous output a run may remove without `force`. */
export const MAX_REMOVED_SHARE = 0.5;

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const progress = options.onProgress ?? (() => {});
  const read = await readModel(options.docs, options);
  const model = read.built;
  const result: GenerateResult = { model, outputs: [], files: read.files, cacheHits: read.cacheHits, parsed: read.parsed, bytes: read.bytes };

  const serious = model.diagnostics.filter((d) => d.severity !== 'info').length;
  if (options.strict && serious > 0 && !options.check) {
    result.refused = { reason: 'strict', serious };
    return result;
  }

  const outputs = selectedOutputs(options.outputs);
  const runtime = options.runtime ?? 'copy';
  // Same model text, same emitter code, same choice of outputs: the folder already holds exactly
  // what emitting would write.
  const key = hashText(`${emitterIdentity()}\u0000${outputs.join(',')}\u0000${runtime}\u0000${model.text}`);
  // A run killed while writing may have left the folder mid-swap: put it right first.
  if (!options.check) recoverOutputs(options.out);
  if (!options.check && outputsUpToDate(options.out, key)) {
    result.upToDate = true;
    result.writes = { written: 0, unchanged: previousFiles(options.out).length, removed: 0 };
    return result;
  }

  // The model is the only thing emitters see: they read it back as plain JSON.
  const parsed = JSON.parse(model.text) as Model;
  const emitted = emitAll(parsed, { outputs, runtime, onStep: (done, total) => progress({ phase: 'emit', done, total }) });
  result.outputs = [{ path: 'model.json', content: model.text }, ...emitted];
  // Everything is computed before anything is written: a failure above leaves the old output.
  if (options.check) {
    result.drift = checkOutputs(options.out, result.outputs);
    return result;
  }
  // Measured on what the docs decide: the runtime copies are the same for any docs, and would hide
  // an emptied docs folder (only an index page left: 121 files → 63, 58 of them runtime).
  const now = new Set(result.outputs.map((f) => f.path));
  const previous = previousFiles(options.out).filter((f) => !isRuntimeCopy(f));
  const removing = previous.filter((f) => !now.has(f));
  if (!options.force && previous.length > 0 && removing.length > previous.length * MAX_REMOVED_SHARE) {
    result.refused = { reason: 'removal', removing: removing.length, previous: previous.length, sample: removing.slice(0, 5) };
    return result;
  }
  progress({ phase: 'write', done: 0, total: result.outputs.length });
  // Per file: a whole provider writes thousands, and a CI log should see them go.
  result.writes = writeOutputs(options.out, result.outputs, key, (done, total) => progress({ phase: 'write', done, total }));
  return result;
}

function selectedOutputs(asked: GenerateOptions['outputs']): OutputName[] {
  return OUTPUT_NAMES.filter((name) => asked?.[name] ?? true);
}

