import { describe, expect, it } from 'vitest';
import {
  StackQLError,
  StackQLRenderError,
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  renderDelete,
  renderExec,
  renderInsert,
  renderSelect,
  renderUpdate,
} from '../../generator/runtime/index.ts';

function renderError(fn: () => unknown): StackQLRenderError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StackQLRenderError);
    expect(error).toBeInstanceOf(StackQLError);
    expect((error as Error).name).toBe('StackQLRenderError');
    return error as StackQLRenderError;
  }
  throw new Error('expected a StackQLRenderError, nothing was thrown');
}

describe('quoteLiteral', () => {
  it('quotes strings, doubling single quotes', () => {
    expect(quoteLiteral('hello')).toBe("'hello'");
    expect(quoteLiteral("O'Brien")).toBe("'O''Brien'");
    expect(quoteLiteral("''")).toBe("''''''");
    expect(quoteLiteral('')).toBe("''");
  });

  it('doubles backslashes, because StackQL reads backslash escapes inside strings', () => {
    expect(quoteLiteral('a\\b')).toBe("'a\\\\b'");
    expect(quoteLiteral('ends with \\')).toBe("'ends with \\\\'");
    expect(quoteLiteral("\\'")).toBe("'\\\\'''");
  });

  it('keeps newlines, comment markers and semicolons inside the literal as they are', () => {
    expect(quoteLiteral('a\nb')).toBe("'a\nb'");
    expect(quoteLiteral('x -- y /* z */;')).toBe("'x -- y /* z */;'");
    expect(quoteLiteral('日本語 🚀')).toBe("'日本語 🚀'");
  });

  it('writes numbers, bigints and booleans bare', () => {
    expect(quoteLiteral(42)).toBe('42');
    expect(quoteLiteral(-3.5)).toBe('-3.5');
    expect(quoteLiteral(0)).toBe('0');
    expect(quoteLiteral(1e21)).toBe('1e+21');
    expect(quoteLiteral(12345678901234567890n)).toBe('12345678901234567890');
    expect(quoteLiteral(true)).toBe('true');
    expect(quoteLiteral(false)).toBe('false');
  });

  it('writes null and undefined as NULL', () => {
    expect(quoteLiteral(null)).toBe('NULL');
    expect(quoteLiteral(undefined)).toBe('NULL');
  });

  it('writes objects and arrays as quoted JSON text', () => {
    expect(quoteLiteral({ a: 1 })).toBe(`'{"a":1}'`);
    expect(quoteLiteral([1, 'two', { three: null }])).toBe(`'[1,"two",{"three":null}]'`);
    expect(quoteLiteral({ name: "O'Brien" })).toBe(`'{"name":"O''Brien"}'`);
    // JSON's own escapes survive StackQL's backslash decoding only because they are doubled.
    expect(quoteLiteral({ q: 'say "hi"\n' })).toBe(`'{"q":"say \\\\"hi\\\\"\\\\n"}'`);
    expect(quoteLiteral(Object.assign(Object.create(null), { a: 1 }))).toBe(`'{"a":1}'`);
  });

  it('writes Dates as quoted ISO strings', () => {
    expect(quoteLiteral(new Date('2024-05-06T07:08:09.010Z'))).toBe("'2024-05-06T07:08:09.010Z'");
  });

  it('refuses what has no literal', () => {
    expect(renderError(() => quoteLiteral(NaN)).message).toMatch(/NaN is not a finite number/);
    expect(renderError(() => quoteLiteral(Infinity)).message).toMatch(/Infinity/);
    expect(renderError(() => quoteLiteral(-Infinity)).message).toMatch(/-Infinity/);
    expect(renderError(() => quoteLiteral(() => 1)).message).toMatch(/a function has no SQL literal/);
    expect(renderError(() => quoteLiteral(Symbol('s'))).message).toMatch(/a symbol has no SQL literal/);
    expect(renderError(() => quoteLiteral(new Date('nope'))).message).toMatch(/invalid Date/);
    expect(renderError(() => quoteLiteral(new Map([[1, 2]]))).message).toMatch(/Map object cannot be written as JSON/);
    expect(renderError(() => quoteLiteral({ n: 1n })).message).toMatch(/cannot be written as JSON/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(renderError(() => quoteLiteral(cyclic)).message).toMatch(/cannot be written as JSON/);
  });

  it('refuses NUL characters, in strings and inside JSON', () => {
    expect(renderError(() => quoteLiteral('a\u0000b')).message).toMatch(/NUL character/);
    // JSON.stringify leaves U+0000 escaped as \u0000, which StackQL does not decode: allowed.
    expect(quoteLiteral({ a: '\u0000' })).toBe(`'{"a":"\\\\u0000"}'`);
  });
});

describe('quoteIdentifier', () => {
  it('leaves plain names bare', () => {
    expect(quoteIdentifier('name')).toBe('name');
    expect(quoteIdentifier('data__email')).toBe('data__email');
    expect(quoteIdentifier('_x9')).toBe('_x9');
    expect(quoteIdentifier('subscriptionId')).toBe('subscriptionId');
  });

  it('quotes keywords, whatever their case', () => {
    for (const word of ['select', 'FROM', 'Where', 'and', 'or', 'not', 'insert', 'into', 'values', 'update', 'set']) {
      expect(quoteIdentifier(word)).toBe(`"${word}"`);
    }
    for (const word of ['delete', 'replace', 'exec', 'show', 'describe', 'order', 'by', 'group', 'limit']) {
      expect(quoteIdentifier(word)).toBe(`"${word}"`);
    }
    for (const word of ['returning', 'in', 'is', 'null', 'like', 'as', 'key', 'status', 'true', 'false']) {
      expect(quoteIdentifier(word)).toBe(`"${word}"`);
    }
  });

  it('quotes the odd names the provider docs use', () => {
    expect(quoteIdentifier('$filter')).toBe('"$filter"');
    expect(quoteIdentifier('If-Match')).toBe('"If-Match"');
    expect(quoteIdentifier('include[]')).toBe('"include[]"');
    expect(quoteIdentifier('a.b')).toBe('"a.b"');
    expect(quoteIdentifier('@odata.type')).toBe('"@odata.type"');
    expect(quoteIdentifier('User-Agent')).toBe('"User-Agent"');
    expect(quoteIdentifier('1st')).toBe('"1st"');
    expect(quoteIdentifier('with space')).toBe('"with space"');
  });

  it('doubles the quote character inside quoted names and leaves the rest alone', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteIdentifier('"')).toBe('""""');
    expect(quoteIdentifier('a`b')).toBe('"a`b"');
    expect(quoteIdentifier("it's")).toBe(`"it's"`);
    expect(quoteIdentifier('back\\slash')).toBe('"back\\slash"');
  });

  it('refuses empty names and NUL characters', () => {
    expect(renderError(() => quoteIdentifier('')).message).toMatch(/cannot be empty/);
    expect(renderError(() => quoteIdentifier('a\u0000b')).message).toMatch(/NUL character/);
  });

  it('qualifiedName dots the parts, each quoted on its own', () => {
    expect(qualifiedName(['google', 'compute', 'instances'])).toBe('google.compute.instances');
    expect(qualifiedName(['p', 'a.b', 'select'])).toBe('p."a.b"."select"');
    expect(renderError(() => qualifiedName([])).message).toMatch(/at least one part/);
  });
});

