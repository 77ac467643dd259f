/**
 * The config file's shape: `stackql-docgen.config.{ts,mts,js,mjs,json}` beside the user's
 * package.json. Every path in it is relative to the config file's own folder.
 *
 *   import { defineConfig } from 'stackql-docgen';
 *   export default defineConfig({ docs: './provider-docs', out: './src/stackql' });
 */

/** What `generate` can write besides model.json; each needs the ones listed in OUTPUT_NEEDS. */
export type OutputName = 'clients' | 'mocks' | 'validators' | 'contract';

export const OUTPUT_NAMES: readonly OutputName[] = ['clients', 'mocks', 'validators', 'contract'];

/** Validators are typed by the clients' rows; contract suites run the clients against the mocks. */
export const OUTPUT_NEEDS: Readonly<Record<OutputName, readonly OutputName[]>> = {
  clients: [],
  mocks: [],
  validators: ['clients'],
  contract: ['clients', 'mocks', 'validators'],
};

/**
 * Where the generated code gets its runtimes: `copy` writes them into the output folder (it then
 * works alone); `package` imports them from `stackql-docgen/runtime`, `/mocks`, `/msw`, `/contract`
 * (smaller output; the package must stay installed at run time).
 */
export type RuntimeMode = 'copy' | 'package';

export interface StackqlDocgenConfig {
  /** Folder of provider doc pages (.md/.mdx), read recursively. Default `docs`. */
  docs?: string;
  /** Output folder. Default `generated`. */
  out?: string;
  /** Globs on resource ids (`google.compute.*`); resources left out are counted as excluded. */
  include?: string[];
  exclude?: string[];
  /** What to write besides model.json. Default: all of them. */
  outputs?: Partial<Record<OutputName, boolean>>;
  /** Default `copy`. */
  runtime?: RuntimeMode;
  /** `generate` fails, and writes nothing, when the docs give warnings or errors. */
  strict?: boolean;
  /** The mock's fake-data seed (`mock`, `contract`): same seed, same rows. Default 1. */
  seed?: number;
  /** Worker threads for parsing; default one per core. */
  threads?: number;
  /** The content-hash page cache (node_modules/.cache/stackql-docgen). Default true. */
  cache?: boolean;
}

/** Types the config; returns it unchanged. */
export function defineConfig(config: StackqlDocgenConfig): StackqlDocgenConfig {
  return config;
}
