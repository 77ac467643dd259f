// generator/DIAGNOSTICS.md against the source: every diagnostic code the generator can report is
// on the page with its severity, an example and a fix, and every code on the page is still reported.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Severity = 'error' | 'warning' | 'info';
const CODE = String.raw`([a-z]+\/[a-z0-9-]+)`;

/** The forms a diagnostic is made in (generator/parse/diagnostics.ts, plain objects, SQL repairs). */
const FORMS: Array<{ re: RegExp; severity: (m: RegExpExecArray) => Severity }> = [
  { re: new RegExp(String.raw`\bsink\.(warn|error|info)\(\s*'${CODE}'`, 'g'), severity: (m) => (m[1] === 'warn' ? 'warning' : (m[1] as Severity)) },
  // The page reader's VFile messages: warn(file, 'code', ...) and report(file, 'severity', 'code', ...).
  { re: new RegExp(String.raw`(?<![.\w])(warn|error|info)\(\s*\w+,\s*'${CODE}'`, 'g'), severity: (m) => (m[1] === 'warn' ? 'warning' : (m[1] as Severity)) },
  { re: new RegExp(String.raw`\breport\(\s*\w+,\s*'(error|warning|info)',\s*'${CODE}'`, 'g'), severity: (m) => m[1] as Severity },
  { re: new RegExp(String.raw`\.add\(\s*'(error|warning|info)',\s*'${CODE}'`, 'g'), severity: (m) => m[1] as Severity },
  { re: new RegExp(String.raw`severity:\s*'(error|warning|info)',\s*code:\s*'${CODE}'`, 'g'), severity: (m) => m[1] as Severity },
  // A repair of the doc SQL (core/sql/repairs.ts, RepairCode): examples.ts reports each as a warning.
  { re: new RegExp(String.raw`^\s*\|\s*'(sql\/[a-z0-9-]+)'`, 'gm'), severity: () => 'warning' },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function codesInSource(): Map<string, Set<Severity>> {
  const found = new Map<string, Set<Severity>>();
  for (const file of sources('generator')) {
    const text = readFileSync(file, 'utf8');
    for (const form of FORMS) {
      for (const m of text.matchAll(form.re)) {
        const code = m[m.length - 1]!;
        const set = found.get(code) ?? new Set<Severity>();
        set.add(form.severity(m as RegExpExecArray));
        found.set(code, set);
      }
    }
  }
  return found;
}

interface Entry {
  severity: Set<Severity>;
  body: string;
}

function codesOnPage(): Map<string, Entry> {
  const text = readFileSync('generator/DIAGNOSTICS.md', 'utf8');
  const entries = new Map<string, Entry>();
  const sections = text.split(/^### /m).slice(1);
  for (const section of sections) {
    const code = /^`([^`]+)`/.exec(section)?.[1];
    if (!code) throw new Error(`a ### heading on the page is not a \`code\`: ${section.slice(0, 40)}`);
    const severity = /^Severity: ([a-z ,]+?)\.$/m.exec(section)?.[1];
    entries.set(code, { severity: new Set((severity ?? '').split(/,\s*|\s+or\s+/).filter(Boolean) as Severity[]), body: section });
  }
  return entries;
}

describe('generator/DIAGNOSTICS.md', () => {
  const source = codesInSource();
  const page = codesOnPage();

  it('finds the codes in the source (the scan itself works)', () => {
    // One of each form: a DiagnosticSink call, an add with a severity, a plain object, a repair.
    for (const code of ['page/unclosed-fence', 'examples/unparsed-sql', 'manifest/stack-file', 'sql/ellipsis']) expect(source.has(code), code).toBe(true);
    expect(source.size).toBeGreaterThan(50);
  });

  it('lists every code the generator reports, with its severity', () => {
    const missing = [...source.keys()].filter((c) => !page.has(c)).sort();
    expect(missing, 'codes reported by the generator but not on generator/DIAGNOSTICS.md').toEqual([]);
    for (const [code, severities] of source) {
      expect([...page.get(code)!.severity].sort(), `severity of ${code}`).toEqual([...severities].sort());
    }
  });

  it('lists no code the generator no longer reports', () => {
    expect([...page.keys()].filter((c) => !source.has(c)).sort()).toEqual([]);
  });

  it('gives each code a printed example and a fix', () => {
    for (const [code, entry] of page) {
      const example = /\*\*Example\*\*: `([^`]+)`/.exec(entry.body)?.[1];
      expect(example, `example of ${code}`).toMatch(new RegExp(String.raw`^\S+\.mdx?:\d+:\d+ (error|warning|info) ${code.replace('/', '\\/')} \S`));
      expect(example!.split(' ')[1], `the example's severity for ${code}`).toBe([...entry.severity][0]);
      expect(entry.body, `fix for ${code}`).toMatch(/\*\*Fix\*\*: \S/);
    }
  });
});
