/**
 * confluent: 1 service, 1 resource.
 * Generated; do not edit.
 */
import type { Namespace as S0Namespace, Resources as S0Resources } from './iam/index.js';

export * as iam from './iam/index.js';

/** Resource id → its Methods type map. */
export interface Resources extends S0Resources {}

/** `client.confluent.<service>.<resource>` */
export interface Namespace {
  iam: S0Namespace;
}
