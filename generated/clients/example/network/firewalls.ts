/**
 * example.network.firewalls: typed client.
 * Generated from docs/providers/example/network/firewalls/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT on example.network.firewalls can return. */
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

/** Arguments of `get`. */
export interface GetArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  $expand?: string | number | boolean;
}

/** Columns `get` can return. */
export type GetRow = Pick<Row, 'id' | 'properties' | 'sku'>;

/** Arguments of `list`. */
export interface ListArgs {
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  $top?: string | number | boolean;
  $skipToken?: string | number | boolean;
}

export type ListRow = GetRow;

/** Arguments of `create_or_update`. */
export interface CreateOrUpdateArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  location: unknown;
  properties?: Record<string, unknown>;
  sku?: 'Basic' | 'Standard' | 'Premium';
}

/** Arguments of `update_tags`. */
export interface UpdateTagsArgs {
  tags?: unknown;
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
}

/** Arguments of `delete`. */
export interface DeleteArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
}

/** Arguments of `restart`. */
export interface RestartArgs {
  firewallName: string;
  resourceGroupName: string | number | boolean;
  subscriptionId: string | number | boolean;
  'If-Match'?: string | number | boolean;
}

/** The methods of example.network.firewalls, as documented: arguments, and for SELECT the rows. */
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

export const resource: ResourceDescriptor<Methods> = {
  id: 'example.network.firewalls',
  methods: {
    get: {
      verb: 'select',
      columns: ['id', 'properties', 'sku'],
      where: ['firewallName', 'resourceGroupName', 'subscriptionId', '$expand'],
      required: ['firewallName', 'resourceGroupName', 'subscriptionId'],
    },
    list: {
      verb: 'select',
      columns: ['id', 'properties', 'sku'],
      where: ['resourceGroupName', 'subscriptionId', '$top', '$skipToken'],
      required: ['resourceGroupName', 'subscriptionId'],
    },
    create_or_update: {
      verb: 'insert',
      hint: 'create',
      values: [
        'firewallName', 'resourceGroupName', 'subscriptionId', ['data__location', 'location'],
        ['data__properties', 'properties'], ['data__sku', 'sku'],
      ],
      required: ['firewallName', 'resourceGroupName', 'subscriptionId', 'location'],
    },
    update_tags: {
      verb: 'update',
      hint: 'update',
      where: ['firewallName', 'resourceGroupName', 'subscriptionId'],
      set: [['data__tags', 'tags']],
      required: ['firewallName', 'resourceGroupName', 'subscriptionId'],
    },
    delete: {
      verb: 'delete',
      hint: 'delete',
      where: ['firewallName', 'resourceGroupName', 'subscriptionId'],
      required: ['firewallName', 'resourceGroupName', 'subscriptionId'],
    },
    restart: {
      verb: 'exec',
      args: ['firewallName', 'resourceGroupName', 'subscriptionId', 'If-Match'],
      required: ['firewallName', 'resourceGroupName', 'subscriptionId'],
    },
  },
};
