/**
 * `stackql-docgen mock [options]`: the mock server (mocks/server/cli.ts; mocks/server/cli-main.ts defines and parses
 * every option of every front: HTTP, and the Postgres wire's --pg-* once it lands) run in the
 * folder the user typed the command in, with two defaults from the user's config: without --model
 * or --docs it serves `<out>/model.json`, without --seed it uses the config's seed. Its own option:
 * --config <file>. Everything else, --help included, is the server's.
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { invocationDir, resolveSettings } from '../config/settings.ts';

/** The value of `--name v` or `--name=v` in args, and args without it. */
function takeOption(args: readonly string[], name: string): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === name && k + 1 < args.length) value = args[++k];
    else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1);
    else rest.push(a);
  }
  return value === undefined ? { rest } : { value, rest };
}

const has = (args: readonly string[], name: string) => args.some((a) => a === name || a.startsWith(`${name}=`));

export function mockCommand(): Command {
  return new Command('mock')
    .description('Serve the StackQL mock over HTTP (the stackql-middleware protocol); `mock --help` lists its options.')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .passThroughOptions()
    .argument('[options...]', 'the server\'s options (see mock --help), and --config <file>')
    .action(async (given: string[]) => {
      const from = invocationDir();
      const { value: configFile, rest: args } = takeOption(given, '--config');
      const defaults: string[] = [];
      if (!has(args, '--help') && !has(args, '-h')) {
        try {
          const settings = resolveSettings(await loadConfig(from, configFile), {}, from);
          if (!has(args, '--model') && !has(args, '--docs')) defaults.push('--model', join(settings.out, 'model.json'));
          if (!has(args, '--seed')) defaults.push('--seed', String(settings.seed));
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          console.error(`mock: ${e.message}`);
          process.exitCode = 2;
          return;
        }
      }
      // The server reads its paths from cwd and its options from process.argv when it loads.
      process.chdir(from);
      process.argv = [process.argv[0]!, 'stackql-docgen-mock', ...defaults, ...args];
      await import('../../mocks/server/cli.ts');
    });
}
