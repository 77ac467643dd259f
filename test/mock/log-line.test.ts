/**
 * The mock's log lines (mocks/server/log-line.ts): one shape for the HTTP and the Postgres fronts,
 * the statement on one line and shortened, what a client sent never able to act on the terminal.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CHARS, httpLogLine, oneLine, pgLogLine, STATEMENT_CHARS } from '../../mocks/server/log-line.ts';

describe('oneLine', () => {
  it('joins lines and whitespace runs into single spaces and trims', () => {
    expect(oneLine('\n  SELECT id,\n\temail\r\n  FROM t  \n', 100)).toBe('SELECT id, email FROM t');
    expect(oneLine(' \n\t ', 100)).toBe('');
  });

  it('cuts at max characters with an ellipsis, never inside a surrogate pair', () => {
    expect(oneLine('abcdef', 3)).toBe('abc…');
    expect(oneLine('abc', 3)).toBe('abc');
    expect(oneLine('ab😀cd', 3)).toBe('ab😀…');
  });

  it('escapes control characters and bidirectional overrides instead of printing them', () => {
    expect(oneLine('a\u001b[2Jb\u0007c\u202ed\u0085e', 100)).toBe('a\\u001b[2Jb\\u0007c\\u202ed\\u0085e');
  });

  it('shortens a huge statement, however much whitespace it holds', () => {
    const huge = `SELECT ${' '.repeat(5000)}${'y'.repeat(1024 * 1024)}`;
    expect(oneLine(huge, 10)).toBe('SELECT yyy…');
    expect(oneLine(`SELECT a${' '.repeat(100_000)}b`, 20)).toBe('SELECT a b');
    expect(oneLine(`SELECT a${' '.repeat(1000)}`, 20)).toBe('SELECT a');
  });
});

describe('log lines', () => {
  it('HTTP: method, path, status, time, statement, then the rows or the error', () => {
    expect(httpLogLine({ method: 'POST', path: '/stackql', status: 200, ms: 0.44, statement: 'SELECT id\nFROM a.b.c', rows: 3 })).toBe(
      'POST /stackql 200 0.4ms  SELECT id FROM a.b.c  → 3 rows',
    );
    expect(httpLogLine({ method: 'POST', path: '/stackql', status: 200, ms: 1, statement: 'SELECT id FROM a.b.c', rows: 1 })).toBe(
      'POST /stackql 200 1.0ms  SELECT id FROM a.b.c  → 1 row',
    );
    expect(httpLogLine({ method: 'POST', path: '/stackql', status: 400, ms: 1.06, statement: 'SELECT x FROM a.b.c', error: "unknown column 'x' in a.b.c" })).toBe(
      "POST /stackql 400 1.1ms  SELECT x FROM a.b.c  → error: unknown column 'x' in a.b.c",
    );
    expect(httpLogLine({ method: 'GET', path: '/health', status: 200, ms: 0.1 })).toBe('GET /health 200 0.1ms');
    const long = httpLogLine({ method: 'POST', path: '/stackql', status: 400, ms: 0, statement: 's'.repeat(500), error: 'e'.repeat(500) });
    expect(long).toBe(`POST /stackql 400 0.0ms  ${'s'.repeat(STATEMENT_CHARS)}…  → error: ${'e'.repeat(ERROR_CHARS)}…`);
  });

  it('pg: the same shape, the SQLSTATE where HTTP has its status', () => {
    expect(pgLogLine({ event: 'query', statement: 'SELECT id FROM a.b.c', outcome: '2 rows', ms: 0.41, rows: 2 })).toBe('pg OK 0.4ms  SELECT id FROM a.b.c  → 2 rows');
    expect(pgLogLine({ event: 'query', statement: 'INSERT INTO a.b.c (x) SELECT 1', outcome: 'OK', ms: 2 })).toBe('pg OK 2.0ms  INSERT INTO a.b.c (x) SELECT 1');
    expect(
      pgLogLine({ event: 'query', statement: 'SELECT x FROM a.b.c', outcome: 'ERROR m', ms: 0.3, code: 'XXUUU', error: 'query returns error: m' }),
    ).toBe('pg XXUUU 0.3ms  SELECT x FROM a.b.c  → error: query returns error: m');
    expect(pgLogLine({ event: 'fatal', outcome: '08P01 bad packet', ms: 0, code: '08P01', error: 'bad packet' })).toBe(
      'pg FATAL 08P01  → error: bad packet (connection closed)',
    );
  });
});
