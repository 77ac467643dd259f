/**
 * example.workspace.objects: typed client.
 * Generated from docs/providers/example/workspace/objects/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** The page lists no fields: the rows are untyped. */
export type Row = Record<string, unknown>;

export interface DeleteArgs {
  deployment_name: string | number | boolean;
}

export interface ExportArgs {
  path: string | number | boolean;
  deployment_name: string | number | boolean;
}

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /** Deletes an object. */
  delete: { verb: 'delete'; args: DeleteArgs };
  /** Exports an object. */
  export: { verb: 'exec'; args: ExportArgs };
}

/** Where each argument goes, per method: objects.js. */
export declare const resource: ResourceDescriptor<Methods>;
