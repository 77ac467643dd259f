/**
 * Finding and loading the config file. It is looked for in the folder the command runs for and
 * in each folder above it, up to the nearest one holding a package.json (the user's project root).
 * `.ts`/`.mts` configs are loaded with tsx's loader, registered only for that one import, so the
 * command itself runs as plain JavaScript.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { CONFIG_SCHEMA } from './config-schema.ts';
import type { StackqlDocgenConfig } from './define-config.ts';

export const CONFIG_FILE_NAMES = [
  'stackql-docgen.config.ts',
  'stackql-docgen.config.mts',
  'stackql-docgen.config.js',
  'stackql-docgen.config.mjs',
  'stackql-docgen.config.json',
] as const;

/** A config that cannot be used: missing, unreadable, or not of the documented shape. */
export class ConfigError extends Error {}

export interface LoadedConfig {
  /** The file, absolute; undefined when there is none (defaults apply). */
  file?: string;
  /** Its folder: every path in the config is relative to it. */
  dir: string;
  config: StackqlDocgenConfig;
}

/** The nearest config file at or above `from`, stopping at the first folder with a package.json. */
export function findConfigFile(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    const parent = dirname(dir);
    if (existsSync(join(dir, 'package.json')) || parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The config for a command run in `invocationDir`: `explicit` (a path, from --config) or the one
 * found; with neither, an empty config whose folder is `invocationDir`.
 */
export async function loadConfig(invocationDir: string, explicit?: string): Promise<LoadedConfig> {
  const file = explicit ? resolve(invocationDir, explicit) : findConfigFile(invocationDir);
  if (!file) return { dir: resolve(invocationDir), config: {} };
  if (!existsSync(file)) throw new ConfigError(`config file '${file}' does not exist`);
  const config = await importConfig(file);
  checkConfig(config, file);
  return { file, dir: dirname(file), config };
}

async function importConfig(file: string): Promise<unknown> {
  const ext = extname(file);
  try {
    if (ext === '.json') return JSON.parse(readFileSync(file, 'utf8'));
    let mod: { default?: unknown };
    if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
    } else mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    // A CommonJS-compiled default export arrives wrapped once more.
    let value = mod.default;
    if (value && typeof value === 'object' && 'default' in value && Object.keys(value).length === 1) value = (value as { default: unknown }).default;
    if (typeof value === 'function') value = await (value as () => unknown)();
    if (value === undefined) throw new ConfigError(`config file '${file}' has no default export (export default defineConfig({ ... }))`);
    return value;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot load config file '${file}': ${(e as Error).message}`);
  }
}

const validate = new Ajv({ allErrors: true, strict: true }).compile(CONFIG_SCHEMA);

/** Throws a ConfigError naming every wrong key of the config, as `file: key message`. */
export function checkConfig(value: unknown, file: string): asserts value is StackqlDocgenConfig {
  if (validate(value)) return;
  const problems = (validate.errors ?? []).map((e) => {
    const at = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(config)';
    if (e.keyword === 'additionalProperties') return `${at === '(config)' ? '' : `${at}.`}${String(e.params.additionalProperty)} is not a known option`;
    if (e.keyword === 'enum') return `${at} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    return `${at} ${e.message ?? 'is invalid'}`;
  });
  throw new ConfigError(`config file '${file}' is not valid:\n  ${problems.join('\n  ')}`);
}
