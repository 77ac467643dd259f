/**
 * Plausible scalar values for the mock's fake data, by format and by name (see fake-data.ts for
 * the rules): word lists, the providers' regions and zones, ids, timestamps, emails, addresses.
 * Every generator draws only from the seeded generator it is given.
 */
import type { Rng } from './random.js';

const FIRST = ['ada', 'alan', 'grace', 'linus', 'margaret', 'dennis', 'barbara', 'ken', 'radia', 'edsger', 'frances', 'john', 'lynn', 'tim', 'sophie', 'guido', 'anita', 'bjarne', 'hedy', 'donald'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'ritchie', 'liskov', 'thompson', 'perlman', 'dijkstra', 'allen', 'mccarthy', 'conway', 'berners-lee', 'wilson', 'rossum', 'borg', 'stroustrup', 'lamarr', 'knuth'];
export const WORDS = ['amber', 'birch', 'cobalt', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lumen', 'maple', 'nimbus', 'onyx', 'pioneer', 'quartz', 'raven', 'summit', 'tundra', 'umber', 'vertex', 'willow', 'xenon', 'yonder', 'zephyr'];
export const ENVS = ['prod', 'staging', 'dev', 'test'];
export const TEAMS = ['platform', 'data', 'payments', 'identity', 'web'];
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
export const DOMAINS = ['example.com', 'example.org', 'example.net'];
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

export const base36 = (r: Rng, length: number) => {
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
export const timestamp = (r: Rng) => new Date(EPOCH + r.int(0, WINDOW_S) * 1000 + r.int(0, 999)).toISOString();
const base64 = (r: Rng, bytes: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < Math.ceil(bytes / 3) * 4; i++) s += chars[r.int(0, 63)];
  return s;
};
export const email = (r: Rng) => `${r.pick(FIRST)}.${r.pick(LAST)}@${r.pick(DOMAINS)}`;
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
export function stringGenerator(name: string, format: string | undefined, ctx: FakeContext): Generator {
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
  if (/zone/.test(n)) return (r) => r.pick(ZONES[ctx.family] ?? []);
  if (/region|location/.test(n)) return (r) => r.pick(REGIONS[ctx.family] ?? []);
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
  if (/arn$/.test(n)) return (r) => `arn:aws:${ctx.service}:${r.pick(REGIONS['aws'] ?? [])}:${r.int(100_000_000_000, 999_999_999_999)}:${ctx.singular}/${base36(r, 8)}`;
  if (/mime|content_?type/.test(n)) return (r) => r.pick(['application/json', 'text/plain', 'image/png']);
  if (/(type|class|tier|mode|sku)$/.test(n)) return (r) => r.pick(['STANDARD', 'PREMIUM', 'BASIC']);
  if (/path$/.test(n)) return (r) => `/${r.pick(WORDS)}/${r.pick(WORDS)}`;
  if (/count|number|size|total/.test(n)) return (r) => String(r.int(0, 500));
  return (r) => `${r.pick(WORDS)}-${r.pick(WORDS)}`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function integerGenerator(name: string): Generator {
  const n = name.toLowerCase();
  if (/port/.test(n)) return (r) => r.int(1024, 65_535);
  if (/percent|ratio/.test(n)) return (r) => r.int(0, 100);
  if (/year/.test(n)) return (r) => r.int(2015, 2026);
  if (/(gb|mb|size|bytes)/.test(n)) return (r) => r.pick([8, 10, 16, 32, 64, 100, 256]);
  if (/count|num|total|max|min|limit/.test(n)) return (r) => r.int(0, 100);
  return (r) => r.int(1, 1000);
}

// Nested values stay small: a real object can be huge (google.compute.instances.disks), but a
