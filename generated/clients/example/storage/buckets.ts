/**
 * example.storage.buckets: typed client.
 * Generated from docs/providers/example/storage/buckets/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT on example.storage.buckets can return. */
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

/** Shape of `labels`. */
export type Labels = { team?: unknown; cost_center?: unknown; [key: string]: unknown };

/** Arguments of `get`. */
export interface GetArgs {
  project: string;
  bucket: string;
  projection?: string;
}

/** Columns `get` can return. */
export type GetRow = Row;

/** Arguments of `list`. */
export interface ListArgs {
  project: string;
  maxResults?: number;
  prefix?: string;
}

/** Columns `list` can return. */
export type ListRow = Pick<Row, 'name' | 'storageClass'>;

/** Arguments of `insert`. */
export interface InsertArgs {
  name?: string;
  storageClass?: 'STANDARD' | 'NEARLINE' | 'COLDLINE';
  labels?: Labels;
  project: string;
}

/** Arguments of `patch`. */
export interface PatchArgs {
  storageClass?: 'STANDARD' | 'NEARLINE' | 'COLDLINE';
  labels?: Labels;
  project: string;
  bucket: string;
  updateMask?: string;
}

/** Arguments of `update`. */
export interface UpdateArgs {
  name?: string;
  storageClass?: 'STANDARD' | 'NEARLINE' | 'COLDLINE';
  project: string;
  bucket: string;
}

/** Arguments of `delete`. */
export interface DeleteArgs {
  project: string;
  bucket: string;
}

/** Arguments of `lock_retention`. */
export interface LockRetentionArgs {
  project: string;
  bucket: string;
  ifMetagenerationMatch: string;
  retentionPeriod?: string;
}

/** The methods of example.storage.buckets, as documented: arguments, and for SELECT the rows. */
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

export const resource: ResourceDescriptor<Methods> = {
  id: 'example.storage.buckets',
  methods: {
    get: {
      verb: 'select',
      columns: ['name', 'storageClass', 'sizeBytes', 'labels', 'timeCreated'],
      where: ['project', 'bucket', 'projection'],
      required: ['project', 'bucket'],
    },
    list: {
      verb: 'select',
      columns: ['name', 'storageClass'],
      where: ['project', 'maxResults', 'prefix'],
      required: ['project'],
    },
    insert: {
      verb: 'insert',
      values: [
        ['data__name', 'name'], ['data__storageClass', 'storageClass'], ['data__labels', 'labels'],
        'project',
      ],
      returning: ['name', 'storageClass', 'timeCreated'],
      required: ['project'],
    },
    patch: {
      verb: 'update',
      where: ['project', 'bucket', 'updateMask'],
      set: [['data__storageClass', 'storageClass'], ['data__labels', 'labels']],
      returning: ['name', 'storageClass'],
      required: ['project', 'bucket'],
    },
    update: {
      verb: 'replace',
      where: ['project', 'bucket'],
      set: [['data__name', 'name'], ['data__storageClass', 'storageClass']],
      required: ['project', 'bucket'],
    },
    delete: {
      verb: 'delete',
      where: ['project', 'bucket'],
      required: ['project', 'bucket'],
    },
    lock_retention: {
      verb: 'exec',
      args: ['project', 'bucket', 'ifMetagenerationMatch'],
      json: ['retentionPeriod'],
      required: ['project', 'bucket', 'ifMetagenerationMatch'],
    },
  },
};
