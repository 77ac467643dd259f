/**
 * example.storage.vw_buckets: typed client.
 * Generated from docs/providers/example/storage/vw_buckets/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
export interface Row {
  /** The bucket's name. (pattern: ^[a-z0-9][a-z0-9._-]{1,61}$, example: my-bucket) */
  bucket_name: string | null;
  /** Default storage class. (STANDARD, NEARLINE, COLDLINE) */
  storage_class: 'STANDARD' | 'NEARLINE' | 'COLDLINE' | null;
  /** JSON_EXTRACT(labels, '$.team') over example.storage.buckets */
  team: unknown;
  /** project of example.storage.buckets */
  project: string | null;
}

export interface SelectArgs {
  project: string;
}

export type SelectRow = Row;

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /** Reads the view: its SQL Definition over example.storage.buckets. */
  select: { verb: 'select'; args: SelectArgs; row: SelectRow; defaults: keyof SelectRow };
}

/** Where each argument goes, per method: vw_buckets.js. */
export declare const resource: ResourceDescriptor<Methods>;
