/**
 * `stackql-docgen generate`: docs in, the output folder out. Exit codes: 0 the run completed
 * (diagnostics are not failures); 1 a gate failed and nothing was written (--strict and there were
 * warnings or errors; the run would remove more than half of the previous output; --check found
 * drift); 2 unusable input or config.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { OUTPUT_NAMES, type OutputName } from '../config/define-config.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { invocationDir, resolveSettings, type Flags, type Settings } from '../config/settings.ts';
import type { Diagnostic } from '../core/model.ts';
import { generate, type GenerateOptions, type GenerateResult } from '../pipeline.ts';
import { WatchSession } from '../watch-session.ts';
import { UnusableInputError, defaultCacheFile } from '../read-model.ts';
import { formatDiagnostic, formatSummary } from '../report.ts';
import { jsonReport } from './json-report.ts';
import { createProgress, type PhaseTiming } from './progress.ts';
import { watchDocs } from './watch-docs.ts';
import { watchUpdateJson, watchUpdateLines } from './watch-report.ts';

interface GenerateFlags {
  config?: string;
  docs?: string;
  out?: string;
  include?: string[];
  exclude?: string[];
  outputs?: OutputName[];
  runtime?: 'copy' | 'package';
  strict?: boolean;
  force?: boolean;
  check?: boolean;
  watch?: boolean;
  threads?: number;
  pageBudget?: number;
  cache: boolean;
  reporter: 'text' | 'json';
  verbose?: boolean;
  quiet?: boolean;
}

const outputList = (value: string): OutputName[] => {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(OUTPUT_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown output ${unknown.map((u) => `'${u}'`).join(', ')}; the outputs are ${OUTPUT_NAMES.join(', ')}`);
  return names as OutputName[];
};

const count = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be an integer ≥ 0');
  return n;
};

export function generateCommand(): Command {
  return new Command('generate')
    .description('Read StackQL provider docs into <out>/model.json and, from it, typed clients, MSW mocks, validators and contract suites.')
    .option('--config <file>', 'config file (default: stackql-docgen.config.{ts,mts,js,mjs,json} here or above, up to the package.json folder)')
    .option('--docs <dir>', 'folder of doc pages (.md/.mdx), read recursively (default: docs)')
    .option('--out <dir>', 'output folder (default: generated)')
    .option('--include <glob...>', 'only resources whose id matches, e.g. google.cloudidentity.*')
    .option('--exclude <glob...>', 'leave out resources whose id matches')
    .option('--outputs <list>', `what to write besides model.json, comma-separated: ${OUTPUT_NAMES.join(',')} (default: all)`, outputList)
    .addOption(new Option('--runtime <mode>', 'copy the runtimes into the output, or import them from this package').choices(['copy', 'package']))
    .option('--strict', 'write nothing and exit 1 when the docs give warnings or errors')
    .option('--force', 'write even when that removes more than half of the previous output')
    .option('--check', 'write nothing; exit 1 when the output folder differs from what generate would write')
    .option('--watch', 'regenerate when a page under the docs folder changes')
    .option('--threads <n>', 'worker threads for parsing (default: one per core)', count)
    .option('--page-budget <ms>', 'time one page may take before it is skipped with page/over-budget (default 5000)', count)
    .option('--no-cache', 'parse every page, ignoring the content-hash cache')
    .addOption(new Option('--reporter <name>', 'text, or one JSON document on stdout per run').choices(['text', 'json']).default('text'))
    .option('--verbose', 'print info diagnostics too (warnings and errors are always printed)')
    .option('--quiet', 'no progress and no diagnostics: only the summary')
    .action(async (flags: GenerateFlags, command: Command) => {
      process.exitCode = await runGenerate(flags, command);
    });
}

async function runGenerate(flags: GenerateFlags, command: Command): Promise<number> {
  const from = invocationDir();
  let settings: Settings;
  try {
    const given: Flags = {};
    for (const key of ['docs', 'out', 'include', 'exclude', 'outputs', 'runtime', 'strict', 'threads'] as const) {
      if (flags[key] !== undefined) (given as Record<string, unknown>)[key] = flags[key];
    }
    if (command.getOptionValueSource('cache') === 'cli') given.cache = flags.cache;
    settings = resolveSettings(await loadConfig(from, flags.config), given, from);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`generate: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (!flags.watch) return runOnce(settings, flags, from, generate);
  // --check writes nothing, so there is nothing to carry from one change to the next.
  if (flags.check) {
    const first = await runOnce(settings, flags, from, generate);
    if (first === 2) return first;
    return watch(settings, from, async (names) => {
      console.error(`\n${names.join(', ')} changed; checking again`);
      await runOnce(settings, flags, from, generate);
    });
  }

  let session: WatchSession | undefined;
  const first = await runOnce(settings, flags, from, async (options) => {
    const started = await WatchSession.start(options);
    session = started.session;
    return started.result;
  });
  if (first === 2 || !session) return 2;
  const watching = session;
  const printable = printableIn(settings, from);
  return watch(settings, from, async (names) => {
    const started = performance.now();
    try {
      const update = await watching.update(names);
      if (!update) return;
      const ms = performance.now() - started;
      if (flags.reporter === 'json') console.log(JSON.stringify(watchUpdateJson(update, ms, settings, printable)));
      else for (const line of watchUpdateLines(update, { ms, out: shown(settings.out, from), verbose: Boolean(flags.verbose), quiet: Boolean(flags.quiet), printable })) console.log(line);
    } catch (e) {
      // The session regenerates the whole output on the next change; the watch goes on.
      if (e instanceof UnusableInputError) console.error(`generate: ${e.message}`);
      else console.error(`generate --watch: internal error while applying ${names.join(', ')}: ${(e as Error).stack ?? String(e)}`);
    }
  });
}

/** Watches the docs folder until it goes away (exit 2), calling `onChange` with the names changed. */
function watch(settings: Settings, from: string, onChange: (names: string[]) => Promise<void>): Promise<number> {
  return watchDocs(settings.docs, {
    onReady: () => console.error(`watching ${shown(settings.docs, from)} for changes (Ctrl-C to stop)`),
    onChange,
  }).then((gone) => {
    console.error(`generate --watch: ${gone}; stopping`);
    return 2;
  });
}

