/**
 * One change of generate --watch, from the new model to the folder (watch-session.ts keeps the
 * state between changes): against what is written, emit the resources whose JSON or place in the
 * layout changed and the files besides the resources' (indexes, README.md, model.json) whole; list
 * the files whose bytes differ and those no longer produced (planChange); then write them in place
 * and keep the emit cache in step (applyChange).
 */
import { join } from 'node:path';
import type { OutputName, RuntimeMode } from './config/define-config.ts';
import type { EmittedFile } from './emit/emitted-file.ts';
import { layout } from './emit/layout.ts';
import { factsText, readmeFacts } from './emit/readme.ts';
import { emitModelFiles, entryOf, resourceHeads, resourceKey, type ResourceEntry } from './emit-resources.ts';
import type { BuiltModel } from './model/build-model.ts';
import { batchesOf, createPool, runBatch, worthWorkers, type Batch, type BatchResult } from './pool.ts';
import type { EmitCache } from './write/emit-cache.ts';
import { writeInPlace } from './write/in-place.ts';
import { sameContent, type WriteCounts } from './write/outputs.ts';

/** What the output folder holds, as generate or the session last wrote it. */
export interface Written {
  /** The folder's stamp (outputStamp of the model written). */
  key: string;
  resources: Map<string, WrittenResource>;
  /** Every file of the output (its manifest's list). */
  files: Set<string>;
  /** The files besides the resources' and the model's, where known (written by the session), with their README facts. */
  contents: Map<string, WrittenContent>;
}
export interface WrittenResource {
  path: string;
  json: string;
  entry: ResourceEntry;
}
interface WrittenContent {
  content: string;
  facts: string;
}

/** What a folder written from `model` holds: each resource's entry (in model order) and the manifest's files. */
export function writtenFrom(model: BuiltModel, entries: readonly ResourceEntry[], key: string, files: Iterable<string>): Written {
  const paths = layout(resourceHeads(model)).paths;
  const resources = new Map<string, WrittenResource>();
  model.resources.forEach((r, k) => resources.set(r.id, { path: paths.get(r.id)!, json: r.json, entry: entries[k]! }));
  return { key, resources, files: new Set(files), contents: new Map() };
}

export interface PlannedChange {
  /** The folder once written. */
  next: Written;
  /** Files to write: their bytes differ from the folder's (model.json: its bytes given). */
  write: Array<{ path: string; content: string | Uint8Array }>;
  unchanged: number;
  /** Files of the folder no longer produced. */
  remove: string[];
  /** Resources emitted (with the cache keys of their new entries), and those gone. */
  emitted: Array<{ id: string; key: string; entry: ResourceEntry }>;
  gone: string[];
}

export interface ChangeOptions {
  out: string;
  outputs: OutputName[];
  runtime: RuntimeMode;
  threads?: number;
}

/** The files that make the folder `written` into the output of `model` (`bytes`: model.text's, `key`: its stamp). */
export async function planChange(model: BuiltModel, bytes: Uint8Array, key: string, written: Written, options: ChangeOptions): Promise<PlannedChange> {
  const { out, outputs, runtime } = options;
  const heads = resourceHeads(model);
  const paths = layout(heads).paths;
  const entries: ResourceEntry[] = new Array(heads.length);
  const resources = new Map<string, WrittenResource>();
  const todo: Array<{ index: number; id: string; key: string; json: string; path: string }> = [];
  model.resources.forEach((r, k) => {
    const path = paths.get(r.id)!;
    const before = written.resources.get(r.id);
    if (before && before.path === path && before.json === r.json) {
      entries[k] = before.entry;
      resources.set(r.id, before);
    } else todo.push({ index: k, id: r.id, key: resourceKey(path, r.json), json: r.json, path });
  });
  const files: EmittedFile[] = [];
  const onResult = (result: BatchResult) => {
    if (result.kind !== 'emit') return;
    result.emitted.forEach((emitted, j) => {
      const item = todo[result.id + j]!;
      files.push(...emitted.files);
      entries[item.index] = entryOf(item.key, emitted);
      resources.set(item.id, { path: item.path, json: item.json, entry: entries[item.index]! });
    });
  };
  const batches = batchesOf(todo, (id, part): Batch => ({ kind: 'emit', id, resources: part.map(({ json, path }) => ({ json, path })), outputs, runtime }));
  // One resource or a few here, in this thread; many (a base with many views) on the workers.
  if (worthWorkers(todo.length, options.threads)) {
    const pool = createPool(options.threads);
    try {
      await pool.run(batches, onResult);
    } finally {
      await pool.close();
    }
  } else batches.forEach((b) => onResult(runBatch(b)));

  // The files besides the resources' are emitted whole, and compared with what was written last
  // (kept in memory: tens of MB not read back), once: an index as it was keeps its README facts.
  const contents = new Map<string, WrittenContent>();
  const same = new Set<string>();
  const compare = (f: EmittedFile): WrittenContent => {
    const before = written.contents.get(f.path);
    const kept = before !== undefined && before.content === f.content;
    if (kept || (before === undefined && sameContent(join(out, f.path), f.content))) same.add(f.path);
    const now = kept ? before : { content: f.content, facts: factsText(readmeFacts([f])) };
    contents.set(f.path, now);
    return now;
  };
  const modelFiles = emitModelFiles(model, heads, entries, outputs, runtime, (f) => compare(f).facts);

  const write: PlannedChange['write'] = [];
  let unchanged = 0;
  for (const f of files) {
    if (sameContent(join(out, f.path), f.content)) unchanged++;
    else write.push(f);
  }
  for (const f of modelFiles) {
    // The model's own text: its bytes were made once, for the stamp.
    if (f.content === model.text) {
      write.push({ path: f.path, content: bytes });
      continue;
    }
    if (!contents.has(f.path)) compare(f); // README.md, emitted after the indexes
    if (same.has(f.path)) unchanged++;
    else write.push(f);
  }
  const next = new Set<string>();
  for (const e of entries) for (const [p] of e.files) next.add(p);
  for (const f of modelFiles) next.add(f.path);
  return {
    next: { key, resources, files: next, contents },
    write,
    unchanged,
    remove: [...written.files].filter((f) => !next.has(f)),
    emitted: todo.map((t) => ({ id: t.id, key: t.key, entry: entries[t.index]! })),
    gone: [...written.resources.keys()].filter((id) => !resources.has(id)),
  };
}

/** Writes a planned change in place, the emit cache kept in step; what writing did. */
export function applyChange(out: string, change: PlannedChange, written: Written, cache: EmitCache | undefined): WriteCounts {
  // The emit cache first forgets every entry that holds a file about to change (see EmitCache.release).
  const released = new Set<string>();
  for (const id of [...change.emitted.map((e) => e.id), ...change.gone]) for (const [p] of written.resources.get(id)?.entry.files ?? []) released.add(p);
  for (const e of change.emitted) for (const [p] of e.entry.files) released.add(p);
  cache?.release([...released]);
  writeInPlace(out, { write: change.write, remove: change.remove, previous: written.files, next: change.next.files, key: change.next.key });
  for (const e of change.emitted) cache?.set(e.key, e.entry);
  cache?.save();
  return { written: change.write.length, unchanged: change.unchanged, removed: change.remove.length };
}
