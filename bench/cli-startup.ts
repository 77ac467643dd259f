/**
 * The command's start-up, compiled (dist/, what users run) against the same sources through tsx
 * (what `npm run generate` runs here), alternating, each run a fresh process:
 *   --version                                  start-up alone
 *   generate firebase (97 pages), no cache     start-up plus worker threads booting (they load tsx too)
 *
 *   npx tsx bench/cli-startup.ts [--runs 7]
 * Builds dist/ first (npm run build). Medians, and the compiled/tsx ratio.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const firebase = '../shared/corpus/google-microsite/firebase';

execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
const out = mkdtempSync(join(tmpdir(), 'cli-startup-'));
const env = { ...process.env, INIT_CWD: undefined };
const commands = {
  compiled: [process.execPath, 'dist/generator/cli/bin.js'],
  tsx: [process.execPath, '--import', 'tsx', 'generator/cli/bin.ts'],
} as const;
const cases = {
  '--version': ['--version'],
  'generate firebase --no-cache': ['generate', '--docs', firebase, '--out', out, '--no-cache', '--quiet', '--threads', '2', '--outputs', 'clients'],
} as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = loadavg()[0]!.toFixed(1);
const lines = [`${runs} runs each, alternating; load average at start ${load}.`, '', '| case | compiled (dist/) | tsx | compiled / tsx |', '|---|---|---|---|'];
for (const [name, caseArgs] of Object.entries(cases)) {
  const times: Record<keyof typeof commands, number[]> = { compiled: [], tsx: [] };
  for (let k = 0; k < runs; k++) {
    for (const [how, command] of Object.entries(commands) as Array<[keyof typeof commands, readonly string[]]>) {
      const started = performance.now();
      const r = spawnSync(command[0]!, [...command.slice(1), ...caseArgs], { env, stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`${how} ${name} exited ${r.status}`);
      times[how].push(performance.now() - started);
    }
  }
  const [c, t] = [median(times.compiled), median(times.tsx)];
  lines.push(`| ${name} | ${c.toFixed(0)} ms | ${t.toFixed(0)} ms | ${(c / t).toFixed(2)} |`);
}
rmSync(out, { recursive: true, force: true });
console.log(lines.join('\n'));
