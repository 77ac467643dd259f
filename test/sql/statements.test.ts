import { describe, expect, it } from 'vitest';
import { parseStatement, parseStatements, parseStatementsWithSpans, StatementSyntaxError } from '../../generator/core/sql/index.ts';
import { SQL_FUNCTIONS, functionsCalled } from '../../generator/core/sql/functions.ts';

function errorOf(run: () => unknown): StatementSyntaxError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementSyntaxError);
    return error as StatementSyntaxError;
  }
  throw new Error('expected a StatementSyntaxError, but nothing was thrown');
}

describe('parseStatement: exactly one statement', () => {
  it('accepts one statement with or without a trailing ;', () => {
    expect(parseStatement('SELECT a FROM p.s.r').kind).toBe('select');
    expect(parseStatement('SELECT a FROM p.s.r;').kind).toBe('select');
    expect(parseStatement('SELECT a FROM p.s.r ; -- done\n').kind).toBe('select');
  });

  it('refuses a second statement after the first', () => {
    const error = errorOf(() => parseStatement("SELECT a FROM p.s.r WHERE x = 'y'; DROP TABLE t"));
    expect(error.message).toBe("line 1, column 36: expected end of statement but found 'DROP'");
    expect([error.line, error.column, error.offset]).toEqual([1, 36, 35]);
    expect(error.reason).toBe("expected end of statement but found 'DROP'");
  });

  it('refuses a second statement even when both are valid', () => {
    expect(() => parseStatement('SELECT a FROM p.s.r; SELECT b FROM p.s.r')).toThrow('expected end of statement');
  });

  it('refuses a stray second ;', () => {
    expect(() => parseStatement('SELECT a FROM p.s.r;;')).toThrow("line 1, column 21: expected end of statement but found ';'");
  });

  it('refuses empty text', () => {
    expect(() => parseStatement('  -- nothing\n')).toThrow(
      'line 2, column 1: expected a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW or DESCRIBE) but found end of input',
    );
  });

  it('refuses an unknown statement', () => {
    expect(() => parseStatement('DROP TABLE x')).toThrow("line 1, column 1: expected a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW or DESCRIBE) but found 'DROP'");
  });

  it('treats a string ending in a required-looking comment as text, not as a terminator', () => {
    const st = parseStatement("SELECT a FROM p.s.r WHERE x = '; DROP x -- required'");
    expect(st.kind === 'select' && st.where[0].value).toEqual({ type: 'string', value: '; DROP x -- required' });
    expect(st.kind === 'select' && st.where[0].required).toBe(false);
  });
});

describe('parseStatements', () => {
  it('reads ;-separated statements, the last ; optional', () => {
    const kinds = (sql: string) => parseStatements(sql).map((s) => s.kind);
    expect(kinds("SELECT a FROM p.s.r;\nDELETE FROM p.s.r WHERE a = 'x';\nEXEC p.s.r.m @a = 1")).toEqual(['select', 'delete', 'exec']);
    expect(kinds('SHOW PROVIDERS;\nDESCRIBE p.s.r;')).toEqual(['show', 'describe']);
  });

  it('reads the language reference example with a comment between statements', () => {
    const statements = parseStatements(`-- Start an EC2 instance
EXEC aws.ec2.instances.start_instances 
@InstanceId = 'i-0fc989cf4efcd8b88', 
@region = 'ap-southeast-2';
-- Stop an EC2 instance
EXEC aws.ec2.instances.stop_instances 
@InstanceId = 'i-0fc989cf4efcd8b88', 
@region = 'ap-southeast-2';`);
    expect(statements.map((s) => (s.kind === 'exec' ? s.target.parts[3] : s.kind))).toEqual(['start_instances', 'stop_instances']);
  });

  it('gives [] for text without statements', () => {
    expect(parseStatements('')).toEqual([]);
    expect(parseStatements('-- a comment\n/* and another */')).toEqual([]);
  });

  it('reads a statement whose ; sits inside its last required comment', () => {
    const [st] = parseStatements("SELECT a FROM p.s.r\nWHERE x = '{{ x }}' -- required;");
    expect(st.kind === 'select' && st.where[0].required).toBe(true);
  });

  it('refuses an empty statement between two', () => {
    expect(() => parseStatements('SELECT a FROM p.s.r;\n;\nSELECT b FROM p.s.r')).toThrow(
      "line 2, column 1: expected a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW or DESCRIBE) but found ';'",
    );
  });

  it('refuses two statements without a ; between them', () => {
    expect(() => parseStatements("SELECT a FROM p.s.r WHERE x = 'y'\nSELECT b FROM p.s.r")).toThrow(
      "line 2, column 1: expected ';' or end of input but found 'SELECT'",
    );
    // Not read as the alias of p.s.r or of the last value.
    expect(() => parseStatements('SELECT a FROM p.s.r\nDELETE FROM p.s.r')).toThrow(
      "line 2, column 1: expected ';' or end of input but found 'DELETE'",
    );
    expect(() => parseStatements("INSERT INTO p.s.r (a) SELECT 'x'\nEXEC p.s.r.m")).toThrow(
      "line 2, column 1: expected ';' or end of input but found 'EXEC'",
    );
  });
});

