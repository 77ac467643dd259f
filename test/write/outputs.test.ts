/**
 * generate's write phase: the output folder is always the previous set of files or the new one.
 * Killed (SIGKILL) at random points while writing, ten times, it is each time one complete set;
 * leftovers of killed runs (staging folders, temporaries) and folders that held only removed files
 * are gone after the next run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { recoverOutputs, writeOutputs } from '../../generator/write/outputs.ts';
import { writeFileAtomic } from '../../generator/write/atomic.ts';
import { versionFiles } from './write-child.ts';
import { generate } from '../../generator/pipeline.ts';
import { ROOT } from '../helpers/model.ts';

const CHILD = fileURLToPath(new URL('./write-child.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'write-phase-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(dir: string): { files: Map<string, string>; dirs: string[] } {
  const files = new Map<string, string>();
  const dirs: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) {
        dirs.push(relative(dir, abs));
        walk(abs);
      } else files.set(relative(dir, abs), readFileSync(abs, 'utf8'));
    }
  };
  walk(dir);
  return { files, dirs };
}

/** Exactly version `v`'s files, its manifest, any foreign files given, and no empty folder. */
function isVersion(dir: string, v: 'A' | 'B', count: number, foreign: Record<string, string> = {}): boolean {
  const { files, dirs } = tree(dir);
  const expected = new Map(versionFiles(v, count).map((f) => [f.path, f.content]));
  for (const [p, c] of Object.entries(foreign)) expected.set(p, c);
  const manifest = files.get('.generated-files');
  files.delete('.generated-files');
  if (manifest === undefined || !manifest.startsWith(`# input key-${v}\n`)) return false;
  if (files.size !== expected.size) return false;
  for (const [p, c] of expected) if (files.get(p) !== c) return false;
  return dirs.every((d) => readdirSync(join(dir, d)).length > 0);
}

function siblings(out: string): string[] {
  return readdirSync(dirname(out)).filter((e) => e.startsWith(`${out.split('/').pop()}.`));
}

