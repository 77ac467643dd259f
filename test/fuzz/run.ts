/**
 * (Over 300 lines: four measured sections that write one report.)
 *
 * `npm run fuzz [-- --statements 100000] [-- --seed n]`: the full fuzz and abuse run, written to
 * bench/FUZZ.md with the machine, the date and the load.
 *  1. fuzzed statements (test/fuzz/statements.ts) through every parser mode: anything but
 *     StatementSyntaxError is a failure; time per character by input size shows linearity;
 *  2. the same statements through the engine: every answer a status with {data} or {error}, no 500;
 *  3. the hostile-request list (hostile-requests.ts) at a real `npm run mock` process: each answered
 *     with the status class it should get, the process alive after each;
 *  4. a hostile statement running while simple SELECTs are sent one after another on another
 *     connection: their latency (target p99 < 50 ms).
 * Exit code 1 when a target is missed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import fc from 'fast-check';
import { parseStatement, parseStatements, StatementSyntaxError } from '../../generator/core/sql/index.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';
import { HOSTILE_CASES, send, statement } from './hostile-requests.ts';
import { EXTREME_SHAPES, statementArbitraries } from './statements.ts';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const total = Number(arg('--statements') ?? 100_000);
const seed = Number(arg('--seed') ?? Date.now() % 2 ** 31);
const out = arg('--out') ?? 'bench/FUZZ.md';

const loadAtStart = loadavg();
const started = new Date();
const model = docsModel();
const arb = statementArbitraries(model);
const failures: string[] = [];
const lines: string[] = [];
const log = (s = '') => {
  lines.push(s);
  console.error(s);
};

// ---- 1 and 2: statements ------------------------------------------------------------------

function parseEveryWay(sql: string): 'ok' | 'syntax' {
  let outcome: 'ok' | 'syntax' = 'ok';
  for (const parse of [
    () => parseStatement(sql, { templates: false }),
    () => parseStatement(sql),
    () => parseStatement(sql, { onRepair: () => undefined }),
    () => parseStatements(sql, { onRepair: () => undefined }),
  ]) {
    try {
      parse();
    } catch (error) {
      if (!(error instanceof StatementSyntaxError)) throw error;
      outcome = 'syntax';
    }
  }
  return outcome;
}

const BUCKETS = [100, 1_000, 10_000, 100_000, Infinity];
interface Bucket {
  n: number;
  chars: number;
  ms: number;
  worstUsPerChar: number;
}

async function fuzzStatements(): Promise<void> {
  const kinds = { valid: arb.valid, mutated: arb.mutated, extreme: arb.extreme, noise: arb.noise } as const;
  // Shares of the total: grammar-shaped and mutated most, a few hundred extremes, some noise.
  const shares = { valid: 0.42, mutated: 0.42, extreme: 0.003, noise: 0.157 } as const;
  const buckets = BUCKETS.map((): Bucket => ({ n: 0, chars: 0, ms: 0, worstUsPerChar: 0 }));
  const parsed = { ok: 0, syntax: 0 };
  const engineStatuses = new Map<number, number>();
  const engine = createMockEngine({ model, limits: { statementTimeoutMs: 2_000 } });
  let engineMs = 0;
  let index = 0;
  for (const [kind, a] of Object.entries(kinds) as [keyof typeof kinds, fc.Arbitrary<string>][]) {
    const count = Math.round(total * shares[kind]);
    const inputs = fc.sample(a, { numRuns: count, seed: seed + index++ });
    for (const sql of inputs) {
      const t = performance.now();
      try {
        parsed[parseEveryWay(sql)]++;
      } catch (error) {
        failures.push(`parser raised ${(error as Error).name}: ${(error as Error).message} on ${JSON.stringify(sql.slice(0, 200))}`);
      }
      const ms = performance.now() - t;
      const b = buckets[BUCKETS.findIndex((limit) => sql.length < limit)];
      b.n++;
      b.chars += sql.length;
      b.ms += ms;
      // Per-input worst case, for inputs long enough that the clock's resolution does not dominate.
      if (sql.length >= 1_000) b.worstUsPerChar = Math.max(b.worstUsPerChar, (ms * 1000) / sql.length);

      const e = performance.now();
      const r = await engine.query({ query: sql });
      engineMs += performance.now() - e;
      engineStatuses.set(r.status, (engineStatuses.get(r.status) ?? 0) + 1);
      const body = r.body as { data?: unknown; error?: unknown };
      if (r.status === 500 || (r.status === 200 ? !Array.isArray(body.data) : typeof body.error !== 'string')) {
        failures.push(`engine answered ${r.status} ${JSON.stringify(r.body).slice(0, 200)} to ${JSON.stringify(sql.slice(0, 200))}`);
      }
    }
    console.error(`  ${kind}: ${count} statements`);
  }
  await engine.close();
  const n = parsed.ok + parsed.syntax;
  log(`## 1. ${n.toLocaleString('en')} fuzzed statements through the parser (4 modes each)`);
  log();
  log(`Seed ${seed}. Grammar-shaped ${shares.valid * 100}%, mutated ${shares.mutated * 100}%, extreme nesting/chains ${shares.extreme * 100}% (up to 12,000 levels or terms), noise ${shares.noise * 100}%.`);
  log(`Parsed: ${parsed.ok.toLocaleString('en')}; refused with StatementSyntaxError in at least one mode: ${parsed.syntax.toLocaleString('en')}; anything else raised: ${failures.filter((f) => f.startsWith('parser')).length}.`);
  log();
  log('| input length | inputs | µs per character (all 4 modes, mean) | worst single input, µs/char (≥ 1,000 chars) |');
  log('|---|---:|---:|---:|');
  BUCKETS.forEach((limit, i) => {
    const b = buckets[i];
    if (b.n === 0) return;
    const from = i === 0 ? 0 : BUCKETS[i - 1];
    log(`| ${from.toLocaleString('en')}–${limit === Infinity ? '∞' : (limit - 1).toLocaleString('en')} | ${b.n.toLocaleString('en')} | ${((b.ms * 1000) / b.chars).toFixed(2)} | ${b.worstUsPerChar ? b.worstUsPerChar.toFixed(2) : '–'} |`);
  });
  log();
  linearity();
  log(`## 2. The same statements through the engine (engine.query)`);
  log();
  log(`Answers by status: ${[...engineStatuses].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}: ${c.toLocaleString('en')}`).join(', ')}; ${(engineMs / 1000).toFixed(1)} s in all. A 500 (internal error) counts as a failure: ${failures.filter((f) => f.startsWith('engine')).length}.`);
  log();
}

/** Each extreme shape at three sizes: parse time per character should not grow with the size. */
function linearity(): void {
  const sizes = [1_500, 6_000, 24_000];
  log('## 1b. Parse time per character as inputs grow');
  log();
  log('Each extreme shape at three sizes, all 4 parser modes, CPU time of this process (other work on the shared cores does not count), best of 5.');
  log();
  log();
  log(`| shape | ${sizes.map((k) => `k = ${k.toLocaleString('en')}: µs/char`).join(' | ')} | largest / smallest |`);
  log(`|---|${sizes.map(() => '---:').join('|')}|---:|`);
  let worst = 0;
  for (const [name, shape] of Object.entries(EXTREME_SHAPES)) {
    const perChar = sizes.map((k) => {
      const sql = shape(k);
      let best = Infinity;
      // CPU time of this process, not wall time: other work on the shared cores does not count.
      for (let r = 0; r < 5; r++) {
        const before = process.cpuUsage();
        try {
          parseEveryWay(sql);
        } catch (error) {
          failures.push(`parser raised ${(error as Error).name} on the ${name} shape at ${k}`);
        }
        const used = process.cpuUsage(before);
        best = Math.min(best, used.user + used.system);
      }
      return best / sql.length;
    });
    const ratio = perChar[perChar.length - 1] / perChar[0];
    worst = Math.max(worst, ratio);
    log(`| ${name} | ${perChar.map((u) => u.toFixed(3)).join(' | ')} | ${ratio.toFixed(2)} |`);
  }
  log();
  log(
    'The inputs grow 16x: quadratic work would show as about 16 in the last column, linear work as 1. ' +
      'What remains above 1 is memory, not work: the token list of a 200 KB input outgrows the young generation, ' +
      'and garbage collection (counted in CPU time) costs more per token from then on.',
  );
  log();
  if (worst > 8) failures.push(`parse time per character grew ${worst.toFixed(1)}x from the smallest to the largest input of one shape (linear: about 1, quadratic: 16)`);
}

