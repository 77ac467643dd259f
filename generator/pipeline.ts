/**
 * generate, top to bottom: read the docs into a model (read-model.ts: list, hash, cache, extract on
 * every core, assemble), emit every output from the model alone, and write them atomically.
 */
import type { Model } from './core/model.ts';
import type { EmittedFile } from './emit/emitted-file.ts';
import { emitAll } from './emit/index.ts';
import type { BuiltModel } from './model/build-model.ts';
import { emitterIdentity, hashText } from './read/cache.ts';
import { readModel, type ReadModelOptions } from './read-model.ts';
import { checkOutputs, outputsUpToDate, writeOutputs } from './write/outputs.ts';

export interface GenerateOptions extends ReadModelOptions {
  docs: string;
  out: string;
  /** Compare with what is in --out instead of writing: the drift check. */
  check?: boolean;
}

export interface GenerateResult {
  model: BuiltModel;
  outputs: EmittedFile[];
  /** With `check`: how the output folder differs from what this run produces. */
  drift?: string[];
  /** True when the output folder was already written from this model and this emitter code. */
  upToDate?: boolean;
  files: string[];
  cacheHits: number;
  parsed: number;
  bytes: number;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const read = await readModel(options.docs, options);
  const model = read.built;
  const result: GenerateResult = { model, outputs: [], files: read.files, cacheHits: read.cacheHits, parsed: read.parsed, bytes: read.bytes };

  // Same model text, same emitter code: the folder already holds exactly what emitting would write.
  const key = hashText(`${emitterIdentity()}\u0000${model.text}`);
  if (!options.check && outputsUpToDate(options.out, key)) {
    result.upToDate = true;
    return result;
  }

  // The model is the only thing emitters see: they read it back as plain JSON.
  const parsed = JSON.parse(model.text) as Model;
  result.outputs = [{ path: 'model.json', content: model.text }, ...emitAll(parsed)];
  // Everything is computed before anything is written: a failure above leaves the old output.
  if (options.check) result.drift = checkOutputs(options.out, result.outputs);
  else writeOutputs(options.out, result.outputs, key);
  return result;
}
