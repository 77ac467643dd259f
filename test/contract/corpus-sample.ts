/**
 * The fixed sample of corpus resources whose contract suites CI generates and runs
 * (test/contract/run-corpus-sample.ts): deterministic, spread over every provider.
 *
 * Rule: resources are grouped (by provider; the runner groups by corpus and provider, so both doc
 * formats of a provider count), groups sorted by name. Slots are dealt round-robin over the groups,
 * one per group per round, a group dropping out when it has no resources left, until `size` slots
 * are dealt (or every resource is). Within a group the resources are sorted by id and its k slots
 * take evenly spaced positions (the middle of each of k equal stretches), so a sample is not just
 * the alphabetical head of a provider. An id already taken by an earlier group (the same resource
 * documented in two corpora) moves to the next free position. Same input, same sample.
 */

export interface SampleCandidate {
  id: string;
  provider: string;
  /** Optional extra grouping (the corpus folder): candidates group by `${group}/${provider}`. */
  group?: string;
}

export interface SampleOptions {
  /** How many resources. Default 300. */
  size?: number;
}

export const DEFAULT_SAMPLE_SIZE = 300;

/** The sample, in group order then id order. */
export function pickContractSample<C extends SampleCandidate>(model: { resources: readonly C[] }, options: SampleOptions = {}): C[] {
  const size = options.size ?? DEFAULT_SAMPLE_SIZE;
  if (!Number.isInteger(size) || size < 0) throw new TypeError(`size must be a whole number >= 0, got ${size}`);
  const groups = new Map<string, C[]>();
  for (const r of model.resources) {
    const key = r.group === undefined ? r.provider : `${r.group}/${r.provider}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  const names = [...groups.keys()].sort();
  for (const name of names) groups.get(name)!.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Quotas, round-robin.
  const quota = new Map<string, number>(names.map((n) => [n, 0]));
  let dealt = 0;
  const total = model.resources.length;
  while (dealt < Math.min(size, total)) {
    let progressed = false;
    for (const name of names) {
      if (dealt >= size) break;
      if (quota.get(name)! < groups.get(name)!.length) {
        quota.set(name, quota.get(name)! + 1);
        dealt++;
        progressed = true;
      }
    }
    if (!progressed) break;
  }

  // Evenly spaced positions within each group; ids are unique across the sample.
  const taken = new Set<string>();
  const out: C[] = [];
  for (const name of names) {
    const list = groups.get(name)!;
    const k = quota.get(name)!;
    const used = new Set<number>();
    for (let i = 0; i < k; i++) {
      let at = Math.floor(((i + 0.5) * list.length) / k);
      let tries = 0;
      while ((used.has(at) || taken.has(list[at].id)) && tries < list.length) {
        at = (at + 1) % list.length;
        tries++;
      }
      if (tries >= list.length) break;
      used.add(at);
      taken.add(list[at].id);
      out.push(list[at]);
    }
  }
  return out;
}
