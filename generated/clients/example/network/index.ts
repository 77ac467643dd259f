/**
 * example.network: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as firewalls from './firewalls.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.network.firewalls': import('./firewalls.js').Methods;
}

/** `client.example.network.<resource>` */
export interface Namespace {
  firewalls: ResourceClient<Resources['example.network.firewalls']>;
}
