/** The `stackql-docgen` command run from source (through tsx), as a child process, in any folder. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './model.ts';

export const BIN = join(ROOT, 'generator/cli/bin.ts');
/** tsx's loader by absolute URL: `--import tsx` would resolve from the child's cwd, often a temporary folder. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** npm's variables from an outer `npm test` would re-base relative paths (config/settings.ts): a user's shell has none. */
export const CLEAN_ENV: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: undefined, npm_lifecycle_event: undefined, npm_package_name: undefined, NO_COLOR: '1' };

/**
 * The timeout of a test that runs the command as processes (tsx, a worker pool): a few seconds per
 * process on a quiet host, tens of seconds on a loaded CI runner (.ci/run at load 8 passed vitest's
 * 20 s default for tests of three `generate` runs). These tests check behaviour, never timing.
 */
export const CLI_TEST_TIMEOUT = 120_000;

export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Ran {
  const r = spawnSync(process.execPath, ['--import', TSX, BIN, ...args], { encoding: 'utf8', cwd: options.cwd ?? ROOT, env: options.env ?? CLEAN_ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A long-running command (mock, generate --watch): its output so far, and a way to wait for a line. */
export function startCli(args: string[], options: { cwd?: string } = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', TSX, BIN, ...args], { cwd: options.cwd ?? ROOT, env: CLEAN_ENV });
  const seen = { out: '', err: '' };
  child.stdout.on('data', (b) => (seen.out += b));
  child.stderr.on('data', (b) => (seen.err += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 30_000): Promise<RegExpExecArray> => {
    const end = Date.now() + ms;
    for (;;) {
      const m = re.exec(seen.out + seen.err);
      if (m) return m;
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}; stdout:\n${seen.out}\nstderr:\n${seen.err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { child, seen, exited, waitFor };
}
