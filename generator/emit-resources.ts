/**
 * The emit phase of `generate`: every resource's own files, on the worker pool, cached by the
 * resource's content; then the indexes that list resources, from the resources' ids and names and
 * where each is in model.json (the mocks read their services' byte ranges of it); then model.json. Files go to `sink` as they come (staged or checked), never
 * held all at once; or, with `stage` and workers, each worker stages the files it emits (the
 * indexes too, as one more batch) and the main thread only hears their paths, sizes and README
 * facts, writes model.json meanwhile and README.md last: one thread writing tens of thousands of
 * files was the cold run's bottleneck, with the workers waiting for it. A resource whose JSON, layout path and emitter code are as last time, and whose
 * files are still in the output folder, is not emitted: `keep` stages its files as they are.
 * The bytes are those of emitAll (generator/emit/index.ts), the single-thread reference.
 */
import type { OutputName, RuntimeMode } from './config/define-config.ts';
import { emitIndexFiles, type EmittedFile, type HandlerHead, type ModelRanges, type ResourceEmit } from './emit/index.ts';
import { layout } from './emit/layout.ts';
import { emitReadme, factsText, noteFactsText, noteFiles, readmeFacts } from './emit/readme.ts';
import type { BuiltModel } from './model/build-model.ts';
import { batchesOf, runBatch, worthWorkers, type Batch, type IndexBatch, type Pool, type StagedResource } from './pool.ts';
import { hashText } from './read/cache.ts';
import type { EmitCache } from './write/emit-cache.ts';
import type { StageTarget } from './write/outputs.ts';

export interface EmitRunOptions {
  outputs: OutputName[];
  runtime: RuntimeMode;
  /** Where each file goes: staged for writing, or compared (--check). */
  sink: (file: EmittedFile) => void;
  /** Stages a cached resource's files as they are in the output folder; false when they are not all there. */
  keep?: (files: ReadonlyArray<readonly [string, number]>) => boolean;
  cache?: EmitCache;
  /**
   * Stage each resource's files where they are emitted (a worker writes its own) instead of
   * passing them to `sink`; `staged` hears of each resource's files (`written` of them written,
   * the rest linked). The files that are not a resource's still go to `sink`.
   */
  stage?: {
    target: StageTarget;
    staged: (paths: string[], written: number) => void;
    /** Stages model.json from its parts (BuiltModel.parts), never made one string. */
    putParts: (path: string, parts: readonly string[], bytes: number) => void;
  };
  pool?: Pool;
  threads?: number;
  /** The fewest resources to emit that are worth the workers (default: pool.ts's threshold). */
  workersFrom?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Work for this thread while the workers emit (generate saves the page cache there): called once
   * they have their batches; at the end when there are no workers.
   */
  meanwhile?: () => void;
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
  /** What each resource gave, in model order: what generate --watch keeps between changes. */
  entries: ResourceEntry[];
}

/** One resource's part of the output, as the emit cache holds it (and generate --watch in memory). */
export interface ResourceEntry {
  /** resourceKey(): the resource's place in the layout and its JSON. */
  key: string;
  /** Each file's path in the output folder and its size in bytes. */
  files: Array<[path: string, size: number]>;
  /** What README.md needs of the files (readme.ts's factsText). */
  facts: string;
}

/** What the layout and the indexes need of each resource, in model order. */
export function resourceHeads(model: BuiltModel): HandlerHead[] {
  return model.resources.map((r) => {
    const { provider, service, name, reads } = r.record;
    if (provider === undefined || service === undefined || name === undefined) throw new Error(`internal: page record of ${r.id} has no names`);
    return reads === undefined ? { id: r.id, provider, service, name } : { id: r.id, provider, service, name, reads };
  });
}

/** What a resource's files are a function of, hashed: the emit cache's key. */
export function resourceKey(path: string, json: string): string {
  return hashText(`${path}\u0000${json}`);
}

/** The entry of a resource just emitted. */
export function entryOf(key: string, emitted: ResourceEmit): ResourceEntry {
  return { key, files: emitted.files.map((f): [string, number] => [f.path, Buffer.byteLength(f.content)]), facts: factsText(readmeFacts(emitted.files)) };
}

