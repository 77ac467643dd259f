/**
 * example.registry: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as images from './images.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.registry.images': import('./images.js').Methods;
}

/** `client.example.registry.<resource>` */
export interface Namespace {
  images: ResourceClient<Resources['example.registry.images']>;
}
