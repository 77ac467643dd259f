/**
 * example.compute.instances: typed client.
 * Generated from docs/providers/example/compute/instances/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
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

export type Tags = Array<{ Key?: unknown; Value?: unknown; [key: string]: unknown }>;

export interface CreateResourceArgs {
  CpuCount: number;
  region: string;
}

export interface DeleteResourceArgs {
  data__Identifier: string | number | boolean;
  region: string;
}

export interface UpdateResourceArgs {
  data__Identifier: unknown;
  data__PatchDocument: unknown;
  region: string;
}

export interface ListResourcesArgs {
  region: string;
}

export type ListResourcesRow = Row;

export interface GetResourceArgs {
  region: string;
  data__Identifier: string | number | boolean;
}

export type GetResourceRow = ListResourcesRow;

/** The methods, as documented: arguments, and for SELECT the rows. */
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

/** Where each argument goes, per method: instances.js. */
export declare const resource: ResourceDescriptor<Methods>;
