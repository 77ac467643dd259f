/**
 * Where the standalone server's model comes from: a model.json written by `npm run generate`, or
 * docs read in-process with the generator's own extraction (nothing is written).
 */
import { readFileSync } from 'node:fs';
import { buildModel } from '../../generator/model/build-model.ts';
import type { Model } from '../../generator/model/types.ts';
import { extractAll, readPage } from '../../generator/pool.ts';
import { displayPath, listPages } from '../../generator/read/list-pages.ts';

export function readModelFile(file: string): Model {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the model '${file}': ${(e as Error).message}. Run \`npm run generate\` first, or pass --docs <dir>.`);
  }
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw new Error(`'${file}' is not JSON: ${(e as Error).message}`);
  }
  if (!model || typeof model !== 'object' || !Array.isArray((model as Model).resources)) {
    throw new Error(`'${file}' is not a model (no "resources" array)`);
  }
  return model as Model;
}

/** Every page under `docs`, extracted on all cores, assembled as `generate` would. */
export async function modelFromDocs(docs: string, threads?: number): Promise<Model> {
  const files = listPages(docs);
  if (files.length === 0) throw new Error(`no .md or .mdx pages under '${docs}'`);
  const pages = files.map((f) => ({ file: displayPath(f), text: readFileSync(f, 'utf8') }));
  const records = await extractAll(pages, () => {}, threads);
  return JSON.parse(buildModel(records.map((record, k) => ({ file: pages[k].file, record, selected: true }))).text) as Model;
}

/** A few pages, in this thread: what tests use. */
export function modelFromPages(files: readonly string[]): Model {
  const outcomes = files.map((f) => {
    const file = displayPath(f);
    return { file, record: readPage(readFileSync(f, 'utf8'), file), selected: true };
  });
  return JSON.parse(buildModel(outcomes).text) as Model;
}
