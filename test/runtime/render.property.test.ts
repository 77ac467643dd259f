/**
 * Property tests for the safety rule of render.ts: whatever the value or name, the statement keeps
 * its shape. Each rendered statement is cut up by small scanners written here, independent of
 * render.ts, and what lies outside the literals and quoted names must be exactly the statement's
 * skeleton.
 *
 * Two string scanners, because the two readers of these statements disagree about backslashes:
 *  - stackqlScan follows StackQL's tokenizer: `''` is a quote, `\x` is an escape;
 *  - sqliteScan follows SQLite: `''` is a quote, `\` is an ordinary character.
 * The skeleton must come out the same under both, and the value must round-trip under StackQL's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  StackQLRenderError,
  quoteIdentifier,
  renderExec,
  renderInsert,
  renderSelect,
  renderUpdate,
} from '../../generator/runtime/index.ts';

interface Scan {
  /** The text with every string literal replaced by `<L>` and every quoted name by `<I>`. */
  skeleton: string;
  literals: string[];
  identifiers: string[];
}

// StackQL (vitess) decodes these after a backslash; any other character stands for itself.
const BACKSLASH_DECODE: Record<string, string> = {
  '0': '\u0000',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\u001a',
};

function scan(text: string, backslashEscapes: boolean): Scan {
  const out: Scan = { skeleton: '', literals: [], identifiers: [] };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== "'" && ch !== '"') {
      out.skeleton += ch;
      i += 1;
      continue;
    }
    // A literal ('…') or a quoted name ("…"): the delimiter doubled stands for itself.
    const delim = ch;
    let value = '';
    i += 1;
    for (;;) {
      if (i >= text.length) throw new Error(`unterminated ${delim} at the end of: ${text}`);
      const c = text[i];
      if (delim === "'" && backslashEscapes && c === '\\') {
        if (i + 1 >= text.length) throw new Error('backslash at the very end');
        const next = text[i + 1];
        value += BACKSLASH_DECODE[next] ?? next;
        i += 2;
      } else if (c === delim && text[i + 1] === delim) {
        value += delim;
        i += 2;
      } else if (c === delim) {
        i += 1;
        break;
      } else {
        value += c;
        i += 1;
      }
    }
    if (delim === "'") {
      out.literals.push(value);
      out.skeleton += '<L>';
    } else {
      out.identifiers.push(value);
      out.skeleton += '<I>';
    }
  }
  return out;
}

const stackqlScan = (text: string) => scan(text, true);
const sqliteScan = (text: string) => scan(text, false);

/** Checks both readings and returns StackQL's. */
function scanBoth(text: string): Scan {
  const stackql = stackqlScan(text);
  const sqlite = sqliteScan(text);
  expect(sqlite.skeleton).toBe(stackql.skeleton);
  expect(sqlite.literals).toEqual(stackql.literals.map((l) => l.replace(/\\/g, '\\\\')));
  return stackql;
}

const TRICKY = [
  "'",
  "''",
  '\\',
  '\\\\',
  "\\'",
  '\n',
  '\r\n',
  '\t',
  '--',
  '/*',
  '*/',
  '/*+',
  ';',
  '"',
  '`',
  '@',
  '@@',
  '$',
  '%',
  ' OR 1=1',
  "' OR '1'='1",
  "'; DROP TABLE x; --",
  '\u001a',
  '\u2028',
  'é',
  '日本',
  '🚀',
  'a',
  ' ',
];

const trickyString = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 12 });

