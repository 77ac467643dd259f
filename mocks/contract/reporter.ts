/**
 * A vitest reporter that gathers the drift every contract test recorded (`task.meta.drift`, set
 * before the test's assertions, so failing tests count too) into one report for the run:
 *
 *   contract-drift.json   the entries (resource, method, kind, field/param, expected, actual,
 *                         status and the server's message), sorted
 *   contract-drift.md     the same, readable; its summary is also printed at the end of the run
 *
 * Written when CONTRACT_TARGET is set (a run against a real server) or CONTRACT_REPORT names the
 * JSON file (its .md sibling gets the summary); otherwise only printed, and only if there is drift.
 *
 *   reporters: ['default', './mocks/contract/reporter.ts']
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { buildReport, renderMarkdown, summaryLines, type DriftEntry, type DriftReport } from './drift.ts';

export interface DriftReporterOptions {
  /** The JSON report's path; default CONTRACT_REPORT, else contract-drift.json when CONTRACT_TARGET is set. */
  report?: string;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Where the summary goes. Default: console.log. */
  print?: (line: string) => void;
}

function firstLine(message: string | undefined): string {
  const line = (message ?? 'failed').split('\n')[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

export function markdownPathFor(json: string): string {
  return /\.json$/i.test(json) ? json.replace(/\.json$/i, '.md') : `${json}.md`;
}

export default class DriftReporter implements Reporter {
  private readonly env: Record<string, string | undefined>;
  private readonly print: (line: string) => void;
  private readonly reportPath?: string | undefined;
  /** The last report, for programmatic use (startVitest). */
  report?: DriftReport;

  constructor(options: DriftReporterOptions = {}) {
    this.env = options.env ?? process.env;
    this.print = options.print ?? ((line) => console.log(line));
    const target = this.env['CONTRACT_TARGET']?.trim();
    this.reportPath = options.report ?? (this.env['CONTRACT_REPORT']?.trim() || (target ? 'contract-drift.json' : undefined));
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const entries: DriftEntry[] = [];
    const otherFailures: DriftReport['otherFailures'] = [];
    const tests = { total: 0, passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      const file = module.relativeModuleId;
      for (const test of module.children.allTests()) {
        tests.total++;
        const result = test.result();
        if (result.state === 'passed') tests.passed++;
        else if (result.state === 'failed') tests.failed++;
        else if (result.state === 'skipped') tests.skipped++;
        const drift = test.meta().drift ?? [];
        for (const entry of drift) entries.push({ ...entry, test: test.fullName, file });
        if (result.state === 'failed' && drift.length === 0) {
          otherFailures.push({ test: test.fullName, file, message: firstLine(result.errors?.[0]?.message) });
        }
      }
      // A suite that could not even load has no tests to carry its error.
      for (const error of module.errors()) otherFailures.push({ test: file, file, message: firstLine(error.message) });
    }
    const target = this.env['CONTRACT_TARGET']?.trim() || 'mock';
    const mutations = target === 'mock' || /^(1|true|yes)$/i.test(this.env['CONTRACT_ALLOW_MUTATIONS'] ?? '');
    const report = buildReport(entries, tests, { target, mutations, otherFailures });
    this.report = report;
    let paths: { json: string; markdown: string } | undefined;
    if (this.reportPath) {
      const json = resolve(this.reportPath);
      paths = { json: this.reportPath, markdown: markdownPathFor(this.reportPath) };
      mkdirSync(dirname(json), { recursive: true });
      writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(resolve(paths.markdown), renderMarkdown(report));
    }
    if (paths || entries.length > 0) {
      this.print('');
      for (const line of summaryLines(report, paths)) this.print(line);
    }
  }
}
