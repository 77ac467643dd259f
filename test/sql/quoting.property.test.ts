import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteLiteral } from '../../generator/runtime/render.ts';
import { parseStatement, tokenize, type Expr, type Literal, type Statement } from '../../generator/core/sql/index.ts';

/** Strings biased towards the characters that could break out of a literal if quoting were wrong. */
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "'",
        "''",
        '"',
        '`',
        '--',
        '/*',
        '*/',
        '/*+',
        '{{',
        '}}',
        '{{ x }}',
        ';',
        '\n',
        '\r\n',
        ' AND y = 1',
        '\\',
        "\\'",
        '\\\\',
        '\\n',
        '\\0',
        '\\Z',
        '@@json',
        '|',
      ),
      fc.string(),
      fc.string({ unit: 'binary' }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** The client renderer refuses NUL (C consumers would cut the statement there); everything else must round-trip. */
const renderable = nasty.filter((s) => !s.includes('\u0000'));

/** Names as the renderer may be given them: keywords, hyphens, dots, quotes, anything but NUL and ''. */
const names = fc
  .oneof(
    fc.constantFrom('If-Match', '$filter', 'from', 'select', 'where', 'and', 'like', 'data__name', 'a.b', 'x', '+datasetId', '@a', '{{ x }}', 'say "hi"'),
    nasty,
  )
  .filter((s) => s !== '' && !s.includes('\u0000'));

/** What a literal read back from `'...'` holds before any template is filled: what was between the quotes, unescaped. */
function writtenText(literal: Literal | undefined): string | undefined {
  switch (literal?.type) {
    case 'string':
    case 'template':
      return literal.value;
    case 'placeholder':
      // raw is the literal as written; reading it again undoes the quoting.
      return tokenize(literal.raw)[0].value;
    default:
      return undefined;
  }
}

const strict = (sql: string): Statement => parseStatement(sql, { templates: false });

/** The name a lone column reference stands for, or undefined when the expression is something else. */
function columnName(expr: Expr): string | undefined {
  return expr.type === 'column' && expr.table === undefined ? expr.name : undefined;
}

describe('quoteLiteral round-trips through the lexer', () => {
  it('without templates (the mock), the predicate is exactly one and its value is exactly s', () => {
    fc.assert(
      fc.property(renderable, (s) => {
        const st = strict(`SELECT a FROM p.s.r WHERE x = ${quoteLiteral(s)}`);
        if (st.kind !== 'select') throw new Error(`parsed as ${st.kind}`);
        expect(st.where).toHaveLength(1);
        expect(st.where[0].name).toBe('x');
        expect(st.where[0].value).toEqual({ type: 'string', value: s });
        expect(st.where[0].required).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('with templates (the docs), the predicate is still one, and its literal still holds exactly s', () => {
    fc.assert(
      fc.property(renderable, (s) => {
        const st = parseStatement(`SELECT a FROM p.s.r WHERE x = ${quoteLiteral(s)}`);
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
      fc.property(renderable, (s) => {
        const st = strict(`EXEC p.s.r.m @a = ${quoteLiteral(s)}, @b = 1`);
        if (st.kind !== 'exec') throw new Error(`parsed as ${st.kind}`);
        expect(st.args).toEqual([
          { name: 'a', value: { type: 'string', value: s }, required: false },
          { name: 'b', value: { type: 'number', value: '1' }, required: false },
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips the cases that need the backslash rule', () => {
    // With '' alone, a trailing backslash would escape the closing quote and swallow what follows.
    for (const s of ['C:\\', "\\'", '\\\\', 'a\\nb', '\\0', '\\']) {
      const st = strict(`SELECT a FROM p.s.r WHERE x = ${quoteLiteral(s)} AND y = 'z'`);
      expect(st.kind === 'select' && st.where.map((p) => p.value)).toEqual([
        { type: 'string', value: s },
        { type: 'string', value: 'z' },
      ]);
    }
  });
});

describe('quoteIdentifier round-trips through the parser', () => {
  it('as a select column, an INSERT column and a SET column', () => {
    fc.assert(
      fc.property(names, (name) => {
        const id = quoteIdentifier(name);
        const select = strict(`SELECT ${id} FROM p.s.r`);
        expect(select.kind === 'select' && select.columns.map((c) => columnName(c.expr))).toEqual([name]);
        const insert = strict(`INSERT INTO p.s.r (${id}, b) SELECT 'v', 1`);
        expect(insert.kind === 'insert' && insert.columns).toEqual([name, 'b']);
        const update = strict(`UPDATE p.s.r SET ${id} = 'v' WHERE k = 1`);
        expect(update.kind === 'update' && update.set.map((a) => a.column)).toEqual([name]);
      }),
      { numRuns: 1000 },
    );
  });

  it('as a predicate name, its value still read', () => {
    fc.assert(
      fc.property(names, (name) => {
        const st = strict(`SELECT a FROM p.s.r WHERE ${quoteIdentifier(name)} = 'v' AND k = 1`);
        if (st.kind !== 'select') throw new Error(`parsed as ${st.kind}`);
        expect(st.where.map((p) => [p.name, p.value])).toEqual([
          [name, { type: 'string', value: 'v' }],
          ['k', { type: 'number', value: '1' }],
        ]);
      }),
      { numRuns: 1000 },
    );
  });

  it('as an EXEC argument name and a method name', () => {
    fc.assert(
      fc.property(names, names, (arg, method) => {
        const st = strict(`EXEC p.s.r.${quoteIdentifier(method)}\n@${quoteIdentifier(arg)} = 'v',\n@b = 1`);
        if (st.kind !== 'exec') throw new Error(`parsed as ${st.kind}`);
        expect(st.target.parts).toEqual(['p', 's', 'r', method]);
        expect(st.args.map((a) => a.name)).toEqual([arg, 'b']);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the renderer\'s own examples', () => {
    expect(quoteIdentifier('If-Match')).toBe('"If-Match"');
    const st = strict(`EXEC p.s.r.m @${quoteIdentifier('If-Match')} = 'x', @${quoteIdentifier('$filter')} = 'y'`);
    expect(st.kind === 'exec' && st.args.map((a) => a.name)).toEqual(['If-Match', '$filter']);
  });
});
