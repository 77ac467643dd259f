/**
 * The model of doc pages, built exactly as `generate` builds it (readPage + buildModel, then
 * JSON.parse of model.json's text): shared by every test that needs a model.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel } from '../../generator/model/build-model.ts';
import type { Model } from '../../generator/model/types.ts';
import { readPage } from '../../generator/pool.ts';
import { listPages } from '../../generator/read/list-pages.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const REFERENCE_PAGES = [
  'docs/providers/confluent/iam/invitations/index.md',
  'docs/providers/google/cloudidentity/userinvitations/index.md',
];

/** The model of these pages (paths relative to the project). */
export function modelOf(pages: string[]): Model {
  const built = buildModel(pages.map((file) => ({ file, record: readPage(readFileSync(join(ROOT, file), 'utf8'), file), selected: true })));
  return JSON.parse(built.text) as Model;
}

/** The model of every page in docs/. */
export function docsModel(): Model {
  return modelOf(listPages(join(ROOT, 'docs')).map((file) => file.slice(ROOT.length + 1).split('\\').join('/')));
}
