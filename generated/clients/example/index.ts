/**
 * example: 6 services, 8 resources.
 * Generated; do not edit.
 */
import type { Namespace as S0Namespace, Resources as S0Resources } from './compute/index.js';
import type { Namespace as S1Namespace, Resources as S1Resources } from './monitoring/index.js';
import type { Namespace as S2Namespace, Resources as S2Resources } from './network/index.js';
import type { Namespace as S3Namespace, Resources as S3Resources } from './registry/index.js';
import type { Namespace as S4Namespace, Resources as S4Resources } from './storage/index.js';
import type { Namespace as S5Namespace, Resources as S5Resources } from './workspace/index.js';

export * as compute from './compute/index.js';
export * as monitoring from './monitoring/index.js';
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
    S4Resources,
    S5Resources {}

/** `client.example.<service>.<resource>` */
export interface Namespace {
  compute: S0Namespace;
  monitoring: S1Namespace;
  network: S2Namespace;
  registry: S3Namespace;
  storage: S4Namespace;
  workspace: S5Namespace;
}
