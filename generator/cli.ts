/**
 * `npm run generate -- [--docs dir] [--out dir] [...]`: docs in, generated/ out.
 * Exit codes: 0 the run completed (diagnostics are not failures); 1 --strict and there were
 * warnings or errors; 2 unusable input (missing folder, unreadable file).
 */
import { watch } from 'node:fs';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { generate, type GenerateOptions } from './pipeline.ts';
import { UnusableInputError } from './read/list-pages.ts';
import { formatDiagnostic, formatSummary } from './report.ts';

const program = new Command()
  .name('generate')
  .description('Parse StackQL provider docs into generated/model.json (and, from it, clients and mocks).')
  .option('--docs <dir>', 'folder of doc pages (.md/.mdx), read recursively', 'docs')
  .option('--out <dir>', 'output folder', 'generated')
  .option('--include <glob...>', 'only resources whose id matches, e.g. google.cloudidentity.*')
  .option('--exclude <glob...>', 'leave out resources whose id matches')
  .option('--strict', 'exit 1 when there are warnings or errors')
  .option('--verbose', 'print info diagnostics too (warnings and errors are always printed)')
  .option('--quiet', 'print only the summary')
  .option('--no-cache', 'parse every page, ignoring the content-hash cache')
  .option('--threads <n>', 'worker threads (default: one per core)', (v) => Number.parseInt(v, 10))
  .option('--page-budget <ms>', 'time one page may take before it is skipped with page/over-budget (default 5000)', (v) => Number.parseInt(v, 10))
  .option('--watch', 'regenerate when a page under --docs changes')
  .option('--check', 'write nothing; exit 1 when --out differs from what generate would write (drift check)')
  .parse();

const opts = program.opts<{
  docs: string; out: string; include?: string[]; exclude?: string[]; strict?: boolean; verbose?: boolean;
  quiet?: boolean; cache: boolean; threads?: number; pageBudget?: number; watch?: boolean; check?: boolean;
}>();

async function runOnce(): Promise<number> {
  const started = performance.now();
  let bar: cliProgress.SingleBar | undefined;
  const options: GenerateOptions = {
    docs: opts.docs,
    out: opts.out,
    include: opts.include,
    exclude: opts.exclude,
    cacheFile: opts.cache ? undefined : false,
    threads: opts.threads,
    pageBudgetMs: opts.pageBudget,
    check: opts.check,
    onStart: (pages) => {
      if (pages < 200 || !process.stderr.isTTY) return;
      bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'parsing {bar} {value}/{total} pages | {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(pages, 0);
    },
    onProgress: (done) => bar?.update(done),
  };
  try {
    const result = await generate(options);
    bar?.stop();
    const { model } = result;
    if (!opts.quiet) {
      for (const d of model.diagnostics) {
        if (d.severity !== 'info' || opts.verbose) console.log(formatDiagnostic(d));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(formatSummary(model, { seconds, bytes: result.bytes, parsed: result.parsed, cacheHits: result.cacheHits }));
    if (result.drift) {
      if (result.drift.length > 0) {
        console.error(`generate --check: ${opts.out} is out of date with ${opts.docs} (run npm run generate):`);
        for (const d of result.drift.slice(0, 50)) console.error(`  ${d}`);
        return 1;
      }
      console.log(`${opts.out} is up to date (${result.outputs.length} files)`);
    } else if (result.upToDate) console.log(`${opts.out} already holds the output of this model (nothing written)`);
    else console.log(`wrote ${result.outputs.length} file(s) to ${opts.out}`);
    const serious = model.diagnostics.filter((d) => d.severity !== 'info').length;
    if (opts.strict && serious > 0) {
      console.error(`--strict: ${serious} warnings or errors`);
      return 1;
    }
    return 0;
  } catch (e) {
    bar?.stop();
    if (e instanceof UnusableInputError) {
      console.error(`generate: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (opts.watch) {
  await runOnce();
  console.log(`watching ${opts.docs} for changes (Ctrl-C to stop)`);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  watch(opts.docs, { recursive: true }, (_event, name) => {
    if (!name || !/\.mdx?$/i.test(name)) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) return;
      running = true;
      console.log(`\n${name} changed; regenerating`);
      await runOnce().catch((e) => console.error(e));
      running = false;
    }, 150);
  });
} else {
  process.exitCode = await runOnce();
}
