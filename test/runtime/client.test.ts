import { describe, expect, it } from 'vitest';
import { createClient, type ExecuteOptions, type QueryResult, type Transport } from '../../generator/runtime/index.ts';

function recordingTransport(result: QueryResult) {
  const calls: Array<{ query: string; options?: ExecuteOptions }> = [];
  const transport: Transport = {
    async execute(query, options) {
      calls.push({ query, options });
      return result;
    },
  };
  return { transport, calls };
}

describe('createClient', () => {
  it('execute returns the whole result and passes options through', async () => {
    const result = { data: [{ a: 1 }], metadata: { result: { rowCount: 1 } } };
    const { transport, calls } = recordingTransport(result);
    const client = createClient({ transport });
    const signal = new AbortController().signal;
    expect(await client.execute('SELECT 1;', { signal, params: { p: 'v' } })).toBe(result);
    expect(calls).toEqual([{ query: 'SELECT 1;', options: { signal, params: { p: 'v' } } }]);
    expect(client.transport).toBe(transport);
  });

  it('run returns just the rows', async () => {
    const { transport, calls } = recordingTransport({ data: [{ id: 'x' }, { id: 'y' }] });
    const rows = await createClient({ transport }).run<{ id: string }>('SELECT id FROM p.s.r;');
    expect(rows).toEqual([{ id: 'x' }, { id: 'y' }]);
    expect(calls).toEqual([{ query: 'SELECT id FROM p.s.r;', options: undefined }]);
  });

  it('propagates transport errors untouched', async () => {
    const boom = new Error('boom');
    const client = createClient({ transport: { execute: () => Promise.reject(boom) } });
    await expect(client.run('SELECT 1;')).rejects.toBe(boom);
  });

  it('refuses a missing transport', () => {
    expect(() => createClient({ transport: undefined as unknown as Transport })).toThrow(TypeError);
  });
});
