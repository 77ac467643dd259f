// printValue: long name lists fill their lines; lists a suite repeats are printed once and named.
import { describe, expect, it } from 'vitest';
import { printValue, repeatedLists } from '../../generator/emit/print-value.ts';

const names = Array.from({ length: 30 }, (_, k) => `column${k}`);

describe('printValue', () => {
  it('fills lines with a long list of names, none over the width, every name kept in order', () => {
    const text = printValue({ columns: names });
    const lines = text.split('\n');
    expect(lines.length).toBeLessThan(names.length / 3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(new Function(`return ${text}`)()).toEqual({ columns: names });
  });

  it('names the lists that recur, and prints the rest as before', () => {
    const spec = { a: { fields: names, shape: { columns: names } }, b: { fields: names.slice(0, 3) }, c: names.slice(0, 3) };
    const repeated = repeatedLists(spec);
    expect(repeated).toEqual([JSON.stringify(names)]);
    const text = printValue(spec, '', 100, new Map([[repeated[0]!, 'names0']]));
    expect(text.match(/names0/g)).toHaveLength(2);
    expect(new Function('names0', `return ${text}`)(names)).toEqual(spec);
  });
});
