/**
 * One place where the config file and the command line meet: flags override the config; paths in
 * the config are resolved from the config's folder, paths on the command line from the folder the
 * user typed them in. Nothing here depends on where the process happens to run.
 */
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, type LoadedConfig } from './load-config.ts';
import { OUTPUT_NAMES, OUTPUT_NEEDS, type OutputName, type RuntimeMode, type StackqlDocgenConfig } from './define-config.ts';

export interface Settings {
  /** The config file used, if any. */
  configFile?: string;
  /** The config's folder, or the invocation folder without one: the project's caches live under it. */
  projectDir: string;
  docs: string;
  out: string;
  include?: string[];
  exclude?: string[];
  outputs: Record<OutputName, boolean>;
  runtime: RuntimeMode;
  strict: boolean;
  seed: number;
  threads?: number;
  cache: boolean;
}

/** What the command line gave; undefined means "not given" (the config or the default applies). */
export type Flags = Omit<StackqlDocgenConfig, 'outputs'> & { outputs?: OutputName[] };

export const DEFAULTS = { docs: 'docs', out: 'generated', runtime: 'copy', seed: 1 } as const;

/**
 * The folder relative command-line paths are meant from. `npm --prefix <checkout> run generate --
 * --out x` runs the script inside the checkout, but the user typed `x` where npm was started
 * (INIT_CWD). Only this package's own scripts are re-based: in a user's project, a script's paths
 * are relative to that project's root, where npm runs it.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const runByNpmHere = env.npm_lifecycle_event && env.npm_package_name === 'stackql-docgen';
  return runByNpmHere && env.INIT_CWD && isAbsolute(env.INIT_CWD) ? env.INIT_CWD : cwd;
}

export function resolveSettings(loaded: LoadedConfig, flags: Flags, from: string): Settings {
  const c = loaded.config;
  const path = (flag: string | undefined, configured: string | undefined, fallback: string) =>
    flag !== undefined ? resolve(from, flag) : resolve(loaded.dir, configured ?? fallback);
  const outputs = Object.fromEntries(OUTPUT_NAMES.map((n) => [n, flags.outputs ? flags.outputs.includes(n) : (c.outputs?.[n] ?? true)])) as Record<OutputName, boolean>;
  for (const name of OUTPUT_NAMES) {
    const missing = OUTPUT_NEEDS[name].filter((need) => outputs[name] && !outputs[need]);
    if (missing.length > 0) {
      throw new ConfigError(`output '${name}' needs ${missing.map((m) => `'${m}'`).join(' and ')} too (${flags.outputs ? '--outputs' : `outputs in ${loaded.file}`}): add ${missing.length === 1 ? 'it' : 'them'}, or leave '${name}' out`);
    }
  }
  const settings: Settings = {
    projectDir: loaded.dir,
    docs: path(flags.docs, c.docs, DEFAULTS.docs),
    out: path(flags.out, c.out, DEFAULTS.out),
    outputs,
    runtime: flags.runtime ?? c.runtime ?? DEFAULTS.runtime,
    strict: flags.strict ?? c.strict ?? false,
    seed: flags.seed ?? c.seed ?? DEFAULTS.seed,
    cache: flags.cache ?? c.cache ?? true,
  };
  if (loaded.file) settings.configFile = loaded.file;
  const include = flags.include ?? c.include;
  const exclude = flags.exclude ?? c.exclude;
  const threads = flags.threads ?? c.threads;
  if (include) settings.include = include;
  if (exclude) settings.exclude = exclude;
  if (threads !== undefined) settings.threads = threads;
  return settings;
}
