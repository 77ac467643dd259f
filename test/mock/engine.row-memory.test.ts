// What an inserted row keeps alive: its own values, not the statement (nor the request body) they
// were read from. V8 makes a substring of 13 characters or more a view into its parent, so a row
// holding such a value would hold the whole statement; evaluate.ts ownString gives stored values
// strings of their own (the garbage collector copies and marks what rows keep: mocks/server/young-generation.ts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMockEngine } from '../../mocks/engine/index.ts';
import { ownString } from '../../mocks/engine/evaluate.ts';
import { docsModel } from '../helpers/model.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe('inserted rows', () => {
  it('keep their values, not the statements they came from', async () => {
    const engine = createMockEngine({ model: docsModel(), sqliteThreads: 0 });
    const R = 'confluent.iam.invitations';
    const ROWS = 400;
    const PADDING = 30_000;
    // Each statement is ~30 KB (a comment), different from the others by its values only.
    const statement = (i: number) => `INSERT INTO ${R} (data__email, data__id) SELECT 'someone-${i}@example.com', 'invitation-${i}' /* ${'x'.repeat(PADDING)} */`;
    for (let i = 0; i < 3; i++) expect((await engine.query({ query: statement(-1 - i), showMetadata: false })).status).toBe(200);
    const before = heapAfterGc();
    for (let i = 0; i < ROWS; i++) expect((await engine.query({ query: statement(i), showMetadata: false })).status).toBe(200);
    const grown = heapAfterGc() - before;
    // Kept statements would be ROWS x 30 KB = 12 MB; the rows themselves take well under 1 MB.
    expect(grown).toBeLessThan((ROWS * PADDING) / 4);
    const answer = await engine.query({ query: `SELECT id, email FROM ${R} WHERE id = 'invitation-7'`, showMetadata: false });
    expect((answer.body as { data: unknown[] }).data).toEqual([{ id: 'invitation-7', email: 'someone-7@example.com' }]);
    await engine.close();
  });

  it('ownString gives the same string, lone surrogates and escapes included', () => {
    for (const s of ['', 'short', 'a string of thirteen+', 'quote " back \\ slash \n line', '\ud800 lone \udfff surrogates \u0000 nul', '🎉 emoji and more text here']) {
      expect(ownString(s)).toBe(s);
    }
    const value = { nested: 'an object value is stored as it is' };
    expect(ownString(value)).toBe(value);
    expect(ownString(42)).toBe(42);
  });
});
