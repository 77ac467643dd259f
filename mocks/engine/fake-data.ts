/**
 * Deterministic, plausible fake values for a resource's fields.
 *
 * Rules, first match wins:
 *  1. an enum (from the field's description, or the manifest's valid values) → one of its values;
 *  2. boolean → true/false; integer → an int in a range the name suggests (ports, counts, sizes...);
 *     number → a float;
 *  3. string with a format → by format: int64/uint64/int32 → digits (Google's int64-as-string),
 *     date-time/google-datetime → ISO-8601 timestamp, date, uri, email, uuid, byte → base64,
 *     google-duration → "3600s", double/float → decimal text;
 *  4. string by name → email, uuid, id, name/slug, display name, url, timestamp, region, zone,
 *     status, kind, version, description, ip, cidr, etag/token, project...; otherwise two words;
 *  5. object → its shape from the manifest tree when the page has one, labels/tags → a small map,
 *     otherwise a small generic object; array → one or two items (the manifest's `[0]` item shape,
 *     else values chosen by the singular of the field's name).
 *
 * Each value is drawn from its own generator seeded by hash(seed, resource, scope, row, field path)
 * (see random.ts), so it depends on nothing else.
 */
import type { Field, ManifestNode, Resource } from '../../generator/core/model.ts';
import { normalizeName, singular } from '../../generator/core/names.ts';
import type { Row } from './types.ts';
import { hashParts, hashString, rng, type Rng } from './random.ts';