describe('renderSelect', () => {
  it('renders columns and predicates in key order, skipping undefined', () => {
    expect(
      renderSelect({
        target: 'confluent.iam.invitations',
        columns: ['id', 'email'],
        where: { id: 'inv-1', skipped: undefined, limit: 10, active: true },
      }),
    ).toBe("SELECT id, email\nFROM confluent.iam.invitations\nWHERE id = 'inv-1'\nAND \"limit\" = 10\nAND active = true;");
  });

  it('selects * by default and leaves WHERE out when nothing is defined', () => {
    expect(renderSelect({ target: 'p.s.r', where: {} })).toBe('SELECT *\nFROM p.s.r;');
    expect(renderSelect({ target: 'p.s.r', columns: [], where: { a: undefined } })).toBe('SELECT *\nFROM p.s.r;');
  });

  it('quotes odd columns and parameters', () => {
    expect(
      renderSelect({ target: 'azure.s.r', columns: ['@odata.type', 'name'], where: { $filter: "name eq 'x'", 'api-version': '2024' } }),
    ).toBe(
      'SELECT "@odata.type", name\nFROM azure.s.r\nWHERE "$filter" = \'name eq \'\'x\'\'\'\nAND "api-version" = \'2024\';',
    );
  });

  it('renders null as NULL and puts the hint first', () => {
    expect(renderSelect({ target: 'p.s.r', where: { a: null }, hint: 'list' })).toBe(
      '/*+ list */\nSELECT *\nFROM p.s.r\nWHERE a = NULL;',
    );
  });

  it('validates the target', () => {
    expect(renderError(() => renderSelect({ target: 'p.s', where: {} })).message).toMatch(/provider\.service\.resource/);
    expect(renderError(() => renderSelect({ target: 'p.s.r.x', where: {} })).message).toMatch(/provider\.service\.resource/);
    expect(renderError(() => renderSelect({ target: 'p..r', where: {} })).message).toMatch(/provider\.service\.resource/);
    expect(renderSelect({ target: 'p.select.my-res', where: {} })).toBe('SELECT *\nFROM p."select"."my-res";');
  });

  it('names the offending column in errors', () => {
    const error = renderError(() => renderSelect({ target: 'p.s.r', where: { ok: 1, bad: NaN } }));
    expect(error.column).toBe('bad');
    expect(error.message).toMatch(/"bad"/);
  });

  it('refuses hints that could close their comment', () => {
    expect(renderError(() => renderSelect({ target: 'p.s.r', where: {}, hint: 'x */ DROP' })).message).toMatch(/hint/);
    expect(renderError(() => renderSelect({ target: 'p.s.r', where: {}, hint: '' })).message).toMatch(/hint/);
  });
});

