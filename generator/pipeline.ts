/**
 * generate, top to bottom: list the pages, read and hash them, extract what the cache does not
 * already hold (on every core), assemble and validate the model, and write it atomically.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';
import { buildModel, type PageOutcome } from './model/build-model.ts';
import { validateModel } from './model/validate.ts';
import type { Model } from './model/types.ts';
import { extractAll } from './pool.ts';
import { PageCache, hashText } from './read/cache.ts';
import { UnusableInputError, displayPath, listPages } from './read/list-pages.ts';
import { writeFileAtomic } from './write/atomic.ts';

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
}

export interface GenerateResult {
  model: Model;
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
    if (hit) outcomes[k] = { file: shown[k], result: hit, selected: true };
    else toParse.push({ index: k, file: shown[k], text });
  });

  let done = files.length - toParse.length;
  options.onProgress?.(done);
  const results = await extractAll(toParse, (n) => options.onProgress?.(done + n), options.threads);
  results.forEach((r, k) => {
    const { index } = toParse[k];
    cache.set(hashes[index], r);
    outcomes[index] = { file: shown[index], result: r, selected: true };
  });
  done = files.length;

  const isIncluded = options.include?.length ? picomatch(options.include) : () => true;
  const isExcluded = options.exclude?.length ? picomatch(options.exclude) : () => false;
  for (const o of outcomes) {
    if (o && o.result.kind === 'resource') o.selected = isIncluded(o.result.resource.id) && !isExcluded(o.result.resource.id);
  }

  const model = buildModel(outcomes as PageOutcome[]);
  const problems = validateModel(model);
  if (problems.length > 0) throw new Error(`internal error: the model does not match its schema:\n${problems.slice(0, 10).join('\n')}`);

  // Everything is computed before anything is written: a failure above leaves the old output.
  writeFileAtomic(join(options.out, 'model.json'), `${JSON.stringify(model, null, 1)}\n`);
  cache.save();
  return { model, files: shown, cacheHits: cache.hits, parsed: toParse.length, bytes };
}

/** node_modules/.cache is where build tools keep caches: ignored by git, cleared by `npm ci`. */
function defaultCacheFile(docs: string): string {
  return join('node_modules', '.cache', 'stackql-docgen', `${hashText(resolve(docs)).slice(0, 12)}.json`);
}
