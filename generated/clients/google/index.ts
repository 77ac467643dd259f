/**
 * google: 1 service, 1 resource.
 * Generated; do not edit.
 */
import type { Namespace as S0Namespace, Resources as S0Resources } from './cloudidentity/index.js';

export * as cloudidentity from './cloudidentity/index.js';

/** Resource id → its Methods type map. */
export interface Resources extends S0Resources {}

/** `client.google.<service>.<resource>` */
export interface Namespace {
  cloudidentity: S0Namespace;
}