describe('renderInsert', () => {
  it('renders the documented INSERT … SELECT shape', () => {
    expect(
      renderInsert({
        target: 'confluent.iam.invitations',
        values: [
          ['data__email', 'a@example.com'],
          ['data__skip', undefined],
          ['data__tags', ['x', "y'z"]],
          ['count', 3],
        ],
      }),
    ).toBe(
      "INSERT INTO confluent.iam.invitations (\ndata__email,\ndata__tags,\ncount\n)\nSELECT\n'a@example.com',\n'[\"x\",\"y''z\"]',\n3;",
    );
  });

  it('adds RETURNING, the leading hint and directives', () => {
    expect(
      renderInsert({
        target: 'p.s.r',
        values: [['col1', 'v1'], ['col2', 'v2']],
        returning: ['a', 'b'],
        hint: 'create',
      }),
    ).toBe("/*+ create */\nINSERT INTO p.s.r (\ncol1,\ncol2\n)\nSELECT\n'v1',\n'v2'\nRETURNING a, b;");
    expect(renderInsert({ target: 'p.s.r', values: [['User-Agent', 'ua']], directives: ['AWAIT'] })).toBe(
      "INSERT /*+ AWAIT */ INTO p.s.r (\n\"User-Agent\"\n)\nSELECT\n'ua';",
    );
  });

  it('refuses an INSERT without values', () => {
    expect(renderError(() => renderInsert({ target: 'p.s.r', values: [] })).message).toMatch(/at least one column/);
    expect(renderError(() => renderInsert({ target: 'p.s.r', values: [['a', undefined]] })).message).toMatch(
      /at least one column/,
    );
  });
});

describe('renderUpdate', () => {
  it('renders UPDATE with SET and WHERE blocks', () => {
    expect(
      renderUpdate({ verb: 'update', target: 'p.s.r', set: [['a', 'v'], ['b', 2], ['c', undefined]], where: { x: 'w' } }),
    ).toBe("UPDATE p.s.r\nSET\na = 'v',\nb = 2\nWHERE\nx = 'w';");
  });

  it('renders REPLACE with several predicates, RETURNING, hint and directives', () => {
    expect(
      renderUpdate({
        verb: 'replace',
        target: 'p.s.r',
        set: [['data__props', { k: 1 }]],
        where: { x: 'w', 'If-Match': 'etag' },
        returning: ['id'],
        hint: 'replace',
        directives: ['AWAIT'],
      }),
    ).toBe(
      '/*+ replace */\nREPLACE /*+ AWAIT */ p.s.r\nSET\ndata__props = \'{"k":1}\'\nWHERE\nx = \'w\'\nAND "If-Match" = \'etag\'\nRETURNING id;',
    );
  });

  it('refuses an empty WHERE (as renderDelete does), an empty SET and unknown verbs', () => {
    for (const where of [{}, { id: undefined }]) {
      expect(renderError(() => renderUpdate({ verb: 'update', target: 'p.s.r', set: [['a', 1]], where })).message).toMatch(
        /an UPDATE needs at least one WHERE predicate with a defined value/,
      );
      expect(renderError(() => renderUpdate({ verb: 'replace', target: 'p.s.r', set: [['a', 1]], where })).message).toMatch(/a REPLACE needs at least one WHERE predicate/);
    }
    expect(renderError(() => renderUpdate({ verb: 'update', target: 'p.s.r', set: [], where: { id: 1 } })).message).toMatch(
      /at least one SET column/,
    );
    expect(
      renderError(() => renderUpdate({ verb: 'drop' as 'update', target: 'p.s.r', set: [['a', 1]], where: { id: 1 } })).message,
    ).toMatch(/verb/);
  });
});

