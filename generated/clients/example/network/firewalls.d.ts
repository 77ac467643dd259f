/**
 * example.network.firewalls: typed client.
 * Generated from docs/providers/example/network/firewalls/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
export interface Row {
  /** field from the properties object */
  name: string | null;
  /** field from the properties object */
  rule_count: string | null;
  /** field from the properties object */
  firewallName: string | null;
  /** Resource ID, like /subscriptions/{id} | or a name. */
  id: string | null;
  /** Properties of the firewall. */
  properties: Record<string, unknown> | null;
  /** The SKU. (Basic, Standard, Premium) */
  sku: 'Basic' | 'Standard' | 'Premium' | null;
}

export interface GetArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  $expand?: string | number | boolean;
}

export type GetRow = Pick<Row, 'id' | 'properties' | 'sku'>;

export interface ListArgs {
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  $top?: string | number | boolean;
  $skipToken?: string | number | boolean;
}

export type ListRow = GetRow;

export interface CreateOrUpdateArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  location: unknown;
  properties?: Record<string, unknown>;
  sku?: 'Basic' | 'Standard' | 'Premium';
}

export interface UpdateTagsArgs {
  tags?: unknown;
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
}

export interface DeleteArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
}

export interface RestartArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  'If-Match'?: string | number | boolean;
}

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /** Gets a firewall. */
  get: { verb: 'select'; args: GetArgs; row: GetRow; defaults: keyof GetRow };
  /** Lists firewalls. */
  list: { verb: 'select'; args: ListArgs; row: ListRow; defaults: keyof ListRow };
  /** Creates a firewall. */
  create_or_update: { verb: 'insert'; args: CreateOrUpdateArgs };
  /** Updates tags. */
  update_tags: { verb: 'update'; args: UpdateTagsArgs };
  /** Deletes a firewall. */
  delete: { verb: 'delete'; args: DeleteArgs };
  /** Restarts a firewall. */
  restart: { verb: 'exec'; args: RestartArgs };
}

/** Where each argument goes, per method: firewalls.js. */
export declare const resource: ResourceDescriptor<Methods>;
