/**
 * Drift the corpus sample's contract suites find today (test/contract/run-corpus-sample.ts), each
 * group with its reason and whose code it is in. The runner fails on drift not listed here, on a
 * failing test that recorded no drift (a crash, a client that cannot render), and on a listed entry
 * that no longer shows up, so the list stays exact: fix the mock or the client, then remove the
 * entry. Entries are (resource id, field or param) for one kind.
 */
import type { DriftKind } from '../../mocks/contract/drift.ts';

export interface KnownDrift {
  /** A short name for the reason. */
  label: string;
  /** Whose code has to change. */
  owner: 'mock engine' | 'client emitter' | 'mock engine or client emitter';
  reason: string;
  kind: DriftKind;
  /** [resource id, field or param (nested fields as `a.b[0].c`)]. */
  entries: Array<[string, string]>;
}

export const KNOWN_DRIFT: KnownDrift[] = [
  {
    label: 'textColumnsFilledWithJson',
    owner: 'mock engine',
    reason:
      "The Azure pages type these columns `text` (StackQL hands nested JSON back as text), so the client's Row says string; " +
      'the mock picks values by name (tags → a map, zones → a list, identity/sku → an object) and sends objects and arrays.',
    kind: 'wrong-type',
    entries: [
      ['azure.migrate.server_sites_controllers', 'tags'],
      ['azure.spring_apps.apps', 'identity'],
      ['azure_isv.netapp.volume_quota_rules', 'tags'],
      ['azure_isv.redis.redis', 'identity'],
      ['azure_isv.redis.redis', 'tags'],
      ['azure_isv.redis.redis', 'zones'],
      ['azure_isv.vmware.private_clouds', 'sku'],
      ['azure_isv.vmware.private_clouds', 'tags'],
      ['azure_stack.azure_stack_hci.virtual_hard_disks', 'tags'],
    ],
  },
  {
    label: 'manifestEmptyListLeaves',
    owner: 'mock engine or client emitter',
    reason:
      "Manifest leaves written `value: []`: the client types them unknown[] (ts-types.ts manifestLeaf), the mock fills a string. " +
      'The Azure manifests write `[]` for enums (provisioningState, osType, access) as well as for lists (customPersistentDisks), so each side is right for some.',
    kind: 'wrong-type',
    entries: [
      ['azure.cosmos_db.throughput_pool_accounts', 'properties.provisioningState'],
      ['azure.migrate.server_sites_controllers', 'properties.provisioningState'],
      ['azure.network.route_filter_rules', 'properties.access'],
      ['azure.spring_apps.apps', 'properties.customPersistentDisks'],
      ['azure_isv.dynatrace.tag_rules', 'properties.logRules.sendAadLogs'],
      ['azure_isv.netapp.volume_quota_rules', 'properties.provisioningState'],
      ['azure_isv.vmware.private_clouds', 'properties.managementCluster.provisioningState'],
      ['azure_stack.azure_stack_hci.guest_agents', 'properties.provisioningAction'],
      ['azure_stack.azure_stack_hci.virtual_hard_disks', 'extendedLocation.type'],
      ['azure_stack.compute_admin.platform_images', 'properties.osDisk.osType'],
    ],
  },
  {
    label: 'objectFieldsFilledWithStrings',
    owner: 'mock engine',
    reason:
      'Fields the docs type object (or whose manifest shape is an object) get a string from the mock: the name heuristics ' +
      '(name, ...Quantity) win over the type, and manifest leaves `{}` and object items become strings.',
    kind: 'wrong-type',
    entries: [
      ['azure_extras.customer_insights.relationships', 'properties.fields[0].enumValidValues[0]'],
      ['databricks_workspace.unitycatalog.online_tables', 'spec.run_continuously'],
      ['google.alloydb.backups', 'expiryQuantity'],
      ['googleadmin.directory.users', 'name'],
    ],
  },
  {
    label: 'paramShadowsField',
    owner: 'mock engine',
    reason: "A param and a field share a name (`owner`: the repository owner's login, and the app's owner object); the mock answers the param's string for the field.",
    kind: 'wrong-type',
    entries: [['github.repos.app_access_restrictions', 'owner']],
  },
];