describe('renderDelete', () => {
  it('renders DELETE FROM with predicates', () => {
    expect(renderDelete({ target: 'google.compute.instances', where: { instance: 'i-1', project: 'p', zone: undefined } })).toBe(
      "DELETE FROM google.compute.instances\nWHERE instance = 'i-1'\nAND project = 'p';",
    );
    expect(renderDelete({ target: 'p.s.r', where: { id: 7 }, hint: 'delete', directives: ['AWAIT'] })).toBe(
      '/*+ delete */\nDELETE /*+ AWAIT */ FROM p.s.r\nWHERE id = 7;',
    );
  });

  it('refuses a DELETE without predicates', () => {
    expect(renderError(() => renderDelete({ target: 'p.s.r', where: {} })).message).toMatch(/at least one WHERE/);
    expect(renderError(() => renderDelete({ target: 'p.s.r', where: { id: undefined } })).message).toMatch(
      /at least one WHERE/,
    );
  });
});

describe('renderExec', () => {
  it('separates arguments by commas and puts @@json after the last one without a comma', () => {
    expect(renderExec({ target: 'p.s.r', method: 'method', args: { a: 'v', b: 'w' }, json: { k: 'v' } })).toBe(
      "EXEC p.s.r.method\n@a = 'v',\n@b = 'w'\n@@json = '{\"k\":\"v\"}';",
    );
  });

  it('renders an EXEC with no arguments, only @@json, or a JSON string as given', () => {
    expect(renderExec({ target: 'p.s.r', method: 'm', args: {} })).toBe('EXEC p.s.r.m;');
    expect(renderExec({ target: 'p.s.r', method: 'm', args: { a: undefined }, json: [1] })).toBe("EXEC p.s.r.m\n@@json = '[1]';");
    expect(renderExec({ target: 'p.s.r', method: 'm', args: { a: 1 }, json: '{"x": "it\'s"}' })).toBe(
      "EXEC p.s.r.m\n@a = 1\n@@json = '{\"x\": \"it''s\"}';",
    );
  });

  it('quotes odd argument names and keywords, and the method when needed', () => {
    expect(renderExec({ target: 'p.s.r', method: 'delete', args: { 'If-Match': 'e', select: 'x', $top: 5 } })).toBe(
      "EXEC p.s.r.\"delete\"\n@\"If-Match\" = 'e',\n@\"select\" = 'x',\n@\"$top\" = 5;",
    );
  });

  it('writes booleans and negative numbers as strings, since EXEC values are plain literals', () => {
    expect(renderExec({ target: 'p.s.r', method: 'm', args: { t: true, f: false, n: -2, b: -3n, p: 1.5 } })).toBe(
      "EXEC p.s.r.m\n@t = 'true',\n@f = 'false',\n@n = '-2',\n@b = '-3',\n@p = 1.5;",
    );
  });

  it('puts the hint first and directives after EXEC', () => {
    expect(renderExec({ target: 'p.s.r', method: 'm', args: { a: 'v' }, hint: 'exec', directives: ['AWAIT', 'SHOWRESULTS'] })).toBe(
      "/*+ exec */\nEXEC /*+ AWAIT SHOWRESULTS */ p.s.r.m\n@a = 'v';",
    );
  });

  it('refuses NULL arguments, a NULL or scalar @@json, bad targets and bad names', () => {
    const error = renderError(() => renderExec({ target: 'p.s.r', method: 'm', args: { a: null } }));
    expect(error.column).toBe('a');
    expect(error.message).toMatch(/cannot be NULL/);
    expect(renderError(() => renderExec({ target: 'p.s.r', method: 'm', args: {}, json: null })).message).toMatch(/@@json/);
    expect(renderError(() => renderExec({ target: 'p.s.r', method: 'm', args: {}, json: 5 })).message).toMatch(/@@json/);
    expect(renderError(() => renderExec({ target: 'p.s.r.m', method: 'm', args: {} })).message).toMatch(/provider/);
    expect(renderError(() => renderExec({ target: 'p.s.r', method: '', args: {} })).message).toMatch(/empty/);
    expect(renderError(() => renderExec({ target: 'p.s.r', method: 'm', args: { '': 1 } })).message).toMatch(/empty/);
    expect(renderError(() => renderExec({ target: 'p.s.r', method: 'm', args: { 'a\u0000': 1 } })).message).toMatch(/NUL/);
  });
});
