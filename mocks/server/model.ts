/**
 * Where the standalone server's model comes from: a model.json written by `stackql-docgen generate`, or
 * docs read in-process with the generator's own extraction (nothing is written).
 */
import { readFileSync } from 'node:fs';
import type { Model } from '../../generator/core/model.ts';
import { decodeModel } from '../../generator/core/model-codec.ts';
import { modelOf, readModel } from '../../generator/read-model.ts';

export function readModelFile(file: string): Model {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the model '${file}': ${(e as Error).message}. Run \`stackql-docgen generate\` (\`npm run generate\` in this project) first, or pass --docs <dir>.`);
  }
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw new Error(`'${file}' is not JSON: ${(e as Error).message}`);
  }
  // Checks it is a model of this version, and restores what model.json leaves out (core/model-codec.ts).
  return decodeModel(model, `'${file}'`);
}

/** Every page under `docs`, read as `generate` reads it (nothing is written). */
export async function modelFromDocs(docs: string, threads?: number): Promise<Model> {
  return modelOf(await readModel(docs, { threads }));
}
