/**
 * The model cut for the browser page: a small index (provider → service → resource → chunk
 * number) and one chunk per resource, so the page fetches the index and then only the resources
 * the user picks, never a whole provider (google: 2,357 pages). Used by bundle.ts to write
 * `index.json` and `resources/<n>.json`; the page reads them (main.ts).
 */
import type { Model, Resource } from '../../generator/core/model.ts';

export const INDEX_FILE = 'index.json';
export const CHUNK_DIR = 'resources';
export const chunkFile = (n: number) => `${CHUNK_DIR}/${n}.json`;

export interface BrowserIndex {
  /** provider → service → resource name → chunk number (`resources/<n>.json`), all in name order. */
  tree: Record<string, Record<string, Record<string, number>>>;
  resources: number;
  /** Bytes of the whole model as JSON: what the page does not have to fetch. */
  modelBytes: number;
  /** Diagnostics of the model, by code: shown on the page, since not every page became a resource. */
  diagnostics: Record<string, number>;
}

export interface ResourceChunk {
  resource: Resource;
  /**
   * Chunks of the other resources this one's examples query (a join, a resource written by
   * another's page): loaded with it, so every example runs, and so that no view is derived in
   * place of a resource the model has.
   */
  needs: number[];
}

export interface SplitModel {
  index: BrowserIndex;
  /** Chunk n at position n. */
  chunks: ResourceChunk[];
}

export function splitModel(model: Model): SplitModel {
  const diagnostics: Record<string, number> = {};
  for (const d of model.diagnostics) diagnostics[d.code] = (diagnostics[d.code] ?? 0) + 1;
  const resources: Resource[] = [];
  const numberOf = new Map<string, number>();
  for (const r of [...model.resources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (numberOf.has(r.id)) {
      // The engine would keep one of them too; here it is said.
      diagnostics['browser/duplicate-id'] = (diagnostics['browser/duplicate-id'] ?? 0) + 1;
      continue;
    }
    numberOf.set(r.id, resources.length);
    resources.push(r);
  }
  const tree: BrowserIndex['tree'] = {};
  for (const [n, r] of resources.entries()) {
    const services = (tree[r.provider] ??= {});
    const names = (services[r.service] ??= {});
    names[r.name] = n;
  }
  const chunks = resources.map((resource): ResourceChunk => {
    const needs = new Set<number>();
    for (const e of resource.examples) {
      const other = e.target === undefined || e.target === resource.id ? undefined : numberOf.get(e.target);
      if (other !== undefined) needs.add(other);
    }
    return { resource, needs: [...needs].sort((a, b) => a - b) };
  });
  return { index: { tree, resources: numberOf.size, modelBytes: Buffer.byteLength(JSON.stringify(model)), diagnostics }, chunks };
}
