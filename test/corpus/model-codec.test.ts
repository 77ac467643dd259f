// model.json loses nothing on the real docs: every resource of every corpus generation comes back
// from its stored form (generator/core/model-codec.ts) deep-equal to the resource as extracted, and
// the model assembled from them (views typed from their bases) re-encodes to the same bytes.
// Extracts in this thread (the stored form is made in the workers otherwise, after extraction).
// Skipped with a message when ../shared is absent.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPages } from '../../generator/read/list-pages.ts';
import { roundTripPages } from '../helpers/codec.ts';

const CORPUS = join('..', 'shared', 'corpus');
const present = existsSync(CORPUS);
if (!present) console.warn(`${CORPUS} not found: the model codec's corpus check is skipped (it runs in CI, which has ../shared)`);
const generations = present ? readdirSync(CORPUS).filter((d) => !d.startsWith('.')).sort() : [];

describe.skipIf(!present)('model.json\'s stored form on every corpus generation', () => {
  for (const generation of generations) {
    it(`${generation}: every resource round-trips`, () => {
      const trip = roundTripPages(listPages(join(CORPUS, generation)));
      console.log(`${generation}: ${trip.resources} resources, stored ${(trip.storedBytes / 1e6).toFixed(2)} MB of ${(trip.wholeBytes / 1e6).toFixed(2)} MB whole`);
      expect(trip.extracted).toBeGreaterThan(0);
      expect(trip.lost).toEqual([]);
      expect(trip.unstable).toEqual([]);
    });
  }
});
