import { describe, expect, it } from 'vitest';
import { parseStatement, type Literal } from '../../generator/core/sql/index.ts';

/** The value of `x` in `SELECT a FROM p.s.r WHERE x = <value>`. */
function valueOf(written: string, templates = true): Literal | undefined {
  const st = parseStatement(`SELECT a FROM p.s.r WHERE x = ${written}`, { templates });
  if (st.kind !== 'select') throw new Error('not a select');
  return st.where[0].value;
}

describe('placeholders', () => {
  it.each([
    ["'{{ name }}'", { type: 'placeholder', name: 'name', quoted: true, filters: [], raw: "'{{ name }}'" }],
    ["'{{ x}}'", { type: 'placeholder', name: 'x', quoted: true, filters: [], raw: "'{{ x}}'" }],
    ["'{{name}}'", { type: 'placeholder', name: 'name', quoted: true, filters: [], raw: "'{{name}}'" }],
    ["'{{  }}'", { type: 'placeholder', name: '', quoted: true, filters: [], raw: "'{{  }}'" }],
    ['{{ name }}', { type: 'placeholder', name: 'name', quoted: false, filters: [], raw: '{{ name }}' }],
    ['{{  }}', { type: 'placeholder', name: '', quoted: false, filters: [], raw: '{{  }}' }],
    [
      "'{{ doc | generate_patch_document }}'",
      { type: 'placeholder', name: 'doc', quoted: true, filters: ['generate_patch_document'], raw: "'{{ doc | generate_patch_document }}'" },
    ],
    ['{{ a | b | c }}', { type: 'placeholder', name: 'a', quoted: false, filters: ['b', 'c'], raw: '{{ a | b | c }}' }],
    ["'{{ .values.project }}'", { type: 'placeholder', name: '.values.project', quoted: true, filters: [], raw: "'{{ .values.project }}'" }],
  ])('reads %s', (written, expected) => {
    expect(valueOf(written)).toEqual(expected);
  });

  it('reads text mixed with placeholders as a template, each name once', () => {
    expect(valueOf("'projects/{{ p }}/x'")).toEqual({ type: 'template', value: 'projects/{{ p }}/x', placeholders: ['p'] });
    expect(valueOf("'{{ a }}-{{ b }}-{{ a }}'")).toEqual({ type: 'template', value: '{{ a }}-{{ b }}-{{ a }}', placeholders: ['a', 'b'] });
    expect(valueOf("' {{ a }}'")).toEqual({ type: 'template', value: ' {{ a }}', placeholders: ['a'] });
  });

  it('reads a string with unbalanced braces as a string', () => {
    expect(valueOf("'{{ a'")).toEqual({ type: 'string', value: '{{ a' });
    expect(valueOf("'{\"a\": {\"b\": 1}}'")).toEqual({ type: 'string', value: '{"a": {"b": 1}}' });
  });

  it('reads a placeholder with a quote doubled inside, as the text it stands for', () => {
    expect(valueOf("'{{ it''s }}'")).toEqual({ type: 'placeholder', name: "it's", quoted: true, filters: [], raw: "'{{ it''s }}'" });
  });

  it('reads every string as a string when templates are off (the mock)', () => {
    expect(valueOf("'{{ name }}'", false)).toEqual({ type: 'string', value: '{{ name }}' });
    expect(valueOf("'projects/{{ p }}/x'", false)).toEqual({ type: 'string', value: 'projects/{{ p }}/x' });
    expect(() => valueOf('{{ name }}', false)).toThrow("line 1, column 31: unexpected character '{'");
  });
});

describe('required markers', () => {
  const required = (sql: string) => {
    const st = parseStatement(sql);
    return st.kind === 'select' ? st.where.map((p) => p.required) : [];
  };

  it.each([
    ['-- required', [true, false]],
    ['--required', [true, false]],
    ['--required,', [true, false]],
    ['/* required */', [true, false]],
    ['-- REQUIRED: the project', [true, false]],
    ['-- optional', [false, false]],
    ['', [false, false]],
  ])('reads %j after the first predicate', (comment, expected) => {
    expect(required(`SELECT a FROM p.s.r WHERE x = 1 ${comment}\nAND y = 2`)).toEqual(expected);
  });

  it('reads a marker on its own line before the next item as belonging to the previous item', () => {
    expect(required('SELECT a FROM p.s.r WHERE x = 1\n-- required\nAND y = 2')).toEqual([true, false]);
  });

  it('does not read a marker before WHERE as marking the first predicate', () => {
    expect(required('SELECT a FROM p.s.r -- required\nWHERE x = 1')).toEqual([false]);
  });

  it('reads a marker after a parenthesised conjunct as marking that conjunct', () => {
    expect(required('SELECT a FROM p.s.r WHERE (x = 1 OR x = 2) -- required\nAND y = 2 -- required')).toEqual([true, true]);
  });

  it('does not read a marker inside an OR as marking the whole predicate', () => {
    expect(required('SELECT a FROM p.s.r WHERE x = 1 -- required\nOR y = 2')).toEqual([false]);
  });
});
