/**
 * example.storage.buckets: typed client.
 * Generated from docs/providers/example/storage/buckets/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
export interface Row {
  /** The bucket's name. (pattern: ^[a-z0-9][a-z0-9._-]{1,61}$, example: my-bucket) */
  name: string | null;
  /** Default storage class. (STANDARD, NEARLINE, COLDLINE) */
  storageClass: 'STANDARD' | 'NEARLINE' | 'COLDLINE' | null;
  /** Total size, see quotas and limits. (uint64) */
  sizeBytes: string | null;
  /** User labels. */
  labels: Labels | null;
  /** Creation time. (date-time) */
  timeCreated: string | null;
}

export type Labels = { team?: unknown; cost_center?: unknown; [key: string]: unknown };

export interface GetArgs {
  project: string;
  bucket: string;
  projection?: string;
}

export type GetRow = Row;

export interface ListArgs {
  project: string;
  maxResults?: number;
  prefix?: string;
}

export type ListRow = Pick<Row, 'name' | 'storageClass'>;

export interface InsertArgs {
  name?: string;
  storageClass?: 'STANDARD' | 'NEARLINE' | 'COLDLINE';
  labels?: Labels;
  project: string;
}

export interface PatchArgs {
  storageClass?: 'STANDARD' | 'NEARLINE' | 'COLDLINE';
  labels?: Labels;
  project: string;
  bucket: string;
  updateMask?: string;
}

export interface UpdateArgs {
  name?: string;
  storageClass?: 'STANDARD' | 'NEARLINE' | 'COLDLINE';
  project: string;
  bucket: string;
}

export interface DeleteArgs {
  project: string;
  bucket: string;
}

export interface LockRetentionArgs {
  project: string;
  bucket: string;
  ifMetagenerationMatch: string;
  retentionPeriod?: string;
}

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /** Returns a bucket. */
  get: { verb: 'select'; args: GetArgs; row: GetRow; defaults: keyof GetRow };
  /** Lists buckets. */
  list: { verb: 'select'; args: ListArgs; row: ListRow; defaults: keyof ListRow };
  /** Creates a bucket. */
  insert: { verb: 'insert'; args: InsertArgs };
  /** Patches a bucket. */
  patch: { verb: 'update'; args: PatchArgs };
  /** Replaces a bucket. */
  update: { verb: 'replace'; args: UpdateArgs };
  /** Deletes a bucket. */
  delete: { verb: 'delete'; args: DeleteArgs };
  /** Locks retention. (Preview) */
  lock_retention: { verb: 'exec'; args: LockRetentionArgs };
}

/** Where each argument goes, per method: buckets.js. */
export declare const resource: ResourceDescriptor<Methods>;
