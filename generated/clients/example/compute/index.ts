/**
 * example.compute: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as instances from './instances.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.compute.instances': import('./instances.js').Methods;
}

/** `client.example.compute.<resource>` */
export interface Namespace {
  instances: ResourceClient<Resources['example.compute.instances']>;
}
