/**
 * Seeded hashing and a tiny PRNG for fake data. Every generated value gets its own generator,
 * seeded from a hash of (seed, resource, scope, row index, field path): a value then depends on
 * nothing else, so adding a field or a row never reshuffles the others.
 *
 * Why not faker's own seeding: `faker.seed(n)` re-initialises a Mersenne Twister, measured at
 * ~0.5 ms per call here, which per-value seeding would pay thousands of times per scope.
 */

/** FNV-1a over a string, continuing from `h` (32-bit). */
export function hashString(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A separator so ('ab','c') and ('a','bc') hash apart.
  h ^= 0xff;
  return Math.imul(h, 0x01000193) >>> 0;
}

/** Hash of several parts, each separated (order matters). */
export function hashParts(parts: readonly (string | number)[], h = 0x811c9dc5): number {
  for (const part of parts) h = hashString(String(part), h);
  return h;
}

/**
 * mulberry32: fast, 32-bit state, good enough for plausible fake values. A class, not closures:
 * one is made per generated value, and per-instance closures cost (and tsx wraps each in a
 * defineProperty call for its name).
 */
export class Rng {
  private a: number;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  /** A uint32. */
  u32(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

export function rng(seed: number): Rng {
  return new Rng(seed);
}