describe('parseStatementsWithSpans', () => {
  const sql = "-- first\nSELECT a FROM p.s.r; -- done\n\n/*+ delete */\nDELETE FROM p.s.r WHERE a = 'x'\n;\nEXEC p.s.r.m @a = '{{ a }}' -- required";

  it('gives each statement its offsets and the line of its first token', () => {
    const spans = parseStatementsWithSpans(sql);
    expect(spans.map(({ start, end, line }) => ({ start, end, line }))).toEqual([
      { start: 9, end: 37, line: 2 },
      { start: 39, end: 86, line: 4 },
      { start: 87, end: 126, line: 7 },
    ]);
    expect(spans.map((s) => s.statement.kind)).toEqual(['select', 'delete', 'exec']);
  });

  it('spans text that reads alone: a leading hint in, comments before out, the ; and a comment on its line in', () => {
    const texts = parseStatementsWithSpans(sql).map((s) => sql.slice(s.start, s.end));
    expect(texts).toEqual([
      'SELECT a FROM p.s.r; -- done',
      "/*+ delete */\nDELETE FROM p.s.r WHERE a = 'x'\n;",
      "EXEC p.s.r.m @a = '{{ a }}' -- required",
    ]);
    // The last one keeps its required marker when read again on its own.
    const again = parseStatement(texts[2]);
    expect(again.kind === 'exec' && again.args[0].required).toBe(true);
  });

  it('gives the same statements as parseStatements', () => {
    expect(parseStatementsWithSpans(sql).map((s) => s.statement)).toEqual(parseStatements(sql));
    expect(parseStatementsWithSpans('-- nothing\n')).toEqual([]);
  });

  it('reads the EC2 start/stop pair as two statements of their own', () => {
    const ec2 = `-- Start an EC2 instance
EXEC aws.ec2.instances.start_instances 
@InstanceId = 'i-0fc989cf4efcd8b88', 
@region = 'ap-southeast-2';
-- Stop an EC2 instance
EXEC aws.ec2.instances.stop_instances 
@InstanceId = 'i-0fc989cf4efcd8b88', 
@region = 'ap-southeast-2';`;
    const spans = parseStatementsWithSpans(ec2);
    expect(spans.map((s) => s.line)).toEqual([2, 6]);
    expect(spans.map((s) => ec2.slice(s.start, s.end).split('\n')[0])).toEqual([
      'EXEC aws.ec2.instances.start_instances ',
      'EXEC aws.ec2.instances.stop_instances ',
    ]);
    expect(spans.map((s) => ec2.slice(s.start, s.end).endsWith("@region = 'ap-southeast-2';"))).toEqual([true, true]);
  });

  it('takes onRepair, with positions in the whole text', () => {
    const lines: number[] = [];
    const spans = parseStatementsWithSpans('SELECT a FROM p.s.r;\nSELECT\n\nFROM p.s.r;', { onRepair: (r) => lines.push(r.line) });
    expect(spans.map((s) => [s.line, s.start, s.end])).toEqual([
      [1, 0, 20],
      [2, 21, 40],
    ]);
    expect(lines).toEqual([2]);
  });
});

describe('syntax errors name what was expected and where', () => {
  it.each([
    ['SELECT a\nWHERE x = 1', "line 2, column 1: expected FROM but found 'WHERE'"],
    ['SELECT\n\nFROM p.s.r', "line 3, column 1: expected a column or * but found 'FROM'"],
    ['SELECT a FROM p.s.r\nWHERE\n  AND x = 1', "line 3, column 3: expected an expression but found 'AND'"],
    ['SELECT a FROM p.s.r WHERE x = ', 'line 1, column 31: expected an expression but found end of input'],
    ['SELECT a FROM p.s.r WHERE (x = 1', "line 1, column 33: expected ')' but found end of input"],
    ['SELECT a FROM p.s.r WHERE x IN (SELECT 1)', 'line 1, column 33: subqueries are not supported'],
    ['SELECT a FROM p.s.r LIMIT x', "line 1, column 27: expected an integer after LIMIT but found 'x'"],
    ['SELECT a FROM p.s.r LIMIT 1.5', "line 1, column 27: expected an integer after LIMIT but found '1.5'"],
    ["SELECT a FROM p.s.r WHERE x = 'unterminated", 'line 1, column 31: unterminated string literal'],
    ['SELECT a FROM p.', "line 1, column 17: expected a name after '.' in p but found end of input"],
    ["SELECT a FROM p.s.r WHERE x = 'a' /*+ hint */", 'line 1, column 35: expected end of statement but found hint /*+ hint */'],
    ['/*+ x */ DESCRIBE p.s.r', 'line 1, column 10: DESCRIBE takes no hints'],
    ['DESCRIBE /*+ x */ p.s.r', 'line 1, column 10: expected a resource name but found hint /*+ x */'],
    ["UPDATE p.s.r SET a = 1 WHERE b = 'very long string value that goes on and on'x", "line 1, column 78: expected end of statement but found 'x'"],
    ["SELECT a FROM p.s.r WHERE b = 'x' 'very long string value that goes on and on'", "line 1, column 35: expected end of statement but found string 'very long string value that goes on ..."],
  ])('%j', (sql, message) => {
    expect(() => parseStatement(sql)).toThrow(message);
  });
});

describe('the SQL functions a statement can call', () => {
  it('are exactly what the mock evaluates with: sql.js\'s SQLite, json_each/json_tree, and the two StackQL adds', async () => {
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    const names = new Set((db.exec('PRAGMA function_list')[0].values as unknown[][]).map((v) => String(v[0]).toLowerCase()).filter((n) => /^[a-z]/.test(n)));
    for (const extra of ['split_part', 'regexp', 'json_each', 'json_tree']) names.add(extra);
    expect([...SQL_FUNCTIONS].sort()).toEqual([...names].sort());
    expect(functionsCalled(parseStatement("SELECT json_extract(a, '$.b'), upper(string(c)) FROM p.s.r", { templates: false }))).toEqual(['json_extract', 'upper', 'string']);
  });
});
