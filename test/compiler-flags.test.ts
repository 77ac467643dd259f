/**
 * The V8 flags a run on workers sets (pool.ts tuneCompiler): set once, before the first worker
 * starts, and never over a flag the process was started with.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

const set: string[] = [];
vi.mock('node:v8', async (original) => ({ ...(await original<typeof import('node:v8')>()), setFlagsFromString: (flag: string) => void set.push(flag) }));

const { COMPILER_FLAGS, compilerFlagsFor, createPool } = await import('../generator/pool.ts');

describe('compiler flags', () => {
  const pool = createPool(1);
  afterAll(() => pool.close());

  it('are set when the first workers start, once per process', async () => {
    expect(set).toEqual([]); // a pool that never started workers set nothing
    const page = { file: 'docs/x.md', text: '# x\n' };
    const records: unknown[] = [];
    await pool.run([{ kind: 'extract', id: 0, pages: [page] }], (r) => records.push(r));
    expect(records).toHaveLength(1);
    expect(set).toEqual([...COMPILER_FLAGS]);
    await pool.close();
    await pool.run([{ kind: 'extract', id: 0, pages: [page] }], (r) => records.push(r)); // fresh workers: the flags are set already
    expect(records).toHaveLength(2);
    expect(set).toEqual([...COMPILER_FLAGS]);
  }, 60_000);

  it('leave a flag the process was given as it was given', () => {
    expect(compilerFlagsFor('')).toEqual([...COMPILER_FLAGS]);
    expect(compilerFlagsFor('--max-old-space-size=4096 --interrupt_budget=1000')).toEqual(COMPILER_FLAGS.filter((f) => !f.startsWith('--interrupt-budget=')));
    expect(compilerFlagsFor('--interrupt-budget-for-maglev=9 --max-inlined-bytecode-size-cumulative=10')).toEqual(COMPILER_FLAGS.filter((f) => !f.startsWith('--max-inlined-bytecode-size-cumulative=')));
  });
});
