/**
 * example.storage: 2 resources.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as buckets from './buckets.js';
export * as vw_buckets from './vw_buckets.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.storage.buckets': import('./buckets.js').Methods;
  'example.storage.vw_buckets': import('./vw_buckets.js').Methods;
}

/** `client.example.storage.<resource>` */
export interface Namespace {
  buckets: ResourceClient<Resources['example.storage.buckets']>;
  vw_buckets: ResourceClient<Resources['example.storage.vw_buckets']>;
}
