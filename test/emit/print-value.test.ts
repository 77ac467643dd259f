// printValue: long name lists fill their lines.
import { describe, expect, it } from 'vitest';
import { printValue } from '../../generator/emit/print-value.ts';

const names = Array.from({ length: 30 }, (_, k) => `column${k}`);

describe('printValue', () => {
  it('fills lines with a long list of names, none over the width, every name kept in order', () => {
    const text = printValue({ columns: names });
    const lines = text.split('\n');
    expect(lines.length).toBeLessThan(names.length / 3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(new Function(`return ${text}`)()).toEqual({ columns: names });
  });
});
