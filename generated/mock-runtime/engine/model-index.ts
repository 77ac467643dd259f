/**
 * The generated mocks' services, read out of model.json itself: `generate` writes
 * mocks/model-index.json, which gives model.json's size and, per `provider.service`, the byte range
 * of its resources in model.json (they are contiguous: sorted by id), how many there are and the
 * services they read, and which stackql-docgen wrote it (a reader of another version refuses it:
 * model.json is decoded with the reader's own rules). Loading a service reads its range alone (read-range.ts) and parses it as
 * `[` + range + `]`, each resource decoded (core/model-codec.ts). Anything that says model.json is not the file the index was written for (its
 * size, a range that is not JSON, resources of another service or another count) is an error that
 * says so and to run generate again: never a mock silently serving other resources.
 */
import type { Resource } from '../../core/model.js';
import { decodeResource } from '../../core/model-codec.js';
import { assertWriter } from '../../core/writer.js';
import { serviceIndex, type ServiceIndex, type ServiceModel } from './lazy.js';
import { loadJson } from './load-json.js';
import { rangeReader } from './read-range.js';

/** mocks/model-index.json as generate writes it (generator/emit/handlers.ts). */
export interface ModelIndexFile {
  /** The stackql-docgen that wrote it and model.json (core/writer.ts): this one reads only its own. */
  writer?: string;
  /** The model file, relative to the index file: `../model.json`. */
  model: string;
  /** Its size in bytes when generate wrote it. */
  bytes: number;
  services: Record<string, ServiceRange>;
}

/** Where one service's resources are in model.json: bytes [start, end). */
export interface ServiceRange {
  start: number;
  end: number;
  /** How many resources the range holds. */
  resources: number;
  /** Other `provider.service` keys its resources read (views' bases, examples' targets): loaded with it. */
  needs: string[];
}

export interface ModelFiles {
  /** mocks/model-index.json. */
  index: URL | string;
  /**
   * model.json. Default: the index's `model`, relative to the index. The entries name it with
   * `new URL('../model.json', import.meta.url)` so that a bundler emits it as an asset (and gives
   * its new URL here).
   */
  model?: URL | string;
  /** The services to serve (each with the services it needs); default every service of the index. */
  services?: readonly string[];
}

/** The services of `files.services` (and those they need) as a ServiceIndex: each service's range read once. */
export async function modelServiceIndex(files: ModelFiles): Promise<ServiceIndex> {
  const indexHref = String(files.index);
  const index = checkedIndex(await loadJson<unknown>(files.index), indexHref);
  const model = files.model ?? new URL(index.model, indexHref);
  const modelHref = String(model);
  const read = rangeReader(model);
  const stale = (why: string) => new Error(`${modelHref} changed after \`generate\` wrote ${indexHref}: ${why}. Run \`npx stackql-docgen generate\` again.`);

  const wanted = files.services ?? Object.keys(index.services);
  const keys = new Set<string>();
  const todo = [...wanted];
  while (todo.length > 0) {
    const key = todo.pop()!;
    if (keys.has(key)) continue;
    const range = own(index.services, key) ? index.services[key] : undefined;
    if (range === undefined) throw new Error(`${indexHref} has no service '${key}', which the mock entry names: the index changed after \`generate\` wrote the entries. Run \`npx stackql-docgen generate\` again.`);
    keys.add(key);
    todo.push(...range.needs);
  }

  const load = async (key: string): Promise<ServiceModel> => {
    const { start, end, resources: count, needs } = index.services[key]!;
    const where = `bytes ${start}-${end - 1} (${key}'s resources)`;
    const { bytes, total } = await read(start, end);
    if (total !== undefined && total !== index.bytes) throw stale(`it is ${total} bytes, the index was written for ${index.bytes}`);
    if (bytes.length !== end - start) throw stale(`${where} are past its end`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw stale(`${where} are not UTF-8 text`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(`[${text}]`);
    } catch (error) {
      throw stale(`${where} are not a list of resources (${(error as Error).message})`);
    }
    const resources = parsed as Resource[];
    if (resources.length !== count) throw stale(`${where} hold ${resources.length} resources, not ${count}`);
    for (const r of resources) {
      const ofService = typeof r === 'object' && r !== null && typeof r.id === 'string' && `${r.provider}.${r.service}` === key;
      if (!ofService) throw stale(`${where} hold ${typeof r?.id === 'string' ? `resource ${r.id}` : 'something that is not a resource'}, not one of ${key}'s`);
      // model.json leaves out what can be worked out again (core/model-codec.ts): restored here.
      decodeResource(r);
    }
    return { resources, needs };
  };
  return serviceIndex(Object.fromEntries([...keys].sort().map((key) => [key, () => load(key)])));
}

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The index file, checked for the shape generate writes. */
function checkedIndex(value: unknown, href: string): ModelIndexFile {
  const bad = (why: string) => new Error(`${href} is not the model index \`generate\` writes (mocks/model-index.json): ${why}`);
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (typeof value !== 'object' || value === null) throw bad('not a JSON object');
  assertWriter((value as { writer?: unknown }).writer, href);
  const { model, bytes, services } = value as Partial<ModelIndexFile>;
  if (typeof model !== 'string' || model === '') throw bad('no `model` file named');
  if (!isCount(bytes)) throw bad('no `bytes` size of the model');
  if (typeof services !== 'object' || services === null) throw bad('no `services`');
  for (const [key, s] of Object.entries(services)) {
    const ok =
      typeof s === 'object' && s !== null && isCount(s.start) && isCount(s.end) && s.start < s.end && s.end <= bytes && isCount(s.resources) && s.resources > 0 &&
      Array.isArray(s.needs) && s.needs.every((n) => typeof n === 'string' && own(services, n));
    if (!ok) throw bad(`service '${key}' is not { start < end <= bytes, resources > 0, needs: [services of the index] }`);
  }
  return { model, bytes, services };
}
