/**
 * generate, top to bottom: read the docs into a model (read-model.ts: list, hash, cache, extract on
 * every core, assemble), emit the outputs asked for from the model alone, and write them
 * atomically. Two gates stand before writing, each leaving the previous output as it was:
 * `strict` (the docs gave warnings or errors) and the removal guard (the run would delete more than
 * half of the files the previous run generated from the docs, as an emptied or wrong docs folder
 * does; `force` passes it).
 */
import { OUTPUT_NAMES, type OutputName, type RuntimeMode } from './config/define-config.ts';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { emitResources, type ResourceEntry } from './emit-resources.ts';
import { isRuntimeCopy } from './emit/runtime-bundle.ts';
import type { BuiltModel } from './model/build-model.ts';
import type { ProgressListener } from './phases.ts';
import { emitterIdentity, hashText } from './read/cache.ts';
import { createPool, type Pool } from './pool.ts';
import { defaultCacheFile, readModel, type ReadModelOptions, type ReadModelResult } from './read-model.ts';
import { EmitCache } from './write/emit-cache.ts';
import { OutputChecker, OutputStager, outputsUpToDate, previousFiles, recoverOutputs, type WriteCounts } from './write/outputs.ts';

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
  /**
   * Resolve once the new output is in place, and remove the previous folder's files after (watch:
   * the next edit need not wait for it). Default: resolve when that is done too.
   */
  removeOldInBackground?: boolean;
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
  /** The path of every file of the run (sorted); empty when nothing was emitted. */
  outputs: string[];
  /** How the emit phase went: resources emitted, resources whose files were kept (emit cache), index files. */
  emit?: { emitted: number; reused: number; indexes: number };
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

/**
 * What a run leaves for `generate --watch` to carry on from, a page at a time (watch-session.ts):
 * the pages as read, the emitter's identity, the emit cache, and what each resource gave.
 */
