// The server codec on its own: what MessageWriter encodes, decoded by pg-protocol's client parser;
// framing of incoming bytes; the column types and value texts; the housekeeping queries; `$n`
// binding; StackQL's `;` split.
import fc from 'fast-check';
import { Parser } from 'pg-protocol/dist/parser';
import { describe, expect, it } from 'vitest';
import { splitCompoundQuery, statementsOf } from '../../generator/runtime/split-queries.ts';
import type { Field } from '../../generator/core/model.ts';
import { typeOfWord } from '../../generator/core/types.ts';
import { BodyReader, ByteQueue, decodeUtf8, ProtocolViolation } from '../../mocks/pg/client-messages.ts';
import { MessageWriter } from '../../mocks/pg/server-messages.ts';
import { columnTypes, encodeValue, pgTypeOf } from '../../mocks/pg/column-types.ts';
import { housekeeping } from '../../mocks/pg/housekeeping.ts';
import { bindParameters, parameterCount } from '../../mocks/pg/parameters.ts';

function decode(bytes: Buffer): any[] {
  const out: any[] = [];
  new Parser().parse(bytes, (m) => out.push(m));
  return out;
}

const field = (type: string): Field => ({ name: 'f', type, rawType: type, description: '', typeRef: typeOfWord(type), line: 1 });

describe('MessageWriter', () => {
  it('encodes each backend message so that pg-protocol reads it back', () => {
    const w = new MessageWriter()
      .authenticationOk()
      .parameterStatus('server_version', '150000')
      .rowDescription([
        { name: 'naïve', oid: 25 },
        { name: 'n', oid: 1700 },
      ])
      .dataRow(['😀 é', null])
      .dataRow(['', '1.5'])
      .commandComplete('OK')
      .noticeResponse([
        ['S', 'NOTICE'],
        ['D', 'detail'],
      ])
      .errorResponse([
        ['S', 'ERROR'],
        ['C', 'XXUUU'],
        ['M', 'bad\0thing'],
      ])
      .parameterDescription([25, 1700])
      .parseComplete()
      .bindComplete()
      .closeComplete()
      .noData()
      .portalSuspended()
      .emptyQueryResponse()
      .readyForQuery();
    const messages = decode(w.flush());
    expect(messages.map((m) => m.name)).toEqual([
      'authenticationOk',
      'parameterStatus',
      'rowDescription',
      'dataRow',
      'dataRow',
      'commandComplete',
      'notice',
      'error',
      'parameterDescription',
      'parseComplete',
      'bindComplete',
      'closeComplete',
      'noData',
      'portalSuspended',
      'emptyQuery',
      'readyForQuery',
    ]);
    expect(messages[2].fields.map((f: any) => [f.name, f.dataTypeID, f.dataTypeSize, f.dataTypeModifier, f.format])).toEqual([
      ['naïve', 25, 1024, -1, 'text'],
      ['n', 1700, 1024, -1, 'text'],
    ]);
    expect(messages[3].fields).toEqual(['😀 é', null]);
    expect(messages[4].fields).toEqual(['', '1.5']);
    // A NUL would end the string early and break the framing: it is replaced.
    expect(messages[7].message).toBe('bad\uFFFDthing');
    expect(messages[8].dataTypeIDs).toEqual([25, 1700]);
    expect(w.size).toBe(0);
  });

  it('grows past its first buffer', () => {
    const w = new MessageWriter();
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 5; i++) w.dataRow([big]);
    const messages = decode(w.flush());
    expect(messages).toHaveLength(5);
    expect(messages.every((m) => m.fields[0] === big)).toBe(true);
  });
});

describe('ByteQueue and BodyReader', () => {
  it('reads whole messages across chunk boundaries, in any split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), (cuts) => {
        const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
        const q = new ByteQueue();
        let at = 0;
        for (const n of cuts) {
          q.push(bytes.subarray(at, Math.min(64, at + n)));
          at = Math.min(64, at + n);
        }
        q.push(bytes.subarray(at));
        expect(q.peekInt32(0)).toBe(bytes.readInt32BE(0));
        expect(q.take(10)).toEqual(bytes.subarray(0, 10));
        expect(q.skip(20)).toBe(20);
        expect(q.take(34)).toEqual(bytes.subarray(30));
        expect(q.length).toBe(0);
      }),
    );
  });

  it('refuses fields past the end, strings without their zero, and invalid UTF-8', () => {
    expect(() => new BodyReader(Buffer.from([0, 1]), 'Bind message').int32()).toThrow('insufficient data left in Bind message');
    expect(() => new BodyReader(Buffer.from('abc'), 'Query message').cstring()).toThrow('invalid string in Query message: no terminating zero byte');
    const bad = new BodyReader(Buffer.from([0x61, 0xc3, 0x28, 0]), 'Query message');
    expect(() => bad.cstring()).toThrow(ProtocolViolation);
    // A UTF-16 surrogate encoded in UTF-8 is not UTF-8.
    expect(() => decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]), 'x')).toThrow(expect.objectContaining({ code: '22021' }));
    const left = new BodyReader(Buffer.from('a\0b'), 'Close message');
    left.cstring();
    expect(() => left.end()).toThrow('invalid Close message: 1 bytes left over');
    expect(decodeUtf8(Buffer.from('€uro'), 'x')).toBe('€uro');
  });
});