/** Strings from every corner: all code points, graphemes, and hand-picked SQL trouble. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary-ascii' }),
  trickyString,
  fc.constantFrom(...TRICKY),
);

const RUNS = { numRuns: 1000 };
const hasNul = (s: string) => s.includes('\u0000');

function expectRenderError(fn: () => unknown): void {
  expect(fn).toThrow(StackQLRenderError);
}

describe('string values never change a statement', () => {
  it('SELECT with one predicate: one literal, decoding back, skeleton intact', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        if (hasNul(s)) return expectRenderError(() => renderSelect({ target: 'p.s.r', where: { x: s } }));
        const text = renderSelect({ target: 'p.s.r', where: { x: s } });
        const result = scanBoth(text);
        expect(result.literals).toEqual([s]);
        expect(result.identifiers).toEqual([]);
        expect(result.skeleton.replace('<L>', '')).toBe('SELECT *\nFROM p.s.r\nWHERE x = ;');
      }),
      RUNS,
    );
  });

  it('SELECT with two predicates: the first value cannot swallow the second', () => {
    fc.assert(
      fc.property(anyString, anyString, (s, t) => {
        fc.pre(!hasNul(s) && !hasNul(t));
        const result = scanBoth(renderSelect({ target: 'p.s.r', where: { x: s, y: t } }));
        expect(result.literals).toEqual([s, t]);
        expect(result.skeleton).toBe('SELECT *\nFROM p.s.r\nWHERE x = <L>\nAND y = <L>;');
      }),
      RUNS,
    );
  });

  it('INSERT values', () => {
    fc.assert(
      fc.property(anyString, anyString, (s, t) => {
        fc.pre(!hasNul(s) && !hasNul(t));
        const text = renderInsert({ target: 'p.s.r', values: [['a', s], ['b', t]], returning: ['id'] });
        const result = scanBoth(text);
        expect(result.literals).toEqual([s, t]);
        expect(result.skeleton).toBe('INSERT INTO p.s.r (\na,\nb\n)\nSELECT\n<L>,\n<L>\nRETURNING id;');
      }),
      RUNS,
    );
  });

  it('INSERT of objects: the JSON text comes back whole', () => {
    fc.assert(
      fc.property(fc.dictionary(anyString, anyString), (obj) => {
        const json = JSON.stringify(obj);
        fc.pre(!hasNul(json));
        const result = scanBoth(renderInsert({ target: 'p.s.r', values: [['data__body', obj]] }));
        expect(result.literals).toEqual([json]);
        expect(JSON.parse(result.literals[0])).toEqual(obj);
        expect(result.skeleton).toBe('INSERT INTO p.s.r (\ndata__body\n)\nSELECT\n<L>;');
      }),
      RUNS,
    );
  });

  it('UPDATE set and where values', () => {
    fc.assert(
      fc.property(anyString, anyString, (s, t) => {
        fc.pre(!hasNul(s) && !hasNul(t));
        const result = scanBoth(renderUpdate({ verb: 'update', target: 'p.s.r', set: [['a', s]], where: { x: t } }));
        expect(result.literals).toEqual([s, t]);
        expect(result.skeleton).toBe('UPDATE p.s.r\nSET\na = <L>\nWHERE\nx = <L>;');
      }),
      RUNS,
    );
  });

  it('EXEC arguments and @@json', () => {
    fc.assert(
      fc.property(anyString, anyString, anyString, (s, t, u) => {
        if (hasNul(s)) return expectRenderError(() => renderExec({ target: 'p.s.r', method: 'm', args: { a: s } }));
        fc.pre(!hasNul(t) && !hasNul(u));
        const result = scanBoth(renderExec({ target: 'p.s.r', method: 'm', args: { a: s, b: t }, json: u }));
        expect(result.literals).toEqual([s, t, u]);
        expect(result.skeleton).toBe('EXEC p.s.r.m\n@a = <L>,\n@b = <L>\n@@json = <L>;');
      }),
      RUNS,
    );
  });
});

describe('names never change a statement', () => {
  const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const anyName = fc.oneof(
    anyString,
    fc.constantFrom('$filter', 'If-Match', 'include[]', 'a.b', '@odata.type', 'select', 'WHERE', 'x"y', '""'),
  );

  /** What the skeleton shows for a name: the name itself when bare, `<I>` when quoted. */
  function shown(rendered: string, name: string): string {
    if (rendered.startsWith('"')) return '<I>';
    expect(rendered).toBe(name);
    expect(name).toMatch(PLAIN);
    return name;
  }

  it('quoteIdentifier: bare only when plain, otherwise one quoted name decoding back', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        if (name === '' || hasNul(name)) return expectRenderError(() => quoteIdentifier(name));
        const rendered = quoteIdentifier(name);
        if (!rendered.startsWith('"')) {
          expect(rendered).toBe(name);
          expect(name).toMatch(PLAIN);
          return;
        }
        const result = scanBoth(rendered);
        expect(result.skeleton).toBe('<I>');
        expect(result.identifiers).toEqual([name]);
      }),
      RUNS,
    );
  });

  it('as a column and a parameter of a SELECT', () => {
    fc.assert(
      fc.property(anyName, anyString, (name, value) => {
        fc.pre(name !== '' && !hasNul(name) && !hasNul(value));
        const id = shown(quoteIdentifier(name), name);
        const result = scanBoth(renderSelect({ target: 'p.s.r', columns: [name], where: { [name]: value } }));
        expect(result.skeleton).toBe(`SELECT ${id}\nFROM p.s.r\nWHERE ${id} = <L>;`);
        expect(result.identifiers).toEqual(id === '<I>' ? [name, name] : []);
        expect(result.literals).toEqual([value]);
      }),
      RUNS,
    );
  });

  it('as INSERT columns and RETURNING fields', () => {
    fc.assert(
      fc.property(anyName, anyName, (a, b) => {
        fc.pre(a !== '' && b !== '' && !hasNul(a) && !hasNul(b));
        const ida = shown(quoteIdentifier(a), a);
        const idb = shown(quoteIdentifier(b), b);
        const result = scanBoth(renderInsert({ target: 'p.s.r', values: [[a, 'v']], returning: [b] }));
        expect(result.skeleton).toBe(`INSERT INTO p.s.r (\n${ida}\n)\nSELECT\n<L>\nRETURNING ${idb};`);
        expect(result.literals).toEqual(['v']);
      }),
      RUNS,
    );
  });

  it('as EXEC argument names and target parts', () => {
    fc.assert(
      fc.property(anyName, anyName, (arg, method) => {
        fc.pre(arg !== '' && method !== '' && !hasNul(arg) && !hasNul(method));
        const idArg = shown(quoteIdentifier(arg), arg);
        const idMethod = shown(quoteIdentifier(method), method);
        const result = scanBoth(renderExec({ target: 'p.s.r', method, args: { [arg]: 'v' } }));
        expect(result.skeleton).toBe(`EXEC p.s.r.${idMethod}\n@${idArg} = <L>;`);
        expect(result.literals).toEqual(['v']);
      }),
      RUNS,
    );
  });
});

describe('the scanners themselves', () => {
  // If these fail, the properties above prove nothing.
  it('read StackQL escapes and SQLite plain backslashes', () => {
    expect(stackqlScan("a 'it''s \\' x' b")).toEqual({ skeleton: 'a <L> b', literals: ["it's ' x"], identifiers: [] });
    expect(sqliteScan("a 'x\\' b")).toEqual({ skeleton: 'a <L> b', literals: ['x\\'], identifiers: [] });
    expect(stackqlScan('"a""b" = \'\\n\'')).toEqual({ skeleton: '<I> = <L>', literals: ['\n'], identifiers: ['a"b'] });
    expect(() => stackqlScan("'x\\'")).toThrow(/unterminated/);
  });

  it('see the injection that quote-doubling alone would allow', () => {
    // What a renderer that left backslashes alone would produce for x = 'a\', y = ' OR 1=1 --'.
    const naive = "SELECT *\nFROM p.s.r\nWHERE x = 'a\\'\nAND y = ' OR 1=1 --';";
    expect(() => stackqlScan(naive)).toThrow();
    expect(sqliteScan(naive).skeleton).toBe('SELECT *\nFROM p.s.r\nWHERE x = <L>\nAND y = <L>;');
  });
});
