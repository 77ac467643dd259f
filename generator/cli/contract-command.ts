/**
 * `stackql-docgen contract`: runs the generated contract suites (<out>/contract/) with the user's
 * own vitest, against the generated mocks or, with --target, a real StackQL middleware. Sharded
 * with --shard i/n, as vitest shards (CI runs n jobs, each its share of the files). Arguments after
 * `--` go to vitest as they are. The exit code is vitest's; 2 when the suites or vitest are missing.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { invocationDir, resolveSettings } from '../config/settings.ts';

interface ContractFlags {
  config?: string;
  out?: string;
  shard?: string;
  seed?: number;
  target?: string;
  allowMutations?: boolean;
  report?: string;
}

const shard = (value: string) => {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new InvalidArgumentError('expected i/n with 1 ≤ i ≤ n, e.g. 2/4');
  return value;
};

const seedValue = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be an integer ≥ 0');
  return n;
};

export function contractCommand(): Command {
  return new Command('contract')
    .description('Run the generated contract suites (clients against the mocks, or against --target) with vitest.')
    .argument('[vitest-args...]', 'passed to vitest after --, e.g. -- --reporter dot')
    .option('--config <file>', 'config file (default: stackql-docgen.config.* here or above)')
    .option('--out <dir>', 'the folder generate wrote (default: the config\'s out, else generated)')
    .option('--shard <i/n>', 'run the i-th of n equal shares of the suites (vitest --shard)', shard)
    .option('--seed <n>', 'the mock\'s seed (default: the config\'s seed, else 1)', seedValue)
    .option('--target <url>', 'a real StackQL middleware instead of the mocks (reads only, unless --allow-mutations)')
    .option('--allow-mutations', 'with --target: also run INSERT/UPDATE/DELETE/EXEC')
    .option('--report <file>', 'write the drift report here (JSON, and its .md sibling); default with --target: contract-drift.json')
    .action(async (passthrough: string[], flags: ContractFlags) => {
      process.exitCode = await runContract(flags, passthrough);
    });
}

async function runContract(flags: ContractFlags, passthrough: string[]): Promise<number> {
  const from = invocationDir();
  let out: string;
  let seed: number;
  try {
    const given = { ...(flags.out !== undefined ? { out: flags.out } : {}), ...(flags.seed !== undefined ? { seed: flags.seed } : {}) };
    ({ out, seed } = resolveSettings(await loadConfig(from, flags.config), given, from));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`contract: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const config = join(out, 'contract', 'vitest.config.ts');
  if (!existsSync(config)) {
    console.error(`contract: no contract suites in ${out} (${config} is missing): run stackql-docgen generate with the contract output first`);
    return 2;
  }
  const vitest = findVitest(out);
  if (!vitest) {
    console.error(`contract: vitest is not installed where ${out} is; the suites need it and msw: npm install --save-dev vitest@^4 msw@^2 sql.js`);
    return 2;
  }
  const args = [vitest, 'run', '--config', config];
  if (flags.shard) args.push('--shard', flags.shard);
  args.push(...passthrough);
  const env: NodeJS.ProcessEnv = { ...process.env, CONTRACT_SEED: String(seed) };
  if (flags.target) env.CONTRACT_TARGET = flags.target;
  if (flags.allowMutations) env.CONTRACT_ALLOW_MUTATIONS = '1';
  if (flags.report) env.CONTRACT_REPORT = flags.report;
  const child = spawn(process.execPath, args, { stdio: 'inherit', env, cwd: from });
  return new Promise((resolveExit) => {
    child.on('error', (e) => {
      console.error(`contract: cannot start vitest: ${e.message}`);
      resolveExit(2);
    });
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
}

/** vitest's command-line entry as the output folder's project resolves it; undefined if absent. */
function findVitest(out: string): string | undefined {
  try {
    const pkgFile = createRequire(join(out, 'noop.js')).resolve('vitest/package.json');
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin?: string | Record<string, string> };
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.vitest;
    return bin ? join(dirname(pkgFile), bin) : undefined;
  } catch {
    return undefined;
  }
}
