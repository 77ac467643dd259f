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
import { hashParts, hashString, rng, type Rng } from './random.ts';

const FIRST = ['ada', 'alan', 'grace', 'linus', 'margaret', 'dennis', 'barbara', 'ken', 'radia', 'edsger', 'frances', 'john', 'lynn', 'tim', 'sophie', 'guido', 'anita', 'bjarne', 'hedy', 'donald'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'ritchie', 'liskov', 'thompson', 'perlman', 'dijkstra', 'allen', 'mccarthy', 'conway', 'berners-lee', 'wilson', 'rossum', 'borg', 'stroustrup', 'lamarr', 'knuth'];
const WORDS = ['amber', 'birch', 'cobalt', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lumen', 'maple', 'nimbus', 'onyx', 'pioneer', 'quartz', 'raven', 'summit', 'tundra', 'umber', 'vertex', 'willow', 'xenon', 'yonder', 'zephyr'];
const ENVS = ['prod', 'staging', 'dev', 'test'];
const TEAMS = ['platform', 'data', 'payments', 'identity', 'web'];
/** Regions and zones by provider family; providers without their own get the generic list. */
const REGIONS: Record<string, readonly string[]> = {
  google: ['us-central1', 'us-east1', 'europe-west1', 'europe-west4', 'asia-east1', 'asia-northeast1'],
  azure: ['eastus', 'westus2', 'westeurope', 'northeurope', 'southeastasia', 'uksouth'],
  aws: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'],
  other: ['us-east', 'us-west', 'eu-central', 'ap-south'],
};
const ZONES: Record<string, readonly string[]> = {
  google: ['us-central1-a', 'us-central1-b', 'us-east1-b', 'europe-west1-c', 'asia-east1-a'],
  azure: ['1', '2', '3'],
  aws: ['us-east-1a', 'us-east-1b', 'us-west-2a', 'eu-west-1b', 'ap-southeast-2c'],
  other: ['zone-a', 'zone-b', 'zone-c'],
};

/** Which regions a provider's resources live in: google, googleadmin, firebase → google; azure_* → azure; aws, awscc → aws. */
export function regionFamily(provider: string): string {
  if (/^(google|googleadmin|googleworkspace|firebase)$/.test(provider)) return 'google';
  if (/^azure/.test(provider)) return 'azure';
  if (/^aws/.test(provider)) return 'aws';
  return 'other';
}
const STATUSES = ['ACTIVE', 'PENDING', 'READY', 'RUNNING', 'ENABLED', 'PROVISIONING'];
const DOMAINS = ['example.com', 'example.org', 'example.net'];
const SENTENCES = [
  'Managed by the platform team.',
  'Created for integration testing.',
  'Primary resource for the production workload.',
  'Temporary resource; safe to delete after review.',
  'Shared across the data pipelines.',
];

/** 2023-01-01T00:00:00Z, and a three-year window after it. */
const EPOCH = Date.UTC(2023, 0, 1);
const WINDOW_S = 3 * 365 * 24 * 3600;

export type Generator = (r: Rng) => unknown;

const base36 = (r: Rng, length: number) => {
  let s = '';
  while (s.length < length) s += r.u32().toString(36);
  return s.slice(0, length);
};
const hex = (r: Rng, length: number) => {
  let s = '';
  while (s.length < length) s += r.u32().toString(16).padStart(8, '0');
  return s.slice(0, length);
};
const uuid = (r: Rng) => {
  const h = hex(r, 32);
  // Version 4, variant 10xx: what a real API hands out.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[r.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const timestamp = (r: Rng) => new Date(EPOCH + r.int(0, WINDOW_S) * 1000 + r.int(0, 999)).toISOString();
const base64 = (r: Rng, bytes: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < Math.ceil(bytes / 3) * 4; i++) s += chars[r.int(0, 63)];
  return s;
};
const email = (r: Rng) => `${r.pick(FIRST)}.${r.pick(LAST)}@${r.pick(DOMAINS)}`;
const ipv4 = (r: Rng) => `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;

export interface FakeContext {
  provider: string;
  /** regionFamily(provider). */
  family: string;
  service: string;
  /** The resource's name, singular: 'invitation'. */
  singular: string;
}

/** A slug such as `invitation-amber-482`: URL-safe, so it works as an identity in a path. */
export function slug(ctx: FakeContext, r: Rng): string {
  return `${ctx.singular.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${r.pick(WORDS)}-${r.int(100, 999)}`;
}

/** A string generator for a field name and format; always returns something. */
function stringGenerator(name: string, format: string | undefined, ctx: FakeContext): Generator {
  switch (format) {
    case 'int64':
    case 'uint64':
      return (r) => String(r.int(1, 9_999_999) * 1_000_000 + r.int(0, 999_999));
    case 'int32':
    case 'uint32':
    case 'integer':
      return (r) => String(r.int(0, 1000));
    case 'double':
    case 'float':
      return (r) => (r.int(0, 100_000) / 100).toFixed(2);
    case 'date-time':
    case 'google-datetime':
    case 'timestamp':
      return timestamp;
    case 'date':
      return (r) => timestamp(r).slice(0, 10);
    case 'uri':
    case 'url':
      return (r) => `https://${r.pick(DOMAINS)}/${ctx.service}/${slug(ctx, r)}`;
    case 'email':
      return email;
    case 'uuid':
      return uuid;
    case 'byte':
      return (r) => base64(r, 12);
    case 'google-duration':
      return (r) => `${r.int(1, 86_400)}s`;
    case 'google-fieldmask':
      return () => 'name,labels';
    case 'ipv4':
    case 'ip':
      return ipv4;
    case 'ipv6':
      return (r) => `fd00::${hex(r, 4)}:${hex(r, 4)}`;
  }
  const n = name.toLowerCase();
  if (n.includes('email')) return email;
  if (/(^|_)(uuid|guid|uid)$/.test(n)) return uuid;
  if (/etag|fingerprint|checksum|hash|sha|md5|crc/.test(n)) return (r) => hex(r, 16);
  if (/token|secret|password|(api|access|private|signing)_?key$/.test(n)) return (r) => base64(r, 18);
  if (/(selflink|url|uri|link|href|endpoint)$/.test(n)) return (r) => `https://${r.pick(DOMAINS)}/${ctx.service}/${slug(ctx, r)}`;
  if (/(time|date|timestamp)$/.test(n) || /(_at|At)$/.test(name)) return timestamp;
  if (/display_?name|title/.test(n)) return (r) => `${cap(r.pick(WORDS))} ${cap(r.pick(WORDS))}`;
  if (/(first_?name|given_?name)$/.test(n)) return (r) => cap(r.pick(FIRST));
  if (/(last_?name|family_?name|surname)$/.test(n)) return (r) => cap(r.pick(LAST));
  if (/(full_?name|user_?name|owner|creator|author)$/.test(n)) return (r) => `${cap(r.pick(FIRST))} ${cap(r.pick(LAST))}`;
  if (n === 'id' || /(_id|Id|ID)$/.test(name)) return (r) => `${ctx.singular.slice(0, 3).toLowerCase() || 'id'}-${base36(r, 10)}`;
  if (n === 'name' || /name$/.test(n)) return (r) => slug(ctx, r);
  if (/zone/.test(n)) return (r) => r.pick(ZONES[ctx.family]);
  if (/region|location/.test(n)) return (r) => r.pick(REGIONS[ctx.family]);
  if (/(status|state|phase)$/.test(n)) return (r) => r.pick(STATUSES);
  if (n === 'kind') {
    return ctx.provider === 'google' ? () => `${ctx.service}#${ctx.singular}` : () => cap(ctx.singular);
  }
  if (/api_?version/.test(n)) return () => `${ctx.service}/v1`;
  if (/version$/.test(n)) return (r) => `${r.int(1, 3)}.${r.int(0, 12)}.${r.int(0, 30)}`;
  if (/description|summary|comment|message|note|reason/.test(n)) return (r) => r.pick(SENTENCES);
  if (/cidr|range$/.test(n)) return (r) => `10.${r.int(0, 255)}.0.0/${r.pick([16, 20, 24])}`;
  if (/(ip|ipaddress|ip_address|address)$/.test(n)) return ipv4;
  if (/phone/.test(n)) return (r) => `+1-555-${String(r.int(0, 9999)).padStart(4, '0')}`;
  if (/country/.test(n)) return (r) => r.pick(['US', 'GB', 'DE', 'AU', 'JP']);
  if (/language|locale/.test(n)) return (r) => r.pick(['en-US', 'en-GB', 'de-DE', 'ja-JP']);
  if (/project/.test(n)) return (r) => `${r.pick(WORDS)}-project-${r.int(100, 999)}`;
  if (/arn$/.test(n)) return (r) => `arn:aws:${ctx.service}:${r.pick(REGIONS.aws)}:${r.int(100_000_000_000, 999_999_999_999)}:${ctx.singular}/${base36(r, 8)}`;
  if (/mime|content_?type/.test(n)) return (r) => r.pick(['application/json', 'text/plain', 'image/png']);
  if (/(type|class|tier|mode|sku)$/.test(n)) return (r) => r.pick(['STANDARD', 'PREMIUM', 'BASIC']);
  if (/path$/.test(n)) return (r) => `/${r.pick(WORDS)}/${r.pick(WORDS)}`;
  if (/count|number|size|total/.test(n)) return (r) => String(r.int(0, 500));
  return (r) => `${r.pick(WORDS)}-${r.pick(WORDS)}`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function integerGenerator(name: string): Generator {
  const n = name.toLowerCase();
  if (/port/.test(n)) return (r) => r.int(1024, 65_535);
  if (/percent|ratio/.test(n)) return (r) => r.int(0, 100);
  if (/year/.test(n)) return (r) => r.int(2015, 2026);
  if (/(gb|mb|size|bytes)/.test(n)) return (r) => r.pick([8, 10, 16, 32, 64, 100, 256]);
  if (/count|num|total|max|min|limit/.test(n)) return (r) => r.int(0, 100);
  return (r) => r.int(1, 1000);
}

// Nested values stay small: a real object can be huge (google.compute.instances.disks), but a
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

/** `target[name] = value` for any name (`__proto__` included: names are the docs'). */
function setOwn(target: Row, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
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

/** A row: each field's value from its own seed, `rowHash` = hash(seed, resource, scope, index). */
export function fakeRow(generators: readonly FieldGenerator[], rowHash: number): Row {
  const row: Row = {};
  for (const g of generators) setOwn(row, g.name, g.gen(rng(hashString(g.salt, rowHash))));
  return row;
}