/** Diagnostics' files as the user should see them: model paths are relative to the docs folder's parent. */
function printableIn(settings: Settings, from: string): (d: Pick<Diagnostic, 'file'>) => Diagnostic {
  const modelBase = dirname(settings.docs);
  return (d) => ({ ...d, file: shown(resolve(modelBase, d.file), from) }) as Diagnostic;
}

/** A path as the user should see it: relative to where they typed the command when it is inside it. */
function shown(path: string, from: string): string {
  const rel = relative(from, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

async function runOnce(settings: Settings, flags: GenerateFlags, from: string, run: (options: GenerateOptions) => Promise<GenerateResult>): Promise<number> {
  const started = performance.now();
  const json = flags.reporter === 'json';
  const progress = flags.quiet ? undefined : createProgress({ write: (t) => process.stderr.write(t), tty: Boolean(process.stderr.isTTY), stream: process.stderr });
  const out = shown(settings.out, from);
  const docs = shown(settings.docs, from);
  const printable = printableIn(settings, from);

  let result: GenerateResult;
  let timings: PhaseTiming[] = [];
  try {
    const options: GenerateOptions = {
      docs: settings.docs,
      out: settings.out,
      outputs: settings.outputs,
      runtime: settings.runtime,
      strict: settings.strict,
      cacheFile: settings.cache ? defaultCacheFile(settings.docs, settings.projectDir) : false,
    };
    if (settings.include) options.include = settings.include;
    if (settings.exclude) options.exclude = settings.exclude;
    if (settings.threads !== undefined) options.threads = settings.threads;
    if (flags.pageBudget !== undefined) options.pageBudgetMs = flags.pageBudget;
    if (flags.check) options.check = true;
    if (flags.force) options.force = true;
    // Watching: the edited page's output is in place as soon as it is swapped in.
    if (flags.watch) options.removeOldInBackground = true;
    if (progress) options.onProgress = progress.listener;
    result = await run(options);
    timings = progress?.finish() ?? [];
  } catch (e) {
    progress?.finish();
    if (e instanceof UnusableInputError) {
      if (json) console.log(JSON.stringify(jsonReport({ settings, exitCode: 2, error: e.message })));
      console.error(`generate: ${e.message}`);
      return 2;
    }
    throw e;
  }

  const { model } = result;
  const seconds = (performance.now() - started) / 1000;
  const exitCode = result.refused || (result.drift && result.drift.length > 0) ? 1 : 0;
  if (json) {
    console.log(JSON.stringify(jsonReport({ settings, exitCode, result, seconds, timings, diagnostics: model.diagnostics.map(printable) })));
  } else {
    if (!flags.quiet) {
      for (const d of model.diagnostics) if (d.severity !== 'info' || flags.verbose) console.log(formatDiagnostic(printable(d)));
    }
    console.log(formatSummary(model, { seconds, bytes: result.bytes, parsed: result.parsed, cacheHits: result.cacheHits }));
    if (result.writes) {
      const w = result.writes;
      const what = result.upToDate ? ' (already the output of this model)' : '';
      console.log(`${out}: ${w.written} written, ${w.unchanged} unchanged, ${w.removed} removed${what}`);
    } else if (result.drift?.length === 0) console.log(`${out} is up to date (${result.outputs.length} files)`);
  }

  if (result.drift && result.drift.length > 0) {
    console.error(`generate --check: ${out} is out of date with ${docs} (run stackql-docgen generate):`);
    for (const d of result.drift.slice(0, 50)) console.error(`  ${d}`);
    if (result.drift.length > 50) console.error(`  ... and ${result.drift.length - 50} more`);
  }
  const refused = result.refused;
  if (refused?.reason === 'strict') {
    console.error(`generate --strict: ${refused.serious} warnings or errors; nothing written (${out} is as it was)`);
  } else if (refused?.reason === 'removal') {
    console.error(
      `generate: refusing to write: this run would remove ${refused.removing} of the ${refused.previous} files the previous run generated from the docs in ${out} ` +
        `(more than half; e.g. ${refused.sample.join(', ')}). ${docs} gave ${model.summary.pages} page(s) and ${model.summary.resources} resource(s). ` +
        'If that is intended, run again with --force.',
    );
  }
  return exitCode;
}