export async function emitResources(model: BuiltModel, options: EmitRunOptions): Promise<EmitRunCounts> {
  const { outputs, runtime, cache } = options;
  const progress = options.onProgress ?? (() => {});
  const heads = resourceHeads(model);
  const paths = layout(heads).paths;
  const all: string[] = [];
  const sink = (f: EmittedFile) => {
    all.push(f.path);
    options.sink(f);
  };
  const entries: ResourceEntry[] = new Array(heads.length);
  // `key` is hashed up front only when the cache can be asked: with no output folder to keep
  // files from (a first run), as each resource's files come back, while the workers emit the rest.
  const todo: Array<{ index: number; key?: string; json: string; path: string }> = [];
  let reused = 0;
  const lookup = options.keep !== undefined && cache !== undefined && options.stage?.target.current !== false;
  model.resources.forEach((r, k) => {
    const path = paths.get(r.id)!;
    const json = r.json;
    if (!lookup) {
      todo.push({ index: k, json, path });
      return;
    }
    const key = resourceKey(path, json);
    const hit = cache!.get(key);
    if (hit && options.keep!(hit.files)) {
      cache!.use(key);
      hit.files.forEach(([p]) => all.push(p));
      entries[k] = { key, ...hit };
      reused++;
    } else todo.push({ index: k, key, json, path });
  });

  let done = reused;
  progress(done, heads.length);
  const keyOf = (item: (typeof todo)[number]) => item.key ?? resourceKey(item.path, item.json);
  const took = (item: (typeof todo)[number], entry: ResourceEntry) => {
    entries[item.index] = entry;
    cache?.set(entry.key, entry);
    progress(++done, heads.length);
  };
  const take = (item: (typeof todo)[number], emitted: ResourceEmit) => {
    emitted.files.forEach(sink);
    took(item, entryOf(keyOf(item), emitted));
  };
  const takeStaged = (item: (typeof todo)[number], staged: StagedResource) => {
    const paths = staged.files.map(([p]) => p);
    all.push(...paths);
    options.stage!.staged(paths, staged.written);
    took(item, { key: keyOf(item), files: staged.files, facts: staged.facts });
  };
  const stage = options.stage?.target;
  const batches = batchesOf(todo, (id, part): Batch => ({ kind: 'emit', id, resources: part.map(({ json, path }) => ({ json, path })), outputs, runtime, ...(stage ? { stage } : {}) }));
  const onResult = (r: ReturnType<typeof runBatch>) => {
    if (r.kind === 'emit') r.emitted.forEach((e, k) => take(todo[r.id + k], e));
    else if (r.kind === 'staged') r.staged.forEach((s, k) => takeStaged(todo[r.id + k], s));
  };
  const many = options.workersFrom !== undefined ? todo.length >= options.workersFrom : worthWorkers(todo.length, options.threads);
  if (!(options.pool && many)) {
    batches.forEach((b) => onResult(runBatch(b)));
    options.meanwhile?.();
    const rest = emitModelFiles(model, heads, entries, outputs, runtime);
    rest.forEach(sink);
    return { emitted: todo.length, reused, indexes: rest.length, paths: all.sort(), entries };
  }
  if (!stage) {
    const running = options.pool.run(batches, onResult, { ahead: AHEAD });
    options.meanwhile?.();
    await running;
    const rest = emitModelFiles(model, heads, entries, outputs, runtime);
    rest.forEach(sink);
    return { emitted: todo.length, reused, indexes: rest.length, paths: all.sort(), entries };
  }
  // Staged on the workers: the indexes too (first, so no worker waits for the longest batch at
  // the end), while this thread writes model.json; README.md last, from everything's facts.
  const indexes: IndexBatch = { kind: 'indexes', id: -1, heads, model: modelRanges(model), outputs, runtime, stage };
  let indexFiles: StagedResource | undefined;
  const running = options.pool.run(
    [indexes, ...batches],
    (r) => {
      if (r.kind === 'staged-indexes') {
        indexFiles = r.staged;
        const paths = r.staged.files.map(([p]) => p);
        all.push(...paths);
        options.stage!.staged(paths, r.staged.written);
      } else onResult(r);
    },
    { ahead: AHEAD },
  );
  all.push(MODEL_FILE);
  options.stage!.putParts(MODEL_FILE, model.parts, model.bytes);
  options.meanwhile?.();
  await running;
  if (!indexFiles) throw new Error('internal: the index files were not emitted');
  const facts = readmeFacts();
  for (const e of entries) noteFactsText(facts, e.facts, e.files.map(([p]) => p));
  noteFactsText(facts, indexFiles.facts, indexFiles.files.map(([p]) => p));
  sink(emitReadme(facts));
  return { emitted: todo.length, reused, indexes: indexFiles.files.length + 2, paths: all.sort(), entries };
}

/**
 * Batches queued per worker at the start of the emit phase: enough for the seconds this thread
 * then spends writing model.json and the page cache without handing out more (16 resources a
 * batch, tens of ms each); pool.ts tapers it as the batches run out.
 */
const AHEAD = 48;

/** Where each resource's JSON is in model.json (the mocks read their services' byte ranges). */
function modelRanges(model: BuiltModel): ModelRanges {
  return { path: MODEL_FILE, bytes: model.bytes, ranges: model.resources.map((r) => r.range) };
}

const MODEL_FILE = 'model.json';

function modelFile(model: BuiltModel): EmittedFile {
  return { path: MODEL_FILE, content: model.text };
}

/**
 * The files that are not one resource's: the indexes that list resources, README.md (what every
 * file imports) and model.json; from the model and each resource's entry. The indexes are whatever
 * emitIndexFiles gives: generate --watch writes those whose bytes changed. `knownFacts`: what
 * README.md needs of an index file (factsText), when the caller knows it already (--watch: most
 * indexes are as they were, and scanning them for imports is much of this step on a whole provider).
 */
export function emitModelFiles(
  model: BuiltModel,
  heads: readonly HandlerHead[],
  entries: readonly ResourceEntry[],
  outputs: OutputName[],
  runtime: RuntimeMode,
  knownFacts?: (file: EmittedFile) => string | undefined,
): EmittedFile[] {
  const facts = readmeFacts();
  for (const e of entries) noteFactsText(facts, e.facts, e.files.map(([p]) => p));
  const indexes = emitIndexFiles(heads, modelRanges(model), outputs, runtime);
  for (const f of indexes) {
    const known = knownFacts?.(f);
    if (known === undefined) noteFiles(facts, [f]);
    else noteFactsText(facts, known, [f.path]);
  }
  // README.md after the indexes: it lists what every file above imports (model.json is no code).
  return [...indexes, emitReadme(facts), modelFile(model)];
}
