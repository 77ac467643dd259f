/** What `generate` prints: the summary, then each diagnostic as file:line:col severity code message. */
import type { Diagnostic, ModelSummary } from './core/model.ts';

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column ?? 1} ${d.severity} ${d.code} ${d.message}`;
}

/** Blocks of resource pages read, as `read/total blocks (pct%)`; the rest are each a diagnostic. */
export function coverage(s: ModelSummary): string {
  const b = s.blocks;
  if (!b || b.total === 0) return 'no blocks on resource pages';
  const pct = Math.floor((b.read / b.total) * 10000) / 100;
  return `${b.read}/${b.total} blocks of resource pages read (${pct.toFixed(2)}%); each other one is a diagnostic`;
}

export function formatSummary(
  model: { summary: ModelSummary; diagnostics: Diagnostic[] },
  extra: { seconds: number; bytes: number; parsed: number; cacheHits: number },
): string {
  const s = model.summary;
  const skipped = Object.entries(s.skipped);
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<string, { severity: string; n: number }>();
  for (const d of model.diagnostics) {
    bySeverity[d.severity]++;
    const c = byCode.get(d.code) ?? { severity: d.severity, n: 0 };
    c.n++;
    byCode.set(d.code, c);
  }
  const mb = extra.bytes / 1e6;
  const lines = [
    `pages       ${s.pages} (${mb.toFixed(1)} MB; ${extra.parsed} parsed, ${extra.cacheHits} unchanged) in ${extra.seconds.toFixed(2)} s, ${(mb / Math.max(extra.seconds, 1e-3)).toFixed(2)} MB/s`,
    `resources   ${s.resources}`,
    `skipped     ${skipped.length === 0 ? 0 : skipped.map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `methods     ${s.methods}`,
    `examples    ${s.examples}`,
    `coverage    ${coverage(s)}`,
    `diagnostics ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info`,
  ];
  for (const [code, c] of [...byCode].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(c.n).padStart(7)}  ${c.severity.padEnd(7)} ${code}`);
  }
  return lines.join('\n');
}
