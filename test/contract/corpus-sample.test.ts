// The corpus sample (what CI generates and runs the contract suites of): deterministic, spread over
// every group and within each, ids unique; and the check of a run's drift against the known list.
import { describe, expect, it } from 'vitest';
import { buildReport, type DriftEntry } from '../../mocks/contract/drift.ts';
import { checkKnownDrift } from './run-corpus-sample.ts';
import { DEFAULT_SAMPLE_SIZE, pickContractSample, type SampleCandidate } from './corpus-sample.ts';
import { KNOWN_DRIFT } from './known-drift.ts';

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

describe('checkKnownDrift', () => {
  const entry = (resource: string, field: string): DriftEntry => ({ resource, method: 'get', check: 'method', kind: 'wrong-type', field, message: `${field} is wrong` });
  const tests = { total: 1, passed: 0, failed: 1, skipped: 0 };
  const known = [{ label: 'x', owner: 'mock engine' as const, reason: 'r', kind: 'wrong-type' as const, entries: [['p.s.r', 'tags'] as [string, string]] }];

  it('passes a run whose drift is exactly the listed drift', () => {
    const verdict = checkKnownDrift(buildReport([entry('p.s.r', 'tags'), entry('p.s.r', 'tags')], tests, { target: 'mock', mutations: true }), known);
    expect(verdict).toEqual({ ok: true, known: 2, unexpected: [], stale: [], otherFailures: [] });
  });

  it('fails on new drift, on listed drift that is gone, and on failures without drift', () => {
    const verdict = checkKnownDrift(
      buildReport([entry('p.s.r', 'zones')], tests, { target: 'mock', mutations: true, otherFailures: [{ test: 'a test', message: 'crashed' }] }),
      known,
    );
    expect(verdict).toEqual({ ok: false, known: 0, unexpected: ['p.s.r: wrong-type zones: zones is wrong'], stale: ['p.s.r: wrong-type tags'], otherFailures: ['a test: crashed'] });
  });

  it('has a list without duplicates', () => {
    const keys = KNOWN_DRIFT.flatMap((k) => k.entries.map(([r, f]) => `${k.kind} ${r} ${f}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
