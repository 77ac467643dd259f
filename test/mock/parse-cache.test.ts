// The engine's parse cache: bounded by bytes, least recently used out, one-off texts not admitted.
import { describe, expect, it } from 'vitest';
import { ParseCache } from '../../mocks/engine/parse-cache.ts';

describe('ParseCache', () => {
  it('keeps a text from its second sighting on', () => {
    const c = new ParseCache<number>(1000, 100);
    c.set('SELECT 1', 1);
    expect(c.get('SELECT 1')).toBeUndefined();
    c.set('SELECT 1', 1);
    expect(c.get('SELECT 1')).toBe(1);
  });

  it('holds at most maxBytes of text, dropping the least recently used', () => {
    const c = new ParseCache<string>(100, 50);
    const texts = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(30, 'x'));
    for (const t of texts.slice(0, 3)) {
      c.set(t, t);
      c.set(t, t);
    }
    expect(c.size).toBe(90);
    c.get(texts[0]); // used: now the most recent
    c.set(texts[3], texts[3]);
    c.set(texts[3], texts[3]);
    expect(c.size).toBeLessThanOrEqual(100);
    expect(c.has(texts[0])).toBe(true);
    expect(c.has(texts[1])).toBe(false);
    expect(c.has(texts[3])).toBe(true);
  });

  it('a text used again after others were kept is the most recent, even when it was the newest before them', () => {
    // The newest entry is not moved on a get (it is at the end already): that shortcut must follow
    // every set, or a text used again right after a newer one was kept would stay the oldest.
    const c = new ParseCache<string>(100, 50);
    const [a, b, d, e] = ['a', 'b', 'd', 'e'].map((t) => t.padEnd(30, 'x'));
    c.set(a, a);
    c.set(a, a);
    expect(c.get(a)).toBe(a);
    c.set(b, b);
    c.set(b, b);
    expect(c.get(a)).toBe(a); // the most recent again: b is the oldest
    for (const t of [d, e]) {
      c.set(t, t);
      c.set(t, t);
    }
    expect(c.has(b)).toBe(false);
    expect([a, d, e].map((t) => c.has(t))).toEqual([true, true, true]);
  });

  it('never keeps a text over maxEntry, and one-off texts do not push repeated ones out', () => {
    const c = new ParseCache<number>(1000, 100);
    c.set('x'.repeat(101), 1);
    c.set('x'.repeat(101), 1);
    expect(c.size).toBe(0);
    c.set('SELECT hot', 1);
    c.set('SELECT hot', 1);
    for (let i = 0; i < 10_000; i++) c.set(`INSERT ${i}`, i);
    expect(c.get('SELECT hot')).toBe(1);
    expect(c.size).toBe('SELECT hot'.length);
  });
});