describe('writeOutputs', () => {
  it('counts written, unchanged and removed files; keeps files that are not its own; leaves no empty folder', () => {
    const out = join(root, 'counts');
    expect(writeOutputs(out, versionFiles('A', 30), 'key-A')).toEqual({ written: 30, unchanged: 0, removed: 0 });
    writeFileSync(join(out, 'mine.txt'), 'a user file');
    mkdirSync(join(out, 'svc1/user'), { recursive: true });
    writeFileSync(join(out, 'svc1/user/notes.md'), 'notes');
    const b = writeOutputs(out, versionFiles('B', 30), 'key-B');
    // B drops 10 of A's 30, keeps 20 (10 unchanged, 10 changed) and adds 10.
    expect(b).toEqual({ written: 20, unchanged: 10, removed: 10 });
    expect(isVersion(out, 'B', 30, { 'mine.txt': 'a user file', 'svc1/user/notes.md': 'notes' })).toBe(true);
    expect(writeOutputs(out, versionFiles('B', 30), 'key-B')).toEqual({ written: 0, unchanged: 30, removed: 0 });
    expect(siblings(out)).toEqual([]);
  });

  it('reports each file as it is staged, written or unchanged alike', () => {
    const out = join(root, 'per-file');
    const calls: Array<[number, number]> = [];
    writeOutputs(out, versionFiles('A', 12), 'key-A', (done, total) => calls.push([done, total]));
    const expected = Array.from({ length: 12 }, (_, i): [number, number] => [i + 1, 12]);
    expect(calls).toEqual(expected);
    calls.length = 0;
    expect(writeOutputs(out, versionFiles('A', 12), 'key-A2', (done, total) => calls.push([done, total]))).toMatchObject({ unchanged: 12 });
    expect(calls).toEqual(expected);
  });

  it('generate reports the emit phase resource by resource, then the files it made the output', async () => {
    const emit: number[] = [];
    const write: Array<[number, number]> = [];
    let resources = -1;
    const result = await generate({
      docs: join(ROOT, 'docs'),
      out: join(root, 'generate-progress'),
      cacheFile: false,
      outputs: { clients: true, mocks: false, validators: false, contract: false },
      onProgress: (p) => {
        if (p.phase === 'emit') {
          emit.push(p.done);
          resources = p.total;
        }
        if (p.phase === 'write') write.push([p.done, p.total]);
      },
    });
    expect(resources).toBe(result.model.summary.resources);
    expect(resources).toBeGreaterThan(3);
    expect(emit).toEqual(Array.from({ length: resources + 1 }, (_, i) => i));
    expect(write).toEqual([[0, result.outputs.length], [result.outputs.length, result.outputs.length]]);
  });

  it("removes leftovers of killed runs: staging and old folders, and the old writer's temporaries", () => {
    const out = join(root, 'leftovers');
    writeOutputs(out, versionFiles('A', 12), 'key-A');
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    mkdirSync(`${out}.staging-${dead}-abcd1234/svc1`, { recursive: true });
    mkdirSync(`${out}.old-${dead}-abcd1234`, { recursive: true });
    writeFileSync(join(out, `svc1/res1/index.ts.${dead}.tmp`), 'half');
    writeOutputs(out, versionFiles('B', 12), 'key-B');
    expect(siblings(out)).toEqual([]);
    expect(isVersion(out, 'B', 12)).toBe(true);
  });

  it('a run killed between its two renames is finished by the next one (the complete staging folder wins)', () => {
    const out = join(root, 'between');
    writeOutputs(out, versionFiles('A', 12), 'key-A');
    // What the disk holds after `<out>` → old and before staging → `<out>`.
    const dead = 2 ** 22 + 999;
    const staged = join(root, 'b-staging');
    writeOutputs(staged, versionFiles('B', 12), 'key-B');
    renameSync(out, `${out}.old-${dead}-00ff00ff`);
    renameSync(staged, `${out}.staging-${dead}-00ff00ff`);
    expect(existsSync(out)).toBe(false);
    recoverOutputs(out);
    expect(isVersion(out, 'B', 12)).toBe(true);
    expect(siblings(out)).toEqual([]);
  });

  it('writeFileAtomic removes the temporaries of dead writers of the same file', () => {
    const file = join(root, 'atomic', 'cache.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${2 ** 22 + 7}.tmp`, 'half');
    writeFileAtomic(file, 'whole');
    expect(readdirSync(dirname(file))).toEqual(['cache.json']);
  });

  it('ten SIGKILLs during the write phase leave ten consistent output folders', async () => {
    const out = join(root, 'killed');
    const count = 600;
    await runChild(out, 'A', count);
    // How long a whole write takes from its staging folder's appearance to the process's exit: the
    // ten kills are spread over that span (the last ones may find the run finished).
    const span = await killDuringWrite(out, 'B', count, Infinity);
    const outcomes: string[] = [];
    for (let k = 0; k < 10; k++) {
      const version = k % 2 === 0 ? 'A' : 'B';
      const before = tree(out).files.get('.generated-files')!.split('\n')[0].slice(-1) as 'A' | 'B';
      const when = await killDuringWrite(out, version, count, (k / 9) * span.ms);
      // Almost always the folder is there; only a kill between the two renames leaves it absent,
      // and the next run's first step (recoverOutputs) puts the complete set back.
      if (!existsSync(out)) recoverOutputs(out);
      const now = isVersion(out, version, count) ? version : isVersion(out, before, count) ? before : 'mixed';
      outcomes.push(`${when.what}:${now === before ? 'previous' : now === 'mixed' ? 'MIXED' : 'new'}`);
      expect(now, outcomes.join(' ')).not.toBe('mixed');
    }
    console.log(`write phase ${span.ms.toFixed(0)} ms; kills: ${outcomes.join(' ')}`);
    // At least some kills landed while staging (the previous set stayed).
    expect(outcomes.some((o) => o.endsWith('previous'))).toBe(true);
    await runChild(out, 'B', count);
    expect(isVersion(out, 'B', count)).toBe(true);
    expect(siblings(out)).toEqual([]);
  }, 120_000);
});


function runChild(out: string, version: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, out, version, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

/**
 * Starts a write and kills it with SIGKILL `delay` ms after its staging folder appears (never, with
 * Infinity). Says when, and how long the write ran from staging to exit.
 */
function killDuringWrite(out: string, version: string, count: number, delay: number): Promise<{ what: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, out, version, String(count)], { stdio: 'ignore' });
    const parent = dirname(out);
    const name = `${out.split('/').pop()}.staging-`;
    let seenAt = 0;
    const poll = setInterval(() => {
      if (seenAt === 0 && readdirSync(parent).some((e) => e.startsWith(name))) {
        seenAt = performance.now();
        if (delay !== Infinity) setTimeout(() => child.kill('SIGKILL'), delay);
      }
    }, 1);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      const ms = seenAt === 0 ? 0 : performance.now() - seenAt;
      if (signal === 'SIGKILL') resolve({ what: seenAt === 0 ? 'before-staging' : `+${delay.toFixed(0)}ms`, ms });
      else if (code === 0) resolve({ what: 'finished', ms });
      else reject(new Error(`child exited ${code}`));
    });
  });
}
