/**
 * example.compute.instances: typed client.
 * Generated from docs/providers/example/compute/instances/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT on example.compute.instances can return. */
export interface Row {
  /** The instance's id. */
  instance_id: string | null;
  /** Labels as a Dictionary<String, String> of key/value pairs. */
  tags: Tags | null;
  /** Number of vCPUs. (default: 2) */
  cpu_count: number | null;
  /** Placement tenancy (default, dedicated, host) */
  tenancy: 'default' | 'dedicated' | 'host' | null;
  /** AWS region. */
  region: string | null;
}

/** Shape of `tags`. */
export type Tags = Array<{ Key?: unknown; Value?: unknown; [key: string]: unknown }>;

/** Arguments of `create_resource`. */
export interface CreateResourceArgs {
  CpuCount: number;
  region: string;
}

/** Arguments of `delete_resource`. */
export interface DeleteResourceArgs {
  data__Identifier: string | number | boolean;
  region: string;
}

/** Arguments of `update_resource`. */
export interface UpdateResourceArgs {
  data__Identifier: unknown;
  data__PatchDocument: unknown;
  region: string;
}

/** Arguments of `list_resources`. */
export interface ListResourcesArgs {
  region: string;
}

/** Columns `list_resources` can return. */
export type ListResourcesRow = Row;

/** Arguments of `get_resource`. */
export interface GetResourceArgs {
  region: string;
  data__Identifier: string | number | boolean;
}

export type GetResourceRow = ListResourcesRow;

/** The methods of example.compute.instances, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  create_resource: { verb: 'insert'; args: CreateResourceArgs };
  delete_resource: { verb: 'delete'; args: DeleteResourceArgs };
  update_resource: { verb: 'update'; args: UpdateResourceArgs };
  list_resources: {
    verb: 'select';
    args: ListResourcesArgs;
    row: ListResourcesRow;
    defaults: 'region' | 'instance_id';
  };
  get_resource: {
    verb: 'select';
    args: GetResourceArgs;
    row: GetResourceRow;
    defaults: keyof GetResourceRow;
  };
}

export const resource: ResourceDescriptor<Methods> = {
  id: 'example.compute.instances',
  methods: {
    create_resource: {
      verb: 'insert',
      hint: 'create',
      values: ['CpuCount', 'region'],
      required: ['CpuCount', 'region'],
    },
    delete_resource: {
      verb: 'delete',
      hint: 'delete',
      where: ['data__Identifier', 'region'],
      required: ['data__Identifier', 'region'],
    },
    update_resource: {
      verb: 'update',
      where: ['region'],
      set: ['data__Identifier', 'data__PatchDocument'],
      required: ['data__Identifier', 'data__PatchDocument', 'region'],
    },
    list_resources: {
      verb: 'select',
      columns: ['region', 'instance_id'],
      where: ['region'],
      required: ['region'],
    },
    get_resource: {
      verb: 'select',
      columns: ['region', 'instance_id', 'tags', 'cpu_count', 'tenancy'],
      where: ['region', 'data__Identifier'],
      required: ['region', 'data__Identifier'],
    },
  },
};
