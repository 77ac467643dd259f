/**
 * Deterministic, plausible fake values, drawn from a field's type reference (core/types.ts): the
 * same type the client's Row and the validators are made from, so a generated row is always one
 * they accept.
 *
 * Rules, by the type:
 *  - an enum → one of its values; a pattern → a string matching it (randexp, driven by the value's
 *    own seeded generator);
 *  - string with a format → by format: int64/uint64/int32 → digits (Google's int64-as-string),
 *    date-time/google-datetime → ISO-8601, date, uri, email, uuid, ipv4/ipv6, byte → base64,
 *    google-duration → "3600s"; otherwise by name: email, uuid, id, name/slug, display name, url,
 *    timestamp, region and zone (the provider's own: a google `location` is a google region, an
 *    azure one an azure region, an aws one an aws region), status, kind, version, ip, cidr,
 *    etag/token, project...; otherwise two words;
 *  - integer → a whole number in a range the name suggests (ports, counts, sizes); number → a
 *    decimal; boolean → true/false;
 *  - object → each of its properties (up to MAX_PROPS), nested as deep as the type goes; an open
 *    object without properties → a small map fit for its name (labels, tags, metadata);
 *  - array → one or two items of its item type; unknown → a string by name.
 *
 * Each value is drawn from its own generator seeded by hash(seed, resource, scope, row, field
 * path) (see random.ts): a nested value's seed is its parent's first draw and its own name, so it
 * depends on nothing else.
 */
import RandExp from 'randexp';
import type { Field } from '../../generator/core/model.ts';
import { singular } from '../../generator/core/names.ts';
import type { TypeRef } from '../../generator/core/types.ts';
import type { Row } from './types.ts';
import { hashParts, hashString, rng } from './random.ts';
import { DOMAINS, ENVS, TEAMS, WORDS, base36, email, integerGenerator, slug, stringGenerator, timestamp, type FakeContext, type Generator } from './fake-values.ts';

export { regionFamily, slug, type FakeContext, type Generator } from './fake-values.ts';

// plausible sample of its shape is enough, and generation cost is paid on every insert.
const MAX_PROPS = 12;

/**
 * A string matching a pattern: the plausible value by name and format when it matches, else one
 * drawn from the pattern itself (randexp, driven by the value's own seeded generator).
 */
function patternGenerator(pattern: string, plausible: Generator): Generator {
  const re = new RegExp(pattern, 'u');
  const randexp = new RandExp(re);
  randexp.max = 8;
  return (r) => {
    const value = plausible(r);
    if (typeof value === 'string' && re.test(value)) return value;
    randexp.randInt = (from, to) => r.int(from, to);
    return randexp.gen();
  };
}

/** Builds the generator for a value of a type; `name` is the field's or property's name. */
export function generatorFor(type: TypeRef, name: string, ctx: FakeContext): Generator {
  switch (type.kind) {
    case 'string': {
      if (type.enum) {
        const values = type.enum;
        return (r) => r.pick(values);
      }
      const plausible = stringGenerator(name, type.format, ctx);
      return type.pattern === undefined ? plausible : patternGenerator(type.pattern, plausible);
    }
    case 'integer':
    case 'number': {
      if (type.enum) {
        const values = type.enum;
        return (r) => r.pick(values);
      }
      return type.kind === 'integer' ? integerGenerator(name) : (r) => r.int(0, 100_000) / 100;
    }
    case 'boolean':
      return (r) => r.next() < 0.5;
    case 'object':
      return objectGenerator(type, name, ctx);
    case 'array':
      return arrayGenerator(type.items, name, ctx);
    case 'unknown':
      return stringGenerator(name, undefined, ctx);
  }
}

function objectGenerator(type: Extract<TypeRef, { kind: 'object' }>, name: string, ctx: FakeContext): Generator {
  if (type.properties.length > 0) {
    const children = type.properties.slice(0, MAX_PROPS).map((p) => ({ name: p.name, gen: generatorFor(p.type, p.name, ctx) }));
    return (r) => {
      const out: Row = {};
      // Children draw from a generator seeded by the parent's first draw plus their name, so a new
      // property in the docs does not shift its siblings.
      const base = r.u32();
      for (const c of children) setOwn(out, c.name, c.gen(rng(hashString(c.name, base))));
      return out;
    };
  }
  if (!type.open) return () => ({});
  const n = name.toLowerCase();
  if (/labels|tags|annotations/.test(n)) return (r) => ({ env: r.pick(ENVS), team: r.pick(TEAMS) });
  if (/metadata/.test(n)) return (r) => ({ created_at: timestamp(r), updated_at: timestamp(r), self: `https://${r.pick(DOMAINS)}/${ctx.service}/${slug(ctx, r)}` });
  if (/(user|creator|owner|principal|account)$/.test(n)) return (r) => ({ id: `u-${base36(r, 8)}`, email: email(r) });
  return (r) => ({ name: slug(ctx, r), value: `${r.pick(WORDS)}-${r.int(1, 99)}` });
}

function arrayGenerator(items: TypeRef, name: string, ctx: FakeContext): Generator {
  let gen: Generator;
  if (items.kind !== 'unknown') gen = generatorFor(items, singular(name), ctx);
  else if (/tags$/i.test(name)) gen = (r) => ({ Key: r.pick(['env', 'team', 'owner']), Value: r.pick(ENVS) });
  else gen = stringGenerator(singular(name), undefined, ctx);
  return (r) => {
    const count = r.int(1, 2);
    const base = r.u32();
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) out.push(gen(rng(hashParts([i], base))));
    return out;
  };
}

/**
 * `target[name] = value` for any name (`__proto__` included: names are the docs'). A plain
 * assignment for every other name: defineProperty for each of a row's values made it the largest
 * cost of an INSERT.
 */
function setOwn(target: Row, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  else target[name] = value;
}

export interface FieldGenerator {
  name: string;
  /** Pre-hashed field name: the last step of the per-value seed. */
  salt: string;
  gen: Generator;
}

/** One generator per field, built once per resource, from the field's type reference. */
export function compileFields(fields: readonly Field[], ctx: FakeContext): FieldGenerator[] {
  return fields.map((f) => ({ name: f.name, salt: f.name, gen: generatorFor(f.typeRef, f.name, ctx) }));
}

/** One generator for a value known only by name (a key param with no field). */
export function nameGenerator(name: string, ctx: FakeContext): Generator {
  return stringGenerator(name, undefined, ctx);
}

/** One field of fakeRow(generators, rowHash), drawn alone: the value fakeRow gives it (undefined when no generator has that name). */
export function fakeField(generators: readonly FieldGenerator[], name: string, rowHash: number): unknown {
  let value: unknown;
  // The last generator of the name wins, as in fakeRow.
  for (const g of generators) if (g.name === name) value = g.gen(rng(hashString(g.salt, rowHash)));
  return value;
}

/** A row: each field's value from its own seed, `rowHash` = hash(seed, resource, scope, index). */
export function fakeRow(generators: readonly FieldGenerator[], rowHash: number): Row {
  const row: Row = {};
  for (const g of generators) setOwn(row, g.name, g.gen(rng(hashString(g.salt, rowHash))));
  return row;
}
