/**
 * The model of doc pages, built exactly as `generate` builds it (readModelSync: the same extraction
 * and assembly, in this thread): shared by every test that needs a model.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model } from '../../generator/core/model.ts';
import { readModelSync } from '../../generator/read-model.ts';
import { listPages } from '../../generator/read/list-pages.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const REFERENCE_PAGES = [
  'docs/providers/confluent/iam/invitations/index.md',
  'docs/providers/google/cloudidentity/userinvitations/index.md',
];

/** The model of these pages (paths relative to the project). */
export function modelOf(pages: string[]): Model {
  return readModelSync(pages.map((file) => join(ROOT, file)), { relativeTo: ROOT });
}

/** The model of every page in docs/. */
export function docsModel(): Model {
  return readModelSync(listPages(join(ROOT, 'docs')), { relativeTo: ROOT });
}

/**
 * Writes `count` resource pages into `docs` (a new folder), each docs/'s volumes page under another
 * resource name: enough pages for a run on worker threads. Returns `docs`.
 */
export function copiesOfVolumesPage(docs: string, count: number): string {
  const page = readFileSync(join(ROOT, 'docs/providers/example/compute/volumes/index.md'), 'utf8');
  for (let k = 0; k < count; k++) {
    const name = `volumes${k}`;
    mkdirSync(join(docs, 'providers/example/compute', name), { recursive: true });
    writeFileSync(join(docs, 'providers/example/compute', name, 'index.md'), page.replaceAll('volumes', name));
  }
  return docs;
}
