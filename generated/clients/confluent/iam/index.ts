/**
 * confluent.iam: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as invitations from './invitations.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'confluent.iam.invitations': import('./invitations.js').Methods;
}

/** `client.confluent.iam.<resource>` */
export interface Namespace {
  invitations: ResourceClient<Resources['confluent.iam.invitations']>;
}
