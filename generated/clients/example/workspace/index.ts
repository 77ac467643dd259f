/**
 * example.workspace: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as objects from './objects.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.workspace.objects': import('./objects.js').Methods;
}

/** `client.example.workspace.<resource>` */
export interface Namespace {
  objects: ResourceClient<Resources['example.workspace.objects']>;
}
