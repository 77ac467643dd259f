/**
 * The emit phase of `generate`: every resource's own files, on the worker pool, cached by the
 * resource's content; then the indexes that list resources, from the resources' ids and names and
 * where each is in model.json (the mocks read their services' byte ranges of it); then model.json. Files go to `sink` as they come (staged or checked), never
 * held all at once. A resource whose JSON, layout path and emitter code are as last time, and whose
 * files are still in the output folder, is not emitted: `keep` stages its files as they are.
 * The bytes are those of emitAll (generator/emit/index.ts), the single-thread reference.
 */
import type { OutputName, RuntimeMode } from './config/define-config.ts';
import { emitIndexFiles, type EmittedFile, type HandlerHead, type ResourceEmit } from './emit/index.ts';
import { layout } from './emit/layout.ts';
import { emitReadme, factsText, noteFactsText, noteFiles, readmeFacts } from './emit/readme.ts';
import type { BuiltModel } from './model/build-model.ts';
import { batchesOf, runBatch, worthWorkers, type Batch, type Pool } from './pool.ts';
import { hashText } from './read/cache.ts';
import type { EmitCache } from './write/emit-cache.ts';

export interface EmitRunOptions {
  outputs: OutputName[];
  runtime: RuntimeMode;
  /** Where each file goes: staged for writing, or compared (--check). */
  sink: (file: EmittedFile) => void;
  /** Stages a cached resource's files as they are in the output folder; false when they are not all there. */
  keep?: (files: ReadonlyArray<readonly [string, number]>) => boolean;
  cache?: EmitCache;
  pool?: Pool;
  threads?: number;
  /** The fewest resources to emit that are worth the workers (default: pool.ts's threshold). */
  workersFrom?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface EmitRunCounts {
  /** Resources emitted this run. */
  emitted: number;
  /** Resources whose files were kept from the previous output. */
  reused: number;
  /** Index files (and model.json, runtimes) emitted. */
  indexes: number;
  /** Paths of every file of the run. */
  paths: string[];
}

export async function emitResources(model: BuiltModel, options: EmitRunOptions): Promise<EmitRunCounts> {
  const { outputs, runtime, cache } = options;
  const progress = options.onProgress ?? (() => {});
  const heads: HandlerHead[] = model.resources.map((r) => {
    const { provider, service, name, reads } = r.record;
    if (provider === undefined || service === undefined || name === undefined) throw new Error(`internal: page record of ${r.id} has no names`);
    return reads === undefined ? { id: r.id, provider, service, name } : { id: r.id, provider, service, name, reads };
  });
  const paths = layout(heads).paths;
  const all: string[] = [];
  const sink = (f: EmittedFile) => {
    all.push(f.path);
    options.sink(f);
  };
  const keys: string[] = [];
  const todo: Array<{ index: number; json: string; path: string }> = [];
  const facts = readmeFacts();
  let reused = 0;
  model.resources.forEach((r, k) => {
    const path = paths.get(r.id)!;
    const json = r.json;
    const key = hashText(`${path}\u0000${json}`);
    keys.push(key);
    const hit = options.keep ? cache?.get(key) : undefined;
    if (hit && options.keep!(hit.files)) {
      cache!.use(key);
      hit.files.forEach(([p]) => all.push(p));
      noteFactsText(facts, hit.facts, hit.files.map(([p]) => p));
      reused++;
    } else todo.push({ index: k, json, path });
  });

  let done = reused;
  progress(done, heads.length);
  const take = (index: number, emitted: ResourceEmit) => {
    emitted.files.forEach(sink);
    const own = readmeFacts(emitted.files);
    noteFiles(facts, emitted.files);
    const entry = { files: emitted.files.map((f): [string, number] => [f.path, Buffer.byteLength(f.content)]), facts: factsText(own) };
    cache?.set(keys[index], entry);
    progress(++done, heads.length);
  };
  const batches = batchesOf(todo, (id, part): Batch => ({ kind: 'emit', id, resources: part.map(({ json, path }) => ({ json, path })), outputs, runtime }));
  const onResult = (r: ReturnType<typeof runBatch>) => {
    if (r.kind === 'emit') r.emitted.forEach((e, k) => take(todo[r.id + k].index, e));
  };
  const many = options.workersFrom !== undefined ? todo.length >= options.workersFrom : worthWorkers(todo.length, options.threads);
  if (options.pool && many) await options.pool.run(batches, onResult);
  else batches.forEach((b) => onResult(runBatch(b)));

  const ranges = { path: 'model.json', bytes: model.bytes, ranges: model.resources.map((r) => r.range) };
  const indexes = emitIndexFiles(heads, ranges, outputs, runtime);
  indexes.forEach(sink);
  noteFiles(facts, indexes);
  // Last: it lists what every file above imports (model.json is no code).
  sink(emitReadme(facts));
  sink({ path: 'model.json', content: model.text });
  return { emitted: todo.length, reused, indexes: indexes.length + 2, paths: all.sort() };
}
