/**
 * The proof that model.json loses nothing (core/model-codec.ts): every resource of some doc pages,
 * as extracted, comes back from its stored form deep-equal, and the model `generate` assembles from
 * them (views typed from their bases) re-encodes to the same bytes. Shared by test/core (docs/ and
 * the fixtures) and test/corpus (every corpus generation).
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { decodeResource, encodeResource, parseModel } from '../../generator/core/model-codec.ts';
import type { Resource } from '../../generator/core/model.ts';
import { extractPageSafely } from '../../generator/extract/resource.ts';
import { buildModel, type PageOutcome } from '../../generator/model/build-model.ts';
import { resourceJsonOf, toRecord } from '../../generator/model/page-record.ts';

/** What JSON keeps of a value: undefined keys dropped, as in model.json. */
export const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A resource through its stored form: JSON text, parsed and decoded. */
export const throughStoredForm = (r: Resource): Resource => decodeResource(JSON.parse(JSON.stringify(encodeResource(r))));

export interface RoundTrip {
  /** Resources extracted, and the model's resources. */
  extracted: number;
  resources: number;
  /** Ids whose resource did not come back deep-equal (with the first differing key). */
  lost: string[];
  /** Ids whose decoded resource encodes to other bytes than the model holds. */
  unstable: string[];
  /** Bytes of the resources as stored, and as the in-memory resources printed whole. */
  storedBytes: number;
  wholeBytes: number;
}

/** Extracts `files` (in this thread), checks each resource's round trip and the assembled model's. */
export function roundTripPages(files: readonly string[]): RoundTrip {
  // Key order aside (a decoded key comes last), as JSON: node's deep strict equality, not the codec's own.
  const same = (a: unknown, b: unknown) => isDeepStrictEqual(asJson(a), asJson(b));
  const lost: string[] = [];
  const outcomes: PageOutcome[] = [];
  let extracted = 0;
  for (const file of files) {
    const result = extractPageSafely(readFileSync(file, 'utf8'), file);
    if (result.kind === 'resource') {
      extracted++;
      const original = asJson(result.resource);
      const back = throughStoredForm(result.resource);
      if (!same(back, original)) {
        const key = Object.keys(original).find((k) => !same((back as unknown as Record<string, unknown>)[k], (original as unknown as Record<string, unknown>)[k]));
        lost.push(`${original.id} (${key ?? 'keys'})`);
      }
    }
    outcomes.push({ file, record: toRecord(result), selected: true });
  }
  const built = buildModel(outcomes);
  const model = parseModel(built.text);
  const unstable = built.resources.filter((r, k) => resourceJsonOf(model.resources[k]!) !== r.json).map((r) => r.id);
  return {
    extracted,
    resources: model.resources.length,
    lost,
    unstable,
    storedBytes: built.resources.reduce((n, r) => n + Buffer.byteLength(r.json), 0),
    wholeBytes: model.resources.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0),
  };
}
