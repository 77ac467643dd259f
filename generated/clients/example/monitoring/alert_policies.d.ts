/**
 * example.monitoring.alert_policies: typed client.
 * Generated from docs/providers/example/monitoring/alert_policies/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** Every column a SELECT can return. */
export interface Row {
  policy_id: string | null;
  /** How loud it is. (LOW, HIGH) */
  severity: 'LOW' | 'HIGH' | null;
  /** Region of the policy. */
  region: string | null;
}

export interface SelectArgs {
  region: string;
}

export type SelectRow = Row;

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /** The SELECT the Methods section says example.monitoring.alert_policies supports. */
  select: { verb: 'select'; args: SelectArgs; row: SelectRow; defaults: keyof SelectRow };
}

/** Where each argument goes, per method: alert_policies.js. */
export declare const resource: ResourceDescriptor<Methods>;
