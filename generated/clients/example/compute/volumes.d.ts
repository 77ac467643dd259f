/**
 * example.compute.volumes: typed client.
 * Generated from docs/providers/example/compute/volumes/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
export interface Row {
  /** The volume's identifier. */
  volume_id: string | null;
  /** Size in GiB. */
  size_gib: number | null;
  /** Storage class of the volume. (gp3, io2) (default: gp3) */
  volume_type: 'gp3' | 'io2' | null;
  /** Where the volume is attached. */
  attachments: Attachments | null;
  /** Region of the volume. */
  region: string | null;
}

export type Attachments = Array<{
  /** The instance it is attached to. */
  instance_id?: string;
  /** How it is attached. */
  options?: {
    /** Deleted with the instance. */
    delete_on_termination?: boolean;
  };
}>;

export interface CreateResourceArgs {
  size_gib: number;
  region: string;
  /** A token that makes a retried request safe. */
  ClientToken?: string | number | boolean;
  /** The role the operation runs as. */
  RoleArn?: string | number | boolean;
}

export interface UpdateResourceArgs {
  PatchDocument: unknown;
  region: string;
  volume_id: string | number | boolean;
}

export interface DeleteResourceArgs {
  volume_id: string | number | boolean;
  region: string;
  /** A token that makes a retried request safe. */
  ClientToken?: string | number | boolean;
  /** The role the operation runs as. */
  RoleArn?: string | number | boolean;
}

export interface ListResourcesArgs {
  region: string;
}

export type ListResourcesRow = Row;

export interface GetResourceArgs {
  region: string;
  volume_id: string | number | boolean;
}

export type GetResourceRow = ListResourcesRow;

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  create_resource: { verb: 'insert'; args: CreateResourceArgs };
  update_resource: { verb: 'update'; args: UpdateResourceArgs };
  delete_resource: { verb: 'delete'; args: DeleteResourceArgs };
  list_resources: {
    verb: 'select';
    args: ListResourcesArgs;
    row: ListResourcesRow;
    defaults: keyof ListResourcesRow;
  };
  get_resource: {
    verb: 'select';
    args: GetResourceArgs;
    row: GetResourceRow;
    defaults: 'volume_id' | 'size_gib' | 'volume_type';
  };
}

/** Where each argument goes, per method: volumes.js. */
export declare const resource: ResourceDescriptor<Methods>;
