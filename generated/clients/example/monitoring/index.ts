/**
 * example.monitoring: 1 resource.
 * Generated; do not edit.
 */
import type { ResourceClient } from '../../../runtime/resource-client.js';

export * as alert_policies from './alert_policies.js';

/** Resource id → its Methods type map. */
export interface Resources {
  'example.monitoring.alert_policies': import('./alert_policies.js').Methods;
}

/** `client.example.monitoring.<resource>` */
export interface Namespace {
  alert_policies: ResourceClient<Resources['example.monitoring.alert_policies']>;
}