export interface RunState {
  read: ReadModelResult;
  outputs: OutputName[];
  runtime: RuntimeMode;
  /** The emitter code and choice of outputs, as outputStamp takes it. */
  emitter: string;
  /** outputStamp of this run's model: the output folder's manifest says it once written. */
  key: string;
  /** The emit cache of this docs and output folder (none when the page cache is off), read on first use. */
  emitCache: () => EmitCache | undefined;
  /** Each resource's part of the output, in model order, when this run wrote the folder. */
  entries?: ResourceEntry[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  return (await generateKeepingState(options)).result;
}

/** generate, and what it leaves for the next change of a page (generate --watch). */
export async function generateKeepingState(options: GenerateOptions): Promise<{ result: GenerateResult; state: RunState }> {
  const progress = options.onProgress ?? (() => {});
  // One pool for both phases (started when a phase has enough work for it); a pool given is left open.
  const pool = options.pool ?? createPool(options.threads);
  try {
    return await generateWith(pool, options, progress);
  } finally {
    if (!options.pool) await pool.close();
  }
}

/** The emitter's identity for a choice of outputs and runtime mode. */
export function emitterOf(outputs: readonly OutputName[], runtime: RuntimeMode): string {
  return `${emitterIdentity()}\u0000${outputs.join(',')}\u0000${runtime}`;
}

/**
 * The input an output folder is written from: same model text (`modelHash`: BuiltModel.hash, its
 * sha1), same emitter code, same choice of outputs, and the folder holds exactly what emitting would write.
 */
export function outputStamp(emitter: string, modelHash: string): string {
  return createHash('sha1').update(emitter).update('\u0000').update(modelHash).digest('hex');
}

async function generateWith(pool: Pool, options: GenerateOptions, progress: ProgressListener): Promise<{ result: GenerateResult; state: RunState }> {
  // The workers that extract the pages emit the files too (pool.ts).
  const read = await readModel(options.docs, { ...options, pool, deferCacheSave: true });
  // The page cache is saved while the emit workers start on their batches (this thread is
  // otherwise idle then), and in any case before generate returns.
  let cacheSaved = false;
  // A recalled model has no page cache open: it is loaded (and saved) only if the run asks for the
  // model's text, and asking for it here would undo the recall.
  const saveCache = () => {
    if (cacheSaved || read.recalled) return;
    cacheSaved = true;
    read.cache.save();
  };
  try {
    return await emitAndWrite(pool, options, progress, read, saveCache);
  } finally {
    saveCache();
  }
}

async function emitAndWrite(pool: Pool, options: GenerateOptions, progress: ProgressListener, read: ReadModelResult, saveCache: () => void): Promise<{ result: GenerateResult; state: RunState }> {
  const model = read.built;
  const result: GenerateResult = { model, outputs: [], files: read.files, cacheHits: read.cacheHits, parsed: read.parsed, bytes: read.bytes };
  const outputs = selectedOutputs(options.outputs);
  const runtime = options.runtime ?? 'copy';
  const emitter = emitterOf(outputs, runtime);
  const key = outputStamp(emitter, model.hash);
  let opened: { cache: EmitCache | undefined } | undefined;
  const emitCache = () => (opened ??= { cache: openEmitCache(options, emitter) }).cache;
  const state: RunState = { read, outputs, runtime, emitter, key, emitCache };

  const serious = model.diagnostics.filter((d) => d.severity !== 'info').length;
  if (options.strict && serious > 0 && !options.check) {
    result.refused = { reason: 'strict', serious };
    return { result, state };
  }

  // A run killed while writing may have left the folder mid-swap: put it right first.
  if (!options.check) recoverOutputs(options.out);
  if (!options.check && outputsUpToDate(options.out, key)) {
    result.upToDate = true;
    result.writes = { written: 0, unchanged: previousFiles(options.out).length, removed: 0 };
    return { result, state };
  }

  const onProgress = (done: number, total: number) => progress({ phase: 'emit', done, total });
  const common = { outputs, runtime, pool, onProgress, meanwhile: saveCache, ...(options.threads !== undefined ? { threads: options.threads } : {}) };
  if (options.check) {
    // Everything emitted afresh: the check compares bytes, not what a cache remembers.
    const checker = new OutputChecker(options.out);
    const run = await emitResources(model, { ...common, sink: (f) => checker.check(f) });
    result.outputs = run.paths;
    result.drift = checker.finish();
    return { result, state };
  }
  // Staged in a folder of its own and swapped in at the end: a failure or a refusal leaves the old output.
  const stager = new OutputStager(options.out, key);
  const cache = emitCache();
  let entries: ResourceEntry[];
  try {
    const stage = {
      target: stager.target,
      staged: (paths: string[], written: number) => stager.staged(paths, written),
      putParts: (path: string, parts: readonly string[], bytes: number) => stager.putParts(path, parts, bytes),
    };
    const run = await emitResources(model, { ...common, sink: (f) => stager.put(f), keep: (files) => stager.keepAll(files), stage, ...(cache ? { cache } : {}) });
    result.outputs = run.paths;
    result.emit = { emitted: run.emitted, reused: run.reused, indexes: run.indexes };
    entries = run.entries;
  } catch (e) {
    stager.abandon();
    throw e;
  }
  // Measured on what the docs decide: the runtime copies are the same for any docs, and would hide
  // an emptied docs folder (only an index page left: 121 files → 63, 58 of them runtime).
  const previous = stager.previousFiles.filter((f) => !isRuntimeCopy(f));
  const removing = previous.filter((f) => !stager.paths.has(f));
  if (!options.force && previous.length > 0 && removing.length > previous.length * MAX_REMOVED_SHARE) {
    stager.abandon();
    result.refused = { reason: 'removal', removing: removing.length, previous: previous.length, sample: removing.slice(0, 5) };
    return { result, state };
  }
  const total = stager.paths.size;
  progress({ phase: 'write', done: 0, total });
  result.writes = stager.commit({ background: options.removeOldInBackground ?? false });
  progress({ phase: 'write', done: total, total });
  cache?.save();
  if (!options.removeOldInBackground) await stager.removal;
  else stager.removal.catch(() => {}); // what is left, recoverFolder removes next run
  state.entries = entries;
  return { result, state };
}

/** Beside the page cache, one per output folder; none when the page cache is off. */
function openEmitCache(options: GenerateOptions, emitter: string): EmitCache | undefined {
  const pages = options.cacheFile ?? (typeof options.docs === 'string' ? defaultCacheFile(options.docs) : false);
  if (pages === false) return undefined;
  const file = `${pages.replace(/\.json$/, '')}.emit-${hashText(resolve(options.out)).slice(0, 12)}.txt`;
  return new EmitCache(file, `emit ${hashText(`${emitter}\u0000${resolve(options.out)}`)}`);
}

function selectedOutputs(asked: GenerateOptions['outputs']): OutputName[] {
  return OUTPUT_NAMES.filter((name) => asked?.[name] ?? true);
}