// ---- 3 and 4: the server ------------------------------------------------------------------

interface Server {
  child: ChildProcess;
  url: string;
  exited: () => boolean;
}

async function startServer(extra: string[]): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/server/cli.ts', '--docs', 'docs', '--port', '0', '--quiet', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  child.on('exit', () => (exited = true));
  let text = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => process.stderr.write(`  [server] ${d}`));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(text);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the mock exited ${code} before listening`)));
  });
  return { child, url, exited: () => exited };
}

async function hostileRequests(): Promise<void> {
  const server = await startServer(['--headers-timeout', '2000', '--request-timeout', '4000', '--statement-timeout', '2000', '--rows', '20']);
  log(`## 3. Hostile requests at a real server process (${HOSTILE_CASES.length} cases)`);
  log();
  log('`npm run mock -- --docs docs --headers-timeout 2000 --request-timeout 4000 --statement-timeout 2000`; each case on a connection of its own, then `GET /health`.');
  log();
  log('| case | answer | ms | as expected | server alive after |');
  log('|---|---:|---:|:-:|:-:|');
  for (const c of HOSTILE_CASES) {
    const t = performance.now();
    let status = 0;
    let note = '';
    try {
      const r = await c.run(server.url);
      status = r.status;
      note = r.text.replace(/\s+/g, ' ').slice(0, 90);
    } catch (error) {
      note = `client error: ${(error as Error).message}`;
    }
    const ms = performance.now() - t;
    const health = server.exited() ? 0 : await send(server.url, 'GET', '/health').then((r) => r.status, () => 0);
    const alive = !server.exited() && health === 200;
    const expected = c.expect === 'ok' ? status >= 200 && status < 300 : status >= 400 && status < 600;
    if (!expected) failures.push(`hostile case "${c.name}": answered ${status} (${note}), expected ${c.expect}`);
    if (!alive) failures.push(`hostile case "${c.name}": the server did not answer /health afterwards`);
    log(`| ${c.name} | ${status || 'none'} | ${ms.toFixed(0)} | ${expected ? 'yes' : '**no**'} | ${alive ? 'yes' : '**no**'} |`);
    if (server.exited()) break;
  }
  await cappedConnections(server);
  log();
  server.child.kill('SIGTERM');
}

