// `npm run mock` / `stackql-docgen mock` serve from a child process with a larger young generation
// (mocks/server/young-generation.ts), unless the Node flags already choose one or watch the process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { keepsProcess, MOCK_SEMI_SPACE_MB, youngGenerationFlags } from '../../mocks/server/young-generation.ts';

const hasTaskset = spawnSync('taskset', ['-V']).error === undefined;

describe('young generation of the mock server', () => {
  it('keeps the process when a size is chosen or the process is watched', () => {
    expect(keepsProcess([], undefined)).toBe(false);
    expect(keepsProcess(['--import', 'tsx'], '--enable-source-maps')).toBe(false);
    expect(keepsProcess(['--max-semi-space-size=16'], undefined)).toBe(true);
    expect(keepsProcess(['--max-semi-space-size', '16'], undefined)).toBe(true);
    expect(keepsProcess([], ' --max-old-space-size=4096  --max-semi-space-size=64 ')).toBe(true);
    expect(keepsProcess(['--inspect'], undefined)).toBe(true);
    expect(keepsProcess(['--inspect-brk=9230'], undefined)).toBe(true);
    expect(keepsProcess([], '--cpu-prof')).toBe(true);
    expect(keepsProcess(['--heap-prof-dir=x', '--heap-prof'], undefined)).toBe(true);
    expect(keepsProcess(['--prof-process'], undefined)).toBe(true);
    expect(keepsProcess(['--max-old-space-size=100'], undefined)).toBe(false);
    // The lower bound alone chooses too (the relaunch would give another).
    expect(keepsProcess(['--min-semi-space-size=8'], undefined)).toBe(true);
    expect(keepsProcess([], '--min-semi-space-size 8')).toBe(true);
  });

  it('fixes the young generation, and runs the collector alone on one CPU', () => {
    const size = MOCK_SEMI_SPACE_MB;
    expect(youngGenerationFlags(2)).toEqual([`--min-semi-space-size=${size}`, `--max-semi-space-size=${size}`]);
    expect(youngGenerationFlags(16)).toEqual([`--min-semi-space-size=${size}`, `--max-semi-space-size=${size}`]);
    expect(youngGenerationFlags(1)).toEqual([`--min-semi-space-size=${size}`, `--max-semi-space-size=${size}`, '--single-threaded-gc']);
  });

  it('gives a process the whole young generation from its start (V8 would start it at 1 MiB and shrink it back there)', () => {
    const newSpaceMiB = (flags: string[]) => {
      const r = spawnSync(process.execPath, [...flags, '-p', "require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576"], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return Number(r.stdout.trim());
    };
    // The semi-space a process starts with is the lower bound: what V8 shrinks back to after an idle period.
    expect(newSpaceMiB(youngGenerationFlags(2))).toBeGreaterThanOrEqual(MOCK_SEMI_SPACE_MB);
    expect(newSpaceMiB([`--max-semi-space-size=${MOCK_SEMI_SPACE_MB}`])).toBeLessThan(MOCK_SEMI_SPACE_MB);
  });

  /** The CLI's process, what it printed, and its children's command lines (from /proc). */
  async function serve(env: NodeJS.ProcessEnv, cpu?: number, entry: string[] = ['mocks/server/cli.ts']) {
    const argv = [process.execPath, '--import', 'tsx', ...entry, '--docs', 'docs', '--port', '0', '--quiet'];
    // Pinned to one CPU: taskset execs node, so the child's pid is still the CLI's.
    const [command, ...args] = cpu === undefined ? argv : ['taskset', '-c', String(cpu), ...argv];
    const child = spawn(command!, args, { stdio: 'pipe', env: { ...process.env, ...env } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 60_000);
      child.stdout.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').split(' ').filter((w) => w !== '').map(Number);
    // cmdline ends each argument with a NUL, the last too.
    const commands = children.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1));
    const stop = async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    };
    return { url, children, commands, stop };
  }

  it.skipIf(!existsSync('/proc/self/task'))('serves from a child with the larger young generation, which stops with it', async () => {
    const s = await serve({ NODE_OPTIONS: '' });
    let code: number | null;
    try {
      expect(s.children).toHaveLength(1);
      expect(s.commands[0]).toContain(`--max-semi-space-size=${MOCK_SEMI_SPACE_MB}`);
      expect(s.commands[0]).toContain(`--min-semi-space-size=${MOCK_SEMI_SPACE_MB}`);
      // The CPUs this test may use are the child's too.
      expect(s.commands[0]!.includes('--single-threaded-gc')).toBe(availableParallelism() === 1);
      expect(s.commands[0]).toContain('--docs');
      const res = await fetch(`${s.url}/stackql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'SELECT id, email FROM confluent.iam.invitations' }) });
      expect(res.status).toBe(200);
    } finally {
      // Stopped whatever failed above: no server left behind.
      code = await s.stop();
    }
    expect(code).toBe(0);
    // The server process is gone with its parent.
    expect(existsSync(`/proc/${s.children[0]}/cmdline`) && readFileSync(`/proc/${s.children[0]}/cmdline`, 'utf8').includes('mocks/server/cli.ts')).toBe(false);
  }, 120_000);

  it.skipIf(!existsSync('/proc/self/task'))('`stackql-docgen mock` relaunches from its entry, before the program is loaded, and only once', async () => {
    const s = await serve({ NODE_OPTIONS: '' }, undefined, ['generator/cli/bin.ts', 'mock']);
    let code: number | null;
    try {
      expect(s.children).toHaveLength(1);
      // The child runs the command again, with the flags: the program (and the mock command's own relaunch) runs there.
      expect(s.commands[0]).toContain(`--min-semi-space-size=${MOCK_SEMI_SPACE_MB}`);
      expect(s.commands[0]!.slice(s.commands[0]!.findIndex((a) => a.endsWith('generator/cli/bin.ts')) + 1)).toEqual(['mock', '--docs', 'docs', '--port', '0', '--quiet']);
      const nodeChildren = (pid: number) =>
        readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter((w) => w !== '').filter((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0')[0] === process.execPath);
      expect(nodeChildren(s.children[0]!)).toEqual([]);
      const res = await fetch(`${s.url}/stackql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'SELECT id, email FROM confluent.iam.invitations' }) });
      expect(res.status).toBe(200);
    } finally {
      code = await s.stop();
    }
    expect(code).toBe(0);
  }, 120_000);

  it.skipIf(!existsSync('/proc/self/task') || !hasTaskset)('pinned to one CPU, serves with the collector alone (no helper threads to take turns with)', async () => {
    const s = await serve({ NODE_OPTIONS: '' }, 0);
    let code: number | null;
    try {
      expect(s.children).toHaveLength(1);
      expect(s.commands[0]).toContain('--single-threaded-gc');
      expect(s.commands[0]).toContain(`--min-semi-space-size=${MOCK_SEMI_SPACE_MB}`);
      const res = await fetch(`${s.url}/stackql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: "INSERT INTO confluent.iam.invitations (data__email) SELECT 'a@example.com'" }) });
      expect(res.status).toBe(200);
    } finally {
      code = await s.stop();
    }
    expect(code).toBe(0);
  }, 120_000);

  it.skipIf(!existsSync('/proc/self/task'))('serves in its own process when NODE_OPTIONS chooses the size', async () => {
    const s = await serve({ NODE_OPTIONS: '--max-semi-space-size=16' });
    let code: number | null;
    try {
      expect(s.children).toEqual([]);
    } finally {
      code = await s.stop();
    }
    expect(code).toBe(0);
  }, 120_000);
});
