// The page splitter's handling of code payloads: what reaches the manifest and statement parsers.
import { describe, expect, it } from 'vitest';
import { splitPage } from '../../generator/parse/split-page.ts';

describe('splitPage: <CodeBlock> template literals', () => {
  const page = [
    '## `INSERT` examples',
    '',
    '<CodeBlock language="yaml">{`- name: r',
    '  props:',
    '    - name: f',
    '      description: Uses \\`a\\\\b\\` and \\${x}',
    '`}</CodeBlock>',
    '',
    '## Methods',
  ].join('\n');
  const { sections, diagnostics } = splitPage(page);

  it('takes the literal verbatim, unescaping only \\` \\$ and \\\\, and keeps its line', () => {
    const code = sections[0].children[0];
    expect(code).toEqual({
      type: 'code',
      lang: 'yaml',
      source: 'codeblock',
      line: 3,
      value: '- name: r\n  props:\n    - name: f\n      description: Uses `a\\b` and ${x}\n',
    });
    expect(diagnostics).toEqual([]);
  });

  it('keeps the line count, so manifest lines still point at the page', () => {
    const code = sections[0].children[0];
    expect(code.type === 'code' && code.value.split('\n')).toHaveLength(5);
    expect(sections[1]).toMatchObject({ title: 'Methods', line: 9 });
  });
});
