import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement, type Literal } from '../../mocks/sql/index.ts';

/** Strings biased towards the characters that could break out of a literal if quoting were wrong. */
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom("'", "''", '"', '`', '--', '/*', '*/', '/*+', '{{', '}}', '{{ x }}', ';', '\n', '\r\n', ' AND y = 1', '\\', '@@json', '|'),
      fc.string(),
      fc.string({ unit: 'binary' }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The text a literal stands for before any template is filled: what was between the quotes. */
function writtenText(literal: Literal | undefined): string | undefined {
  switch (literal?.type) {
    case 'string':
    case 'template':
      return literal.value;
    case 'placeholder':
      return literal.raw.slice(1, -1).replaceAll("''", "'");
    default:
      return undefined;
  }
}

describe('quoting can never change structure', () => {
  it('without templates (the mock), any quoted string is exactly one predicate whose value is that string', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const st = parseStatement(`SELECT a FROM p.s.r WHERE x = ${quote(s)}`, { templates: false });
        expect(st.kind).toBe('select');
        if (st.kind !== 'select') return;
        expect(st.where).toHaveLength(1);
        expect(st.where[0].name).toBe('x');
        expect(st.where[0].value).toEqual({ type: 'string', value: s });
        expect(st.where[0].required).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('with templates (the docs), the predicate is still one, and its literal still holds exactly s', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const st = parseStatement(`SELECT a FROM p.s.r WHERE x = ${quote(s)}`);
        if (st.kind !== 'select') throw new Error(`parsed as ${st.kind}`);
        expect(st.where).toHaveLength(1);
        expect(st.where[0].name).toBe('x');
        expect(writtenText(st.where[0].value)).toBe(s);
        expect(st.where[0].value?.type === 'placeholder' && st.where[0].value.quoted).toBe(st.where[0].value?.type === 'placeholder');
      }),
      { numRuns: 2000 },
    );
  });

  it('an EXEC argument holds exactly s too', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const st = parseStatement(`EXEC p.s.r.m @a = ${quote(s)}, @b = 1`, { templates: false });
        if (st.kind !== 'exec') throw new Error(`parsed as ${st.kind}`);
        expect(st.args).toEqual([
          { name: 'a', value: { type: 'string', value: s }, required: false },
          { name: 'b', value: { type: 'number', value: '1' }, required: false },
        ]);
      }),
      { numRuns: 1000 },
    );
  });
});
