import { describe, expect, it } from 'vitest';
import { isRequiredMarker, StatementSyntaxError, tokenize, type Token } from '../../generator/core/sql/index.ts';

/** kind:value pairs, the eof left off: enough to read a token stream at a glance. */
function kinds(sql: string): string[] {
  return tokenize(sql)
    .filter((t) => t.kind !== 'eof')
    .map((t) => `${t.kind}:${t.value}`);
}

function only(sql: string): Token {
  const tokens = tokenize(sql);
  expect(tokens).toHaveLength(2);
  return tokens[0];
}

describe('tokenize', () => {
  it('reads words with their case, and upper-cases them for keyword tests', () => {
    const [select, name] = tokenize('sElEct customersId');
    expect(select).toMatchObject({ kind: 'word', value: 'sElEct', keyword: 'SELECT' });
    expect(name).toMatchObject({ kind: 'word', value: 'customersId', keyword: 'CUSTOMERSID' });
  });

  it('reads names containing $ and hyphenated names written without spaces', () => {
    expect(kinds('$filter If-Match binary-create a - b a-1')).toEqual([
      'word:$filter',
      'word:If-Match',
      'word:binary-create',
      'word:a',
      'operator:-',
      'word:b',
      'word:a',
      'operator:-',
      'number:1',
    ]);
  });

  it('unquotes double-quoted and backtick identifiers, doubled quotes included', () => {
    expect(only('"User-Agent"')).toMatchObject({ kind: 'quoted', value: 'User-Agent', text: '"User-Agent"', keyword: '' });
    expect(only('`a``b`')).toMatchObject({ kind: 'quoted', value: 'a`b' });
    expect(only('"say ""hi"""')).toMatchObject({ kind: 'quoted', value: 'say "hi"' });
  });

  it('reads string literals with doubled quotes, across lines', () => {
    expect(only("'it''s'")).toMatchObject({ kind: 'string', value: "it's", text: "'it''s'" });
    expect(only("''")).toMatchObject({ kind: 'string', value: '' });
    const body = only("'{\n\"a\": 1\n}'");
    expect(body.value).toBe('{\n"a": 1\n}');
  });

  it("decodes backslash escapes inside strings as StackQL's tokenizer does, keeping the text as written", () => {
    expect(only(String.raw`'it\'s'`)).toMatchObject({ kind: 'string', value: "it's", text: String.raw`'it\'s'` });
    expect(only(String.raw`'C:\\temp\\'`).value).toBe('C:\\temp\\');
    expect(only(String.raw`'a\nb\tc\rd\be\0f\Zg'`).value).toBe('a\nb\tc\rd\be\u0000f\u001ag');
    expect(only(String.raw`'say \"hi\"'`).value).toBe('say "hi"');
    // Any other character stands for itself; StackQL drops the backslash (MySQL would keep it before % and _).
    expect(only(String.raw`'\x\%\_\é'`).value).toBe('x%_é');
    // '' still means a quote, and mixes with escapes.
    expect(only(String.raw`'a''b\'c'`).value).toBe("a'b'c");
    // A backslash before a line break escapes the line break: it stays.
    expect(only("'a\\\nb'").value).toBe('a\nb');
  });

  it('ends a string at the first quote that is neither doubled nor escaped', () => {
    expect(kinds(String.raw`'a\\' 'b'`)).toEqual(['string:a\\', 'string:b']);
    expect(kinds(String.raw`'a\'' 'b'`)).toEqual(["string:a'", 'string:b']);
  });

  it.each([
    [String.raw`x = 'ends in a backslash\'`, 'line 1, column 5: unterminated string literal'],
    ["x = 'a\\", 'line 1, column 5: unterminated string literal'],
  ])('refuses %j: an escaped quote does not end the string', (sql, message) => {
    expect(() => tokenize(sql)).toThrow(message);
  });

  it('does not treat -- or /* inside a string as a comment', () => {
    expect(kinds("'a -- b /* c */'")).toEqual(['string:a -- b /* c */']);
  });

  it('reads numbers', () => {
    expect(kinds('10 0.95 1e3 2.5E-2 1e5 1.5e-3')).toEqual(['number:10', 'number:0.95', 'number:1e3', 'number:2.5E-2', 'number:1e5', 'number:1.5e-3']);
  });

  it("reads StackQL's other number notations, valued in decimal: hex and a leading point", () => {
    expect(tokenize('0x1F .5 .5e2 0XfF')).toMatchObject([
      { kind: 'number', text: '0x1F', value: '31' },
      { kind: 'number', text: '.5', value: '0.5' },
      { kind: 'number', text: '.5e2', value: '0.5e2' },
      { kind: 'number', text: '0XfF', value: '255' },
      { kind: 'eof' },
    ]);
    // A point after a name is still the qualifier's point; one between numbers ends the first.
    expect(kinds('a.b 1.5.5')).toEqual(['word:a', 'operator:.', 'word:b', 'number:1.5', 'number:0.5']);
  });

  // StackQL's tokenizer (stackql-parser token.go, scanNumber): "A letter cannot immediately follow
  // a number" is a lex error there; reading `12fa` as 12 and `fa` (an alias) meant another statement.
  it.each([
    ['SELECT 12fa', 8, '12fa'],
    ['SELECT 2fa_enabled FROM a.b.c', 8, '2fa_enabled'],
    ['SELECT 12.5fa', 8, '12.5fa'],
    ['SELECT 1e5x', 8, '1e5x'],
    ['SELECT 1e', 8, '1e'],
    ['SELECT 0x', 8, '0x'],
    ['SELECT 0x1G', 8, '0x1G'],
    ['SELECT .5a', 8, '.5a'],
    ['SELECT 7$', 8, '7$'],
    ['SELECT a,\n  3é', 3, '3é'],
  ])('refuses a number running into name characters: %j', (sql, column, text) => {
    const error = (() => {
      try {
        tokenize(sql);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StatementSyntaxError);
    const e = error as StatementSyntaxError;
    expect([e.line, e.column]).toEqual([sql.includes('\n') ? 2 : 1, column]);
    expect(e.reason).toBe(`malformed number '${text}': a number cannot run into letters (quote a name that starts with digits)`);
  });

  it('quotes at most 40 characters of a malformed number', () => {
    expect(() => tokenize(`1${'a'.repeat(100_000)}`)).toThrow(`line 1, column 1: malformed number '1${'a'.repeat(39)}...'`);
  });

  it('reads a quoted name that starts with digits', () => {
    expect(kinds('"2fa_enabled" `12fa`')).toEqual(['quoted:2fa_enabled', 'quoted:12fa']);
  });

  it('reads every operator, longest first', () => {
    expect(kinds('= <> != < <= > >= || + - * / % , ; ( ) . | &').map((k) => k.slice('operator:'.length))).toEqual(
      ['=', '<>', '!=', '<', '<=', '>', '>=', '||', '+', '-', '*', '/', '%', ',', ';', '(', ')', '.', '|', '&'],
    );
  });

  it('reads @variables (dotted and hyphenated names too) and @@json', () => {
    expect(kinds('@customersId @location.latitude @If-Match @@json')).toEqual([
      'variable:customersId',
      'variable:location.latitude',
      'variable:If-Match',
      'systemVariable:json',
    ]);
  });

  it('reads double-quoted EXEC argument names, as the client renderer writes them', () => {
    expect(only('@"If-Match"')).toMatchObject({ kind: 'variable', value: 'If-Match', text: '@"If-Match"' });
    expect(only('@"say ""hi"""')).toMatchObject({ kind: 'variable', value: 'say "hi"' });
    expect(only('@"a b.c"')).toMatchObject({ kind: 'variable', value: 'a b.c' });
    expect(only('@@"json"')).toMatchObject({ kind: 'systemVariable', value: 'json' });
    expect(() => tokenize('@""')).toThrow('line 1, column 1: empty quoted identifier');
    expect(() => tokenize('@"open')).toThrow('line 1, column 1: unterminated quoted identifier: " has no closing "');
  });

  it('reads a hint as a token and a comment as trivia of the next token', () => {
    const tokens = tokenize('/*+ create */ /* note */ INSERT -- tail\n;');
    expect(tokens.map((t) => t.kind)).toEqual(['hint', 'word', 'operator', 'eof']);
    expect(tokens[0].value).toBe('create');
    expect(tokens[1].comments.map((c) => c.text)).toEqual(['/* note */']);
    expect(tokens[2].comments.map((c) => c.text)).toEqual(['-- tail']);
  });

  it('keeps a comment at the very end on the eof token', () => {
    const tokens = tokenize("x = 'a' -- required;");
    expect(tokens[3]).toMatchObject({ kind: 'eof' });
    expect(tokens[3].comments.map((c) => c.text)).toEqual(['-- required;']);
  });

  it('reads bare placeholders in every spacing', () => {
    expect(kinds('{{ x }} {{x}} {{ x | f }} {{  }}')).toEqual([
      'placeholder: x ',
      'placeholder:x',
      'placeholder: x | f ',
      'placeholder:  ',
    ]);
  });

  it('leaves placeholders inside strings to the parser', () => {
    expect(kinds("'{{ name }}'")).toEqual(['string:{{ name }}']);
  });

  it('refuses {{ when templates are off', () => {
    expect(() => tokenize('{{ x }}', { templates: false })).toThrow("line 1, column 1: unexpected character '{'");
  });

  it('records 1-based line and column and 0-based offset', () => {
    const tokens = tokenize("SELECT\n  a,\n  'x\ny' b");
    expect(tokens.map((t) => [t.text, t.pos.line, t.pos.column, t.pos.offset])).toEqual([
      ['SELECT', 1, 1, 0],
      ['a', 2, 3, 9],
      [',', 2, 4, 10],
      ["'x\ny'", 3, 3, 14],
      ['b', 4, 4, 20],
      ['', 4, 5, 21],
    ]);
    expect(tokens[3].end).toBe(19);
  });

  it('notes a line break before a token, but not one inside the previous string', () => {
    const [a, b, c] = tokenize("'x\ny' a -- c\nb");
    expect([a.lineBreakBefore, b.lineBreakBefore, c.lineBreakBefore]).toEqual([false, false, true]);
  });

  it.each([
    ["SELECT 'abc", 'line 1, column 8: unterminated string literal'],
    ['SELECT "abc', 'line 1, column 8: unterminated quoted identifier: " has no closing "'],
    ['SELECT /* abc', 'line 1, column 8: unterminated comment: /* has no closing */'],
    ['/*+ create', 'line 1, column 1: unterminated hint: /*+ has no closing */'],
    ['x = {{ y', 'line 1, column 5: unterminated placeholder: {{ has no closing }}'],
    ['a\n  #', "line 2, column 3: unexpected character '#'"],
    ['EXEC x @ = 1', "line 1, column 8: expected a variable name after '@'"],
  ])('fails with a position on %j', (sql, message) => {
    expect(() => tokenize(sql)).toThrow(StatementSyntaxError);
    expect(() => tokenize(sql)).toThrow(message);
  });
});

describe('isRequiredMarker', () => {
  const marker = (text: string) => isRequiredMarker({ text, pos: { line: 1, column: 1, offset: 0 } });

  it.each(['-- required', '--required', '--required,', '-- required;', '/* required */', '/*required*/', '-- REQUIRED', '-- required field'])(
    'accepts %j',
    (text) => expect(marker(text)).toBe(true),
  );

  it.each(['-- optional', '-- not required', '/* the id */', '-- requires auth'])('rejects %j', (text) =>
    expect(marker(text)).toBe(false),
  );
});
