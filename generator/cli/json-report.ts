/**
 * `generate --reporter json`: one JSON document on stdout per run, for CI and editors. Paths are
 * absolute except the diagnostics' files, which are as the text reporter prints them. The shape is
 * versioned: fields are added, never renamed.
 */
import type { Diagnostic, ModelSummary } from '../core/model.ts';
import type { Settings } from '../config/settings.ts';
import type { GenerateResult } from '../pipeline.ts';
import type { PhaseTiming } from './progress.ts';

export interface JsonReport {
  reportVersion: 1;
  exitCode: number;
  /** written | up-to-date | checked | drift | refused | failed */
  status: 'written' | 'up-to-date' | 'checked' | 'drift' | 'refused' | 'failed';
  config: string | null;
  docs: string;
  out: string;
  error?: string;
  refused?: GenerateResult['refused'];
  summary?: ModelSummary;
  pages?: { read: number; parsed: number; fromCache: number; bytes: number };
  files?: { written: number; unchanged: number; removed: number };
  drift?: string[];
  seconds?: number;
  phases?: PhaseTiming[];
  diagnosticCounts?: { error: number; warning: number; info: number; byCode: Record<string, number> };
  diagnostics?: Diagnostic[];
}

export function jsonReport(input: {
  settings: Settings;
  exitCode: number;
  error?: string;
  result?: GenerateResult;
  seconds?: number;
  timings?: PhaseTiming[];
  diagnostics?: Diagnostic[];
}): JsonReport {
  const { settings, result } = input;
  const report: JsonReport = {
    reportVersion: 1,
    exitCode: input.exitCode,
    status: 'failed',
    config: settings.configFile ?? null,
    docs: settings.docs,
    out: settings.out,
  };
  if (input.error) report.error = input.error;
  if (!result) return report;
  report.status = result.refused ? 'refused' : result.drift ? (result.drift.length > 0 ? 'drift' : 'checked') : result.upToDate ? 'up-to-date' : 'written';
  if (result.refused) report.refused = result.refused;
  report.summary = result.model.summary;
  report.pages = { read: result.files.length, parsed: result.parsed, fromCache: result.cacheHits, bytes: result.bytes };
  if (result.writes) report.files = result.writes;
  if (result.drift) report.drift = result.drift;
  if (input.seconds !== undefined) report.seconds = Number(input.seconds.toFixed(3));
  if (input.timings) report.phases = input.timings.map((t) => ({ ...t, seconds: Number(t.seconds.toFixed(3)) }));
  const diagnostics = input.diagnostics ?? result.model.diagnostics;
  const counts = { error: 0, warning: 0, info: 0, byCode: {} as Record<string, number> };
  for (const d of diagnostics) {
    counts[d.severity]++;
    counts.byCode[d.code] = (counts.byCode[d.code] ?? 0) + 1;
  }
  report.diagnosticCounts = counts;
  report.diagnostics = diagnostics;
  return report;
}
