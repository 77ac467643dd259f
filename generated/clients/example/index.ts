/**
 * example: 5 services, 5 resources.
 * Generated; do not edit.
 */
import type { Namespace as S0Namespace, Resources as S0Resources } from './compute/index.js';
import type { Namespace as S1Namespace, Resources as S1Resources } from './network/index.js';
import type { Namespace as S2Namespace, Resources as S2Resources } from './registry/index.js';
import type { Namespace as S3Namespace, Resources as S3Resources } from './storage/index.js';
import type { Namespace as S4Namespace, Resources as S4Resources } from './workspace/index.js';

export * as compute from './compute/index.js';
export * as network from './network/index.js';
export * as registry from './registry/index.js';
export * as storage from './storage/index.js';
export * as workspace from './workspace/index.js';

/** Resource id → its Methods type map. */
export interface Resources
  extends S0Resources,
    S1Resources,
    S2Resources,
    S3Resources,
    S4Resources {}

/** `client.example.<service>.<resource>` */
export interface Namespace {
  compute: S0Namespace;
  network: S1Namespace;
  registry: S2Namespace;
  storage: S3Namespace;
  workspace: S4Namespace;
}
