// The corpus sample (what CI generates and runs the contract suites of): deterministic, spread over
// every group and within each, ids unique; and how the runner shards every resource and counts skips.
import { describe, expect, it } from 'vitest';
import { shardModels, skipReason } from './run-corpus-sample.ts';
import type { Model } from '../../generator/core/model.ts';
import { DEFAULT_SAMPLE_SIZE, pickContractSample, type SampleCandidate } from './corpus-sample.ts';

function candidates(counts: Record<string, number>, group?: string): SampleCandidate[] {
  return Object.entries(counts).flatMap(([provider, n]) =>
    Array.from({ length: n }, (_, k) => ({ id: `${provider}.svc.res${String(k).padStart(4, '0')}`, provider, ...(group ? { group } : {}) })),
  );
}

describe('pickContractSample', () => {
  const resources = candidates({ aws: 2870, azure: 3727, anthropic: 1, homebrew: 9, google: 1773, okta: 73 });

  it('takes 300 by default, deterministically, whatever the input order', () => {
    const a = pickContractSample({ resources });
    const b = pickContractSample({ resources: [...resources].reverse() });
    expect(a).toHaveLength(DEFAULT_SAMPLE_SIZE);
    expect(b.map((r) => r.id)).toEqual(a.map((r) => r.id));
    expect(new Set(a.map((r) => r.id)).size).toBe(a.length);
  });

  it('deals round-robin over providers: small ones give all they have, the rest share evenly', () => {
    const counts: Record<string, number> = {};
    for (const r of pickContractSample({ resources })) counts[r.provider] = (counts[r.provider] ?? 0) + 1;
    // 300 - 1 - 9 = 290 over four providers: the first two (by name) get the two left over.
    expect(counts).toEqual({ anthropic: 1, homebrew: 9, aws: 73, azure: 73, google: 72, okta: 72 });
  });

  it('spreads over each provider rather than taking its alphabetical head', () => {
    const picked = pickContractSample({ resources }).filter((r) => r.provider === 'okta').map((r) => Number(r.id.slice(-4)));
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(72);
    const few = pickContractSample({ resources: candidates({ aws: 100 }) }, { size: 4 }).map((r) => Number(r.id.slice(-4)));
    expect(few).toEqual([12, 37, 62, 87]);
  });

  it('groups by corpus and provider, and takes an id found in two corpora once', () => {
    const both = [...candidates({ google: 50 }, 'registry-docs'), ...candidates({ google: 50 }, 'google-microsite')];
    const picked = pickContractSample({ resources: both }, { size: 20 });
    expect(picked.filter((r) => r.group === 'registry-docs')).toHaveLength(10);
    expect(picked.filter((r) => r.group === 'google-microsite')).toHaveLength(10);
    expect(new Set(picked.map((r) => r.id)).size).toBe(20);
  });

  it('takes everything when asked for more than there is', () => {
    expect(pickContractSample({ resources: candidates({ a: 3, b: 2 }) }, { size: 10 })).toHaveLength(5);
    expect(() => pickContractSample({ resources }, { size: -1 })).toThrow(TypeError);
  });
});

describe('the corpus runner', () => {
  it('shards every resource by corpus folder and provider, in name order', () => {
    const model = (ids: string[]) => ({ version: '1', diagnostics: [], summary: { pages: 0, resources: 0, skipped: {}, methods: 0, examples: 0 }, resources: ids.map((id) => ({ id, provider: id.split('.')[0], methods: [], examples: [] })) }) as unknown as Model;
    const shards = shardModels([
      { corpus: 'b', model: model(['google.s.y', 'aws.s.x', 'google.s.a']) },
      { corpus: 'a', model: model(['google.s.y']) },
    ]);
    expect(shards.map((s) => [s.name, s.model.resources.map((r) => r.id)])).toEqual([
      ['a/google', ['google.s.y']],
      ['b/aws', ['aws.s.x']],
      ['b/google', ['google.s.a', 'google.s.y']],
    ]);
  });

  it('counts skipped tests by the reason their title carries', () => {
    expect(skipReason("create (insert): the client's statement matches the docs and the mock accepts it: skipped, the client cannot write a statement for it (no values)")).toBe(
      'the client cannot write a statement for it',
    );
    expect(skipReason('round trip: no DELETE method takes the key')).toBe('no DELETE method takes the key');
  });
});
