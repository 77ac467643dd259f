/**
 * example.compute: 2 resources.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as instances from './instances.js';
export * as volumes from './volumes.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.compute.instances': import('./instances.js').Methods;
  'example.compute.volumes': import('./volumes.js').Methods;
}

/** `client.example.compute.<resource>` */
export interface Namespace {
  instances: ResourceClient<Resources['example.compute.instances']>;
  volumes: ResourceClient<Resources['example.compute.volumes']>;
}