/** 1,000 idle sockets against a cap of 256: the rest get 503, and once they go, service is back. */
async function cappedConnections(server: Server): Promise<void> {
  const { connect } = await import('node:net');
  const u = new URL(server.url);
  const sockets = await Promise.all(
    Array.from({ length: 1_000 }, () => new Promise<import('node:net').Socket>((resolve) => {
      const s = connect(Number(u.port), u.hostname, () => resolve(s));
      s.on('error', () => resolve(s));
    })),
  );
  const during = await send(server.url, 'GET', '/health').then((r) => r.status, () => 0);
  for (const s of sockets) s.destroy();
  await new Promise((r) => setTimeout(r, 300));
  const after = await send(server.url, 'GET', '/health').then((r) => r.status, () => 0);
  const ok = during === 503 && after === 200 && !server.exited();
  if (!ok) failures.push(`1,000 idle sockets: /health answered ${during} while they were open, ${after} after`);
  log(`| 1,000 idle sockets (cap 256), then GET /health | ${during}, then ${after} once they closed | – | ${during === 503 && after === 200 ? 'yes' : '**no**'} | ${server.exited() ? '**no**' : 'yes'} |`);
}

async function latencyUnderAttack(): Promise<void> {
  const server = await startServer(['--statement-timeout', '5000']);
  const select = 'SELECT id, email FROM confluent.iam.invitations';
  for (let i = 0; i < 50; i++) await statement(server.url, select);
  const baseline: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await statement(server.url, select);
    baseline.push(performance.now() - t);
  }
  const values = `'[${Array.from({ length: 400 }, () => `"${'a'.repeat(26)}b"`).join(',')}]'`;
  const hostile = [
    `SELECT count(*) AS n FROM confluent.iam.invitations, json_each(${values}) AS j WHERE (j.value REGEXP '(a+)+$') = 1`,
    `SELECT count(*) AS n FROM confluent.iam.invitations, json_each('[${Array.from({ length: 300 }, (_, i) => i)}]') AS a, json_each('[${Array.from({ length: 300 }, (_, i) => i)}]') AS b, json_each('[${Array.from({ length: 300 }, (_, i) => i)}]') AS c WHERE (a.value || b.value || c.value) REGEXP 'x'`,
  ];
  const during: number[] = [];
  let running = hostile.length;
  const attacks = hostile.map((q) => statement(server.url, q).finally(() => running--));
  while (running > 0) {
    const t = performance.now();
    await statement(server.url, select);
    during.push(performance.now() - t);
  }
  const statuses = (await Promise.all(attacks)).map((r) => r.status);
  server.child.kill('SIGTERM');
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  const p99 = pct(during, 99);
  if (p99 >= 50) failures.push(`simple SELECT p99 ${p99.toFixed(1)} ms while hostile statements ran (target < 50 ms)`);
  log('## 4. Simple SELECTs while hostile statements run');
  log();
  log(`Two hostile statements at once (a catastrophic REGEXP over 400 rows, a 27-million-row cross join), statement budget 5 s; meanwhile \`${select}\` one after another on another connection.`);
  log();
  log('| | SELECTs | p50 ms | p99 ms | max ms |');
  log('|---|---:|---:|---:|---:|');
  log(`| alone, before | ${baseline.length} | ${pct(baseline, 50).toFixed(1)} | ${pct(baseline, 99).toFixed(1)} | ${Math.max(...baseline).toFixed(1)} |`);
  log(`| while the hostile statements ran (answered ${statuses.join(', ')}) | ${during.length} | ${pct(during, 50).toFixed(1)} | ${p99.toFixed(1)} | ${Math.max(...during).toFixed(1)} |`);
  log();
}

await fuzzStatements();
await hostileRequests();
await latencyUnderAttack();

const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const header = [
  '# Fuzz and abuse results',
  '',
  `_Written by \`npm run fuzz\` (${total.toLocaleString('en')} statements, seed ${seed}), ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(1)).join(' ')} (the 2 cores are shared with other work). Took ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s._`,
  '',
  failures.length === 0 ? '**Every target met.**' : `**${failures.length} target(s) missed:**\n\n${failures.slice(0, 50).map((f) => `- ${f}`).join('\n')}`,
  '',
];
writeFileSync(out, `${[...header, ...lines].join('\n')}\n`);
console.error(`wrote ${out}`);
process.exitCode = failures.length === 0 ? 0 : 1;
