// The docPage parser: code payloads as they reach the manifest and statement parsers, positions.
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { diagnosticsOf } from '../../generator/parse/diagnostics.ts';
import { docPage } from '../../generator/parse/doc-page.ts';
import { sectionsOf, type Root } from '../../generator/parse/tree.ts';

function parse(text: string) {
  const file = new VFile({ path: 'page.md', value: text });
  const root = unified().use(docPage).parse(file) as Root;
  return { root, sections: sectionsOf(root), diagnostics: diagnosticsOf(file) };
}

describe('docPage: <CodeBlock> template literals', () => {
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
  const { sections, diagnostics } = parse(page);

  it('takes the literal verbatim, unescaping only \\` \\$ and \\\\, and keeps its lines', () => {
    const code = sections[0].children[0];
    expect(code).toMatchObject({
      type: 'code',
      lang: 'yaml',
      source: 'codeblock',
      valueLine: 3,
      value: '- name: r\n  props:\n    - name: f\n      description: Uses `a\\b` and ${x}\n',
      position: { start: { line: 3, column: 1 }, end: { line: 7 } },
    });
    // The fixture's last section is empty: that, and only that, is reported.
    expect(diagnostics.map((d) => d.code)).toEqual(['page/empty-section']);
  });

  it('keeps the line count, so manifest lines still point at the page', () => {
    const code = sections[0].children[0];
    expect(code.type === 'code' && code.value.split('\n')).toHaveLength(5);
    expect(sections[1]).toMatchObject({ title: 'Methods', position: { start: { line: 9 } } });
  });
});