const FIRST = ['ada', 'alan', 'grace', 'linus', 'margaret', 'dennis', 'barbara', 'ken', 'radia', 'edsger', 'frances', 'john', 'lynn', 'tim', 'sophie', 'guido', 'anita', 'bjarne', 'hedy', 'donald'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'ritchie', 'liskov', 'thompson', 'perlman', 'dijkstra', 'allen', 'mccarthy', 'conway', 'berners-lee', 'wilson', 'rossum', 'borg', 'stroustrup', 'lamarr', 'knuth'];
const WORDS = ['amber', 'birch', 'cobalt', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lumen', 'maple', 'nimbus', 'onyx', 'pioneer', 'quartz', 'raven', 'summit', 'tundra', 'umber', 'vertex', 'willow', 'xenon', 'yonder', 'zephyr'];
const ENVS = ['prod', 'staging', 'dev', 'test'];
const TEAMS = ['platform', 'data', 'payments', 'identity', 'web'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2', 'us-central1', 'europe-west1', 'asia-east1', 'eastus', 'westeurope'];
const ZONES = ['us-central1-a', 'us-east1-b', 'europe-west1-c', 'asia-east1-a', 'us-east-1a', 'eu-west-1b'];
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
      return ipv4;
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
  if (/zone/.test(n)) return (r) => r.pick(ZONES);
  if (/region|location/.test(n)) return (r) => r.pick(REGIONS);
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
  if (/arn$/.test(n)) return (r) => `arn:aws:${ctx.service}:${r.pick(REGIONS)}:${r.int(100_000_000_000, 999_999_999_999)}:${ctx.singular}/${base36(r, 8)}`;
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

/** The shape of a value, from a field or a manifest node. */
interface Spec {
  name: string;
  type: string;
  format?: string;
  enum?: readonly string[];
  manifest?: ManifestNode;
}

const MANIFEST_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array']);
// Nested values stay small: a real object can be huge (google.compute.instances.disks), but a
// plausible sample of its shape is enough, and generation cost is paid on every insert.
const MAX_DEPTH = 3;
const MAX_PROPS = 12;

/** A manifest leaf's type: its value is a type word, a `{{ 2 }}`-style literal, or a template. */
function manifestSpec(node: ManifestNode): Spec {
  const spec: Spec = { name: node.name, type: 'string', manifest: node };
  if (node.props && node.props.length > 0) {
    spec.type = node.props.every((p) => /^\[\d+\]$/.test(p.name)) ? 'array' : 'object';
    return spec;
  }
  if (node.validValues && node.validValues.length > 0) spec.enum = node.validValues;
  const raw = (node.value ?? '').trim();
  const inner = raw.replace(/^\{\{\s*(.*?)\s*\}\}$/s, '$1').replace(/^['"]|['"]$/g, '');
  if (MANIFEST_TYPES.has(inner)) spec.type = inner;
  else if (/^-?\d+$/.test(inner)) spec.type = 'integer';
  else if (/^-?\d+\.\d+$/.test(inner)) spec.type = 'number';
  else if (inner === 'true' || inner === 'false') spec.type = 'boolean';
  return spec;
}

/** Builds the generator for one value shape. `path` only names nested values for seeding. */
function generatorFor(spec: Spec, ctx: FakeContext, depth: number): Generator {
  if (spec.enum && spec.enum.length > 0) {
    const values = spec.enum;
    return (r) => r.pick(values);
  }
  switch (spec.type) {
    case 'boolean':
      return (r) => r.next() < 0.5;
    case 'integer':
      return integerGenerator(spec.name);
    case 'number':
      return (r) => r.int(0, 100_000) / 100;
    case 'object':
      return objectGenerator(spec, ctx, depth);
    case 'array':
      return arrayGenerator(spec, ctx, depth);
    default:
      if (/metadata$/i.test(spec.name) && spec.type !== 'string') return objectGenerator({ ...spec, type: 'object' }, ctx, depth);
      return stringGenerator(spec.name, spec.format, ctx);
  }
}

function objectGenerator(spec: Spec, ctx: FakeContext, depth: number): Generator {
  const props = spec.manifest?.props;
  if (props && props.length > 0 && depth < MAX_DEPTH) {
    const children = props.slice(0, MAX_PROPS).map((p) => ({ name: p.name, gen: generatorFor(manifestSpec(p), ctx, depth + 1) }));
    return (r) => {
      const out: Row = {};
      // Children draw from a generator seeded by the parent's first draw plus their name, so a new
      // child in the manifest does not shift its siblings.
      const base = r.u32();
      for (const c of children) out[c.name] = c.gen(rng(hashString(c.name, base)));
      return out;
    };
  }
  const n = spec.name.toLowerCase();
  if (/labels|tags|annotations/.test(n)) return (r) => ({ env: r.pick(ENVS), team: r.pick(TEAMS) });
  if (/metadata/.test(n)) return (r) => ({ created_at: timestamp(r), updated_at: timestamp(r), self: `https://${r.pick(DOMAINS)}/${ctx.service}/${slug(ctx, r)}` });
  if (/(user|creator|owner|principal|account)$/.test(n)) return (r) => ({ id: `u-${base36(r, 8)}`, email: email(r) });
  return (r) => ({ name: slug(ctx, r), value: `${r.pick(WORDS)}-${r.int(1, 99)}` });
}

function arrayGenerator(spec: Spec, ctx: FakeContext, depth: number): Generator {
  const item = spec.manifest?.props?.[0];
  let gen: Generator;
  if (item && depth < MAX_DEPTH) {
    gen = generatorFor({ ...manifestSpec(item), name: singular(spec.name) }, ctx, depth + 1);
  } else if (/tags$/i.test(spec.name)) {
    gen = (r) => ({ Key: r.pick(['env', 'team', 'owner']), Value: r.pick(ENVS) });
  } else {
    gen = stringGenerator(singular(spec.name), undefined, ctx);
  }
  return (r) => {
    const count = depth === 0 ? r.int(1, 2) : 1;
    const base = r.u32();
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) out.push(gen(rng(hashParts([i], base))));
    return out;
  };
}

/** The manifest's body properties by normalized name (the resource entry's props). */
export function manifestProps(resource: Resource): Map<string, ManifestNode> {
  const map = new Map<string, ManifestNode>();
  for (const top of resource.manifest ?? []) {
    for (const prop of top.props ?? []) {
      const key = normalizeName(prop.name);
      if (!map.has(key)) map.set(key, prop);
    }
  }
  return map;
}

export interface FieldGenerator {
  name: string;
  /** Pre-hashed field name: the last step of the per-value seed. */
  salt: string;
  gen: Generator;
}

/** One generator per field, built once per resource. */
export function compileFields(fields: readonly Field[], manifest: Map<string, ManifestNode>, ctx: FakeContext): FieldGenerator[] {
  return fields.map((f) => {
    const node = manifest.get(normalizeName(f.name));
    const spec: Spec = { name: f.name, type: f.type, format: f.format, enum: f.enum, manifest: node };
    // A manifest that knows the shape better than the fields table ('unknown', 'any') wins.
    if (node && !MANIFEST_TYPES.has(f.type)) Object.assign(spec, manifestSpec(node), { name: f.name, enum: f.enum ?? manifestSpec(node).enum });
    if (!spec.enum && node?.validValues?.length) spec.enum = node.validValues;
    return { name: f.name, salt: f.name, gen: generatorFor(spec, ctx, 0) };
  });
}

/** One generator for a value known only by name (a key param with no field). */
export function nameGenerator(name: string, ctx: FakeContext): Generator {
  return stringGenerator(name, undefined, ctx);
}

/** A row: each field's value from its own seed, `rowHash` = hash(seed, resource, scope, index). */
export function fakeRow(generators: readonly FieldGenerator[], rowHash: number): Row {
  const row: Row = {};
  for (const g of generators) row[g.name] = g.gen(rng(hashString(g.salt, rowHash)));
  return row;
}
