/**
 * What `generate --watch` prints for each change after the first run: one line (the pages, what
 * was written, the time taken), then the diagnostics of those pages; or, with `--reporter json`,
 * one JSON document.
 */
import type { Diagnostic } from '../core/model.ts';
import type { Settings } from '../config/settings.ts';
import { formatDiagnostic } from '../report.ts';
import type { WatchUpdate } from '../watch-session.ts';

export interface WatchLineOptions {
  ms: number;
  /** The output folder as shown. */
  out: string;
  verbose: boolean;
  quiet: boolean;
  /** A diagnostic (or just a model path) with its file as the user should see it. */
  printable: (d: Pick<Diagnostic, 'file'>) => Diagnostic;
}

export function watchUpdateLines(update: WatchUpdate, options: WatchLineOptions): string[] {
  const pages = update.pages.map((p) => `${options.printable({ file: p.file }).file} (${p.change})`).join(', ');
  const p = update.phases;
  const phases = options.verbose && !update.full ? `: read ${ms(p.read)}, model ${ms(p.model)}, emit ${ms(p.emit)}, write ${ms(p.write)}` : '';
  const lines = [`${pages}: ${outcome(update, options.out)} (${ms(options.ms)}${phases})`];
  if (!options.quiet) {
    for (const d of update.diagnostics) if (d.severity !== 'info' || options.verbose) lines.push(`  ${formatDiagnostic(options.printable(d))}`);
  }
  return lines;
}

function outcome(update: WatchUpdate, out: string): string {
  const refused = update.refused;
  if (refused?.reason === 'strict') return `--strict: the docs give ${refused.serious} warnings or errors; nothing written (${out} is as it was)`;
  if (refused?.reason === 'removal') {
    return `nothing written: this would remove ${refused.removing} of the ${refused.previous} files generated from the docs in ${out} (more than half; e.g. ${refused.sample.join(', ')}); run with --force if that is intended`;
  }
  const w = update.writes;
  if (update.full) {
    const writes = w ? `${w.written} files written, ${w.unchanged} unchanged, ${w.removed} removed` : 'already the output of this model';
    return `the whole output regenerated (${update.full.why}): ${writes}`;
  }
  if (!w) return update.pages.every((p) => p.change === 'unchanged') ? 'unchanged; nothing written' : 'no change to the model; nothing written';
  const parts = [`${w.written} ${w.written === 1 ? 'file' : 'files'} written`];
  if (w.removed > 0) parts.push(`${w.removed} removed`);
  if (update.emitted.length > 0) parts.push(`emitted ${list(update.emitted)}`);
  if (update.removed.length > 0) parts.push(`removed ${list(update.removed)}`);
  return parts.join('; ');
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

function list(ids: readonly string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}

/** The change as one JSON document (reportVersion 1, as the run's report; `watch` marks it). */
export function watchUpdateJson(update: WatchUpdate, ms: number, settings: Settings, printable: WatchLineOptions['printable']): object {
  return {
    reportVersion: 1,
    watch: true,
    status: update.refused ? 'refused' : update.writes ? 'written' : 'unchanged',
    docs: settings.docs,
    out: settings.out,
    pages: update.pages.map((p) => ({ ...p, file: printable({ file: p.file }).file })),
    ...(update.full ? { whole: update.full.why } : {}),
    ...(update.refused ? { refused: update.refused } : {}),
    ...(update.writes ? { files: update.writes } : {}),
    emitted: update.emitted,
    removed: update.removed,
    seconds: Number((ms / 1000).toFixed(3)),
    phases: Object.fromEntries(Object.entries(update.phases).map(([phase, n]) => [phase, Math.round(n)])),
    diagnostics: update.diagnostics.map(printable),
  };
}
