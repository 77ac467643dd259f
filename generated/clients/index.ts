/**
 * Typed StackQL clients: 10 resources of 3 providers.
 * Generated; do not edit.
 *
 *   const client = createStackQLClient({ transport: createHttpTransport({ baseUrl }) });
 *   const rows = await client.query('provider.service.resource', 'method', { ...args });
 *
 * Each resource's module is loaded on first use; import './<provider>/index.js' (or one resource's
 * module) for static access to its types and descriptors.
 */
import type { ClientOptions } from '../runtime/client.js';
import { createResourcesClient } from '../runtime/resource-client.js';
import type { ResourceLoaders, ResourcesClient } from '../runtime/resource-client.js';
import type { Namespace as P0Namespace, Resources as P0Resources } from './confluent/index.js';
import type { Namespace as P1Namespace, Resources as P1Resources } from './example/index.js';
import type { Namespace as P2Namespace, Resources as P2Resources } from './google/index.js';

export * from '../runtime/index.js';
export { bindResource, createResourcesClient, renderMethod } from '../runtime/resource-client.js';
export type {
  ActionMethod,
  ActionRow,
  CallOptions,
  MethodDescriptor,
  ResourceClient,
  ResourceDescriptor,
  ResourceLoaders,
  ResourcesClient,
  SelectMethod,
  SelectOptions,
} from '../runtime/resource-client.js';

/** Resource id → its Methods type map: the one type every generic call is checked against. */
export interface Resources extends P0Resources, P1Resources, P2Resources {}

export type ResourceId = keyof Resources;

/** One namespace per provider: `client.<provider>.<service>.<resource>.<method>(args)`. */
export interface Namespaces {
  confluent: P0Namespace;
  example: P1Namespace;
  google: P2Namespace;
}

export type StackQLResourcesClient = ResourcesClient<Resources> & Namespaces;

/** Resource id → its module, loaded on first use. */
export const loaders: ResourceLoaders = {
  'confluent.iam.invitations': () => import('./confluent/iam/invitations.js'),
  'example.compute.instances': () => import('./example/compute/instances.js'),
  'example.compute.volumes': () => import('./example/compute/volumes.js'),
  'example.monitoring.alert_policies': () => import('./example/monitoring/alert_policies.js'),
  'example.network.firewalls': () => import('./example/network/firewalls.js'),
  'example.registry.images': () => import('./example/registry/images.js'),
  'example.storage.buckets': () => import('./example/storage/buckets.js'),
  'example.storage.vw_buckets': () => import('./example/storage/vw_buckets.js'),
  'example.workspace.objects': () => import('./example/workspace/objects.js'),
  'google.cloudidentity.userinvitations': () => import('./google/cloudidentity/userinvitations.js'),
};

export function createStackQLClient(options: ClientOptions): StackQLResourcesClient {
  return createResourcesClient<Resources>(options, loaders) as StackQLResourcesClient;
}