describe('column types', () => {
  it('reads the model field type: numeric for numbers, bool for booleans, text otherwise', () => {
    expect(['integer', 'number', 'int', 'float', 'double', 'long'].map((t) => pgTypeOf(field(t)))).toEqual(Array(6).fill('numeric'));
    expect(['boolean', 'bool'].map((t) => pgTypeOf(field(t)))).toEqual(['bool', 'bool']);
    expect(['string', 'object', 'array', 'text', 'unknown', 'any'].map((t) => pgTypeOf(field(t)))).toEqual(Array(6).fill('text'));
    expect(pgTypeOf({ ...field('string'), format: 'int64' })).toBe('text');
    expect(pgTypeOf(undefined)).toBe('text');
  });

  it('describes a column as text when a value does not fit its declared type, or with allText', () => {
    const columns = [
      { name: 'n', field: field('integer') },
      { name: 'b', field: field('boolean') },
      { name: 'm', field: field('integer') },
    ];
    const rows = [
      { n: 1, b: true, m: 2 },
      { n: '3.5e2', b: null, m: 'many' },
    ];
    expect(columnTypes(columns, rows, false)).toEqual(['numeric', 'bool', 'text']);
    expect(columnTypes(columns, rows, true)).toEqual(['text', 'text', 'text']);
    expect(columnTypes(columns, [{ n: Number.NaN }], false)[0]).toBe('text');
  });

  it("writes values as text: t/f for bool, JSON for objects, NULL for null and for the string 'null'", () => {
    expect(encodeValue('bool', true)).toBe('t');
    expect(encodeValue('bool', false)).toBe('f');
    expect(encodeValue('text', true)).toBe('true');
    expect(encodeValue('numeric', 1e21)).toBe('1e+21');
    expect(encodeValue('text', { a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(encodeValue('text', null)).toBeNull();
    expect(encodeValue('text', 'null')).toBeNull();
    expect(encodeValue('text', undefined)).toBeNull();
    expect(encodeValue('text', 'NULL')).toBe('NULL');
  });
});

describe('housekeeping', () => {
  it('recognises the probes clients send, in any case and spacing', () => {
    expect(housekeeping("set DateStyle to 'ISO'")).toEqual({ kind: 'command' });
    expect(housekeeping('begin')).toEqual({ kind: 'command' });
    expect(housekeeping('ROLLBACK;')).toEqual({ kind: 'command' });
    expect(housekeeping('SHOW  TRANSACTION\nISOLATION LEVEL')).toEqual({ kind: 'rows', columns: ['transaction_isolation'], rows: [['read committed']] });
    expect(housekeeping("SELECT 'it''s' AS \"Odd Name\"")).toEqual({ kind: 'rows', columns: ['Odd Name'], rows: [["it's"]] });
    expect(housekeeping("select 'x'")).toEqual({ kind: 'rows', columns: ['?column?'], rows: [['x']] });
  });

  it('leaves StackQL statements alone', () => {
    for (const q of ['SHOW PROVIDERS', 'SELECT id FROM confluent.iam.invitations', "SELECT 'a' FROM x.y.z", "UPDATE a.b.c SET x = 'y'", 'SHOW standard_conforming_strings_x']) {
      expect(housekeeping(q)).toBeUndefined();
    }
  });
});

describe('$n parameters', () => {
  it('counts and binds placeholders outside strings, quoted names and comments', () => {
    const q = "SELECT a FROM p.s.r WHERE x = $1 AND y = '$2' AND \"$3\" = $2 -- $9\n/* $8 */ AND z = $10";
    expect(parameterCount(q)).toBe(10);
    const values = ["it's", 'b\\', null, null, null, null, null, null, null, 'ten'];
    expect(bindParameters(q, values)).toBe("SELECT a FROM p.s.r WHERE x = 'it''s' AND y = '$2' AND \"$3\" = 'b\\\\' -- $9\n/* $8 */ AND z = 'ten'");
    expect(bindParameters('SELECT $1', [null])).toBe('SELECT NULL');
    expect(parameterCount("SELECT 'a\\'$1'")).toBe(0);
    expect(parameterCount('SELECT a$1')).toBe(0);
  });
});

describe("StackQL's ; split", () => {
  it('cuts at ; outside double quotes only, as stackql srv does', () => {
    expect(splitCompoundQuery('a;b')).toEqual(['a', 'b']);
    expect(splitCompoundQuery("x = 'a;b'")).toEqual(["x = 'a", "b'"]);
    expect(splitCompoundQuery('"a;b";c')).toEqual(['"a;b"', 'c']);
    expect(splitCompoundQuery('"a\\";b";c')).toEqual(['"a\\";b"', 'c']);
    expect(statementsOf(' ; SELECT 1;  ;')).toEqual([' SELECT 1']);
    expect(statementsOf('  ')).toEqual([]);
  });
});
