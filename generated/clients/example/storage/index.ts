/**
 * example.storage: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as buckets from './buckets.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.storage.buckets': import('./buckets.js').Methods;
}

/** `client.example.storage.<resource>` */
export interface Namespace {
  buckets: ResourceClient<Resources['example.storage.buckets']>;
}
