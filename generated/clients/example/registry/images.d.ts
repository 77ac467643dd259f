/**
 * example.registry.images: typed client.
 * Generated from docs/providers/example/registry/images/index.md; do not edit.
 */
import type { ResourceDescriptor } from '../../../runtime/resource-client.js';

/** The page lists no fields: the rows are untyped. */
export type Row = Record<string, unknown>;

export interface ListImagesArgs {
  registry: string | number | boolean;
}

export type ListImagesRow = Row;

export interface ListImages2Args {
  registry: string | number | boolean;
  tag: string | number | boolean;
}

export type ListImages2Row = ListImagesRow;

export type UntagArgs = ListImages2Args;

/** The methods, as documented: arguments, and for SELECT the rows. */
export interface Methods {
  list_images: {
    verb: 'select';
    args: ListImagesArgs;
    row: ListImagesRow;
    defaults: keyof ListImagesRow;
  };
  list_images_2: {
    verb: 'select';
    name: 'list_images';
    args: ListImages2Args;
    row: ListImages2Row;
    defaults: keyof ListImages2Row;
  };
  untag: { verb: 'exec'; args: UntagArgs };
}

/** Where each argument goes, per method: images.js. */
export declare const resource: ResourceDescriptor<Methods>;
