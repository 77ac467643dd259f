/**
 * google.cloudidentity: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as userinvitations from './userinvitations.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'google.cloudidentity.userinvitations': import('./userinvitations.js').Methods;
}

/** `client.google.cloudidentity.<resource>` */
export interface Namespace {
  userinvitations: ResourceClient<Resources['google.cloudidentity.userinvitations']>;
}
