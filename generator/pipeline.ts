/**
 * generate, top to bottom: list the pages, read and hash them, extract what the cache does not
 * already hold (on every core), assemble and validate the model, and write it atomically.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { emitClients } from './emit/clients.ts';
import { emitContracts } from './emit/contracts.ts';
import { emitHandlers, mockRuntimeFiles } from './emit/handlers.ts';
import { buildModel, type BuiltModel, type PageOutcome } from './model/build-model.ts';
import type { Model } from './model/types.ts';
import { extractAll } from './pool.ts';
import { PageCache, emitterIdentity, hashText } from './read/cache.ts';
import { UnusableInputError, displayPath, listPages } from './read/list-pages.ts';
import { checkOutputs, outputsUpToDate, writeOutputs, type OutputFile } from './write/outputs.ts';

export interface GenerateOptions {
  docs: string;
  out: string;
  include?: string[];
  exclude?: string[];
  /** Where the content-hash cache lives; false disables it. */
  cacheFile?: string | false;
  threads?: number;
  onStart?: (pages: number) => void;
  onProgress?: (done: number) => void;
  /** Compare with what is in --out instead of writing: the drift check. */
  check?: boolean;
}

export interface GenerateResult {
  model: BuiltModel;
  outputs: OutputFile[];
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
  const files = listPages(options.docs);
  if (files.length === 0) throw new UnusableInputError(`no .md or .mdx pages under '${options.docs}'`);
  options.onStart?.(files.length);

  const cache = new PageCache(options.cacheFile === false ? undefined : options.cacheFile ?? defaultCacheFile(options.docs));
  const shown = files.map((f) => displayPath(f));
  const hashes: string[] = [];
  const outcomes: Array<PageOutcome | undefined> = [];
  const toParse: Array<{ index: number; file: string; text: string }> = [];
  let bytes = 0;
  files.forEach((f, k) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new UnusableInputError(`cannot read '${shown[k]}': ${(e as Error).message}`);
    }
    bytes += Buffer.byteLength(text);
    const hash = hashText(`${shown[k]}\u0000${text}`);
    hashes.push(hash);
    const hit = cache.get(hash);
    if (hit) outcomes[k] = { file: shown[k], record: hit, selected: true };
    else toParse.push({ index: k, file: shown[k], text });
  });

  let done = files.length - toParse.length;
  options.onProgress?.(done);
  const results = await extractAll(toParse, (n) => options.onProgress?.(done + n), options.threads);
  results.forEach((r, k) => {
    const { index } = toParse[k];
    cache.set(hashes[index], r);
    outcomes[index] = { file: shown[index], record: r, selected: true };
  });
  done = files.length;

  const isIncluded = options.include?.length ? picomatch(options.include) : () => true;
  const isExcluded = options.exclude?.length ? picomatch(options.exclude) : () => false;
  for (const o of outcomes) {
    const id = o?.record.id;
    if (id) o.selected = isIncluded(id) && !isExcluded(id);
  }

  // Each resource was validated against the schema in its worker (page-record.ts).
  const model = buildModel(outcomes as PageOutcome[]);

  cache.save();
  const result: GenerateResult = { model, outputs: [], files: shown, cacheHits: cache.hits, parsed: toParse.length, bytes };

  // Same model text, same emitter code: the folder already holds exactly what emitting would write.
  const key = hashText(`${emitterIdentity()}\u0000${model.text}`);
  if (!options.check && outputsUpToDate(options.out, key)) {
    result.upToDate = true;
    return result;
  }

  // The model is the only thing emitters see: they read it back as plain JSON.
  const parsed = JSON.parse(model.text) as Model;
  result.outputs = [
    { path: 'model.json', content: model.text },
    ...emitClients(parsed),
    ...emitHandlers(parsed),
    ...mockRuntimeFiles(),
    ...emitContracts(parsed),
  ];
  // Everything is computed before anything is written: a failure above leaves the old output.
  if (options.check) result.drift = checkOutputs(options.out, result.outputs);
  else writeOutputs(options.out, result.outputs, key);
  return result;
}

/** node_modules/.cache is where build tools keep caches: ignored by git, cleared by `npm ci`. */
function defaultCacheFile(docs: string): string {
  return join('node_modules', '.cache', 'stackql-docgen', `${hashText(resolve(docs)).slice(0, 12)}.json`);
}
