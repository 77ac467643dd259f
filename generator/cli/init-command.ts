/**
 * `stackql-docgen init`: writes a config file (stackql-docgen.config.ts by default) in the current
 * folder with every option at its default, and says what to install and run next. Refuses to
 * replace a config that is there unless --force.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, Option } from 'commander';
import { DEFAULTS, invocationDir } from '../config/settings.ts';
import { CONFIG_FILE_NAMES } from '../config/load-config.ts';
import { PACKAGE_NAME } from '../emit/runtime-bundle.ts';

interface InitFlags {
  docs: string;
  out: string;
  format: 'ts' | 'js' | 'json';
  runtime: 'copy' | 'package';
  force?: boolean;
}

const FILE: Record<InitFlags['format'], string> = {
  ts: 'stackql-docgen.config.ts',
  js: 'stackql-docgen.config.mjs',
  json: 'stackql-docgen.config.json',
};

export function initCommand(): Command {
  return new Command('init')
    .description('Write a stackql-docgen config file in the current folder.')
    .option('--docs <dir>', 'folder of provider doc pages, relative to the config', DEFAULTS.docs)
    .option('--out <dir>', 'output folder, relative to the config', DEFAULTS.out)
    .addOption(new Option('--format <format>', 'config file format').choices(['ts', 'js', 'json']).default('ts'))
    .addOption(new Option('--runtime <mode>', 'copy the runtimes into the output, or import them from the package').choices(['copy', 'package']).default(DEFAULTS.runtime))
    .option('--force', 'replace an existing config file')
    .action((flags: InitFlags) => {
      process.exitCode = runInit(flags, invocationDir());
    });
}

export function configText(flags: Pick<InitFlags, 'docs' | 'out' | 'format' | 'runtime'>): string {
  const config = {
    docs: flags.docs,
    out: flags.out,
    outputs: { clients: true, mocks: true, validators: true, contract: true },
    runtime: flags.runtime,
    strict: false,
    seed: DEFAULTS.seed,
  };
  if (flags.format === 'json') return `${JSON.stringify(config, null, 2)}\n`;
  return [
    `import { defineConfig } from '${PACKAGE_NAME}';`,
    '',
    '// Paths are relative to this file. `npx stackql-docgen generate` reads it; flags override it.',
    'export default defineConfig({',
    `  docs: ${JSON.stringify(config.docs)}, // provider doc pages (.md/.mdx), read recursively`,
    `  out: ${JSON.stringify(config.out)},`,
    "  // include: ['google.compute.*'], // resource ids to keep (globs); exclude: [...] to leave some out",
    '  outputs: { clients: true, mocks: true, validators: true, contract: true },',
    `  runtime: ${JSON.stringify(config.runtime)}, // 'copy' the runtimes into out, or import them from '${PACKAGE_NAME}' ('package')`,
    '  strict: false, // true: fail, and write nothing, when the docs give warnings or errors',
    `  seed: ${config.seed}, // the mock's fake-data seed (mock, contract)`,
    '});',
    '',
  ].join('\n');
}

function runInit(flags: InitFlags, dir: string): number {
  const existing = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((f) => existsSync(f));
  const file = join(dir, FILE[flags.format]);
  if (existing.length > 0 && !flags.force) {
    console.error(`init: ${existing.map((f) => relative(dir, f)).join(', ')} already there; pass --force to replace it`);
    return 1;
  }
  if (existing.length > 0 && !existing.includes(file)) {
    console.error(`init: --force would leave ${existing.map((f) => relative(dir, f)).join(', ')} beside the new ${FILE[flags.format]}, and the first found wins; remove it first`);
    return 1;
  }
  writeFileSync(file, configText(flags));
  console.log(`wrote ${relative(dir, file)}`);
  if (!existsSync(join(dir, flags.docs))) console.log(`note: the docs folder '${flags.docs}' does not exist yet: put the provider's doc pages there`);
  console.log(
    [
      '',
      'Next:',
      '  npx stackql-docgen generate           # docs -> model, clients, mocks, validators, contract suites',
      '  npm install --save-dev msw@^2 vitest@^4 sql.js @types/sql.js   # what the generated mocks and suites import',
      '  npx stackql-docgen contract           # the contract suites against the mocks',
      '  npx stackql-docgen mock --port 8080   # the mock over HTTP',
    ].join('\n'),
  );
  return 0;
}
