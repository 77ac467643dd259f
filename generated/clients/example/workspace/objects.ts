/**
 * example.workspace.objects: typed client.
 * Generated from docs/providers/example/workspace/objects/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** The page lists no fields: rows of example.workspace.objects are untyped. */
export type Row = Record<string, unknown>;

/** Arguments of `delete`. */
export interface DeleteArgs {
  deployment_name: string | number | boolean;
}

/** Arguments of `export`. */
export interface ExportArgs {
  path: string | number | boolean;
  deployment_name: string | number | boolean;
}

/** The methods of example.workspace.objects, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  /** Deletes an object. */
  delete: { verb: 'delete'; args: DeleteArgs };
  /** Exports an object. */
  export: { verb: 'exec'; args: ExportArgs };
}

export const resource: ResourceDescriptor<Methods> = {
  id: 'example.workspace.objects',
  methods: {
    delete: {
      verb: 'delete',
      hint: 'delete',
      where: ['deployment_name'],
      required: ['deployment_name'],
    },
    export: {
      verb: 'exec',
      args: ['path', 'deployment_name'],
      required: ['path', 'deployment_name'],
    },
  },
};
