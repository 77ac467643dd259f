import { describe, expect, it } from 'vitest';
import { rewriteJsonTemplate } from '../../generator/core/json-template.ts';

const bareToNull = (text: string) => rewriteJsonTemplate(text, (literal) => literal, () => 'null');

describe('rewriteJsonTemplate', () => {
  it('replaces bare placeholders and leaves those inside JSON strings to the string callback', () => {
    const text = '{"a": {{ a }}, "b": "{{ b }}", "c": "x {{ c }} y", "d": [{{d}}]}';
    expect(JSON.parse(bareToNull(text))).toEqual({ a: null, b: '{{ b }}', c: 'x {{ c }} y', d: [null] });
    const seen: string[] = [];
    rewriteJsonTemplate(text, (l) => (seen.push(l), l), (n) => (seen.push(`bare:${n}`), 'null'));
    expect(seen).toEqual(['"a"', 'bare:a', '"b"', '"{{ b }}"', '"c"', '"x {{ c }} y"', '"d"', 'bare:d']);
  });

  it('reads an escaped quote as part of its string, not as its end', () => {
    expect(bareToNull('{"a": "say \\"{{ x }}\\"", "b": {{ y }}}')).toBe('{"a": "say \\"{{ x }}\\"", "b": null}');
  });

  it('leaves a text with an unclosed placeholder as it was', () => {
    expect(bareToNull('{"a": {{ a }, "b": 1}')).toBe('{"a": {{ a }, "b": 1}');
  });
});
