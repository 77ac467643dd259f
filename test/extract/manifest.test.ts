import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ManifestTreeNode as ManifestNode } from '../../generator/core/model.ts';
import { parseManifest } from '../../generator/extract/manifest.ts';

const y = (...lines: string[]) => lines.join('\n');

/** name → value / nested shape, for compact expectations that ignore lines */
function shape(nodes: ManifestNode[]): unknown[] {
  return nodes.map((n) => {
    const o: Record<string, unknown> = { name: n.name };
    if (n.value !== undefined) o.value = n.value;
    if (n.description !== undefined) o.description = n.description;
    if (n.validValues !== undefined) o.validValues = n.validValues;
    if (n.default !== undefined) o.default = n.default;
    if (n.props !== undefined) o.props = shape(n.props);
    return o;
  });
}

function lines(nodes: ManifestNode[], prefix = ''): string[] {
  return nodes.flatMap((n) => [`${prefix}${n.name}@${n.line}`, ...lines(n.props ?? [], `${prefix}${n.name}.`)]);
}

describe('parseManifest: name/props/value type words', () => {
  const text = y(
    '- name: invitations',
    '  props:',
    '    - name: email',
    '      value: string',
    '    - name: auth_type',
    '      value: string',
    '    - name: user',
    '      props:',
    '        - name: id',
    '          value: string',
  );

  it('builds the nested tree with page lines', () => {
    const r = parseManifest(text, 40);
    expect(r.diagnostics).toEqual([]);
    expect(r.nodes).toEqual([
      {
        name: 'invitations',
        line: 40,
        props: [
          { name: 'email', value: 'string', line: 42 },
          { name: 'auth_type', value: 'string', line: 44 },
          { name: 'user', line: 46, props: [{ name: 'id', value: 'string', line: 48 }] },
        ],
      },
    ]);
  });

  it('reads value: lists of entries, lists of lists, scalar lists and empty collections', () => {
    const r = parseManifest(
      y(
        '- name: your_resource_model_name',
        '  props:',
        '    - name: tags',
        '      value: object',
        '    - name: properties',
        '      value:',
        '        - name: zones',
        '          value:',
        '            - string',
        '        - name: rules',
        '          value:',
        '            - - name: kind',
        '                value: []',
        '              - name: weight',
        '                value: integer',
        '        - name: extra',
        '          value: {}',
        '    - name: count',
        '      value: 10',
      ),
      1,
    );
    expect(r.diagnostics).toEqual([]);
    expect(shape(r.nodes)).toEqual([
      {
        name: 'your_resource_model_name',
        props: [
          { name: 'tags', value: 'object' },
          {
            name: 'properties',
            props: [
              { name: 'zones', props: [{ name: '[0]', value: 'string' }] },
              {
                name: 'rules',
                props: [
                  {
                    name: '[0]',
                    props: [
                      { name: 'kind', value: '[]' },
                      { name: 'weight', value: 'integer' },
                    ],
                  },
                ],
              },
              { name: 'extra', value: '{}' },
            ],
          },
          { name: 'count', value: '10' },
        ],
      },
    ]);
    expect(lines(r.nodes)).toContain('your_resource_model_name.properties.rules.[0]@12');
    expect(lines(r.nodes)).toContain('your_resource_model_name.properties.rules.[0].weight@14');
    expect(lines(r.nodes)).toContain('your_resource_model_name.properties.zones.[0]@9');
  });

  it('keeps scalars as written (failsafe: no number or boolean conversion)', () => {
    const r = parseManifest(y('- name: a', '  value: 1.10', '- name: b', '  value: true', '- name: c', '  value: null'), 1);
    expect(shape(r.nodes)).toEqual([
      { name: 'a', value: '1.10' },
      { name: 'b', value: 'true' },
      { name: 'c', value: 'null' },
    ]);
  });
});

describe('parseManifest: templates with descriptions (microsite shape)', () => {
  const text = y(
    '# Description fields are for documentation purposes',
    '- name: widgets',
    '  props:',
    '    - name: projectId',
    '      value: "{{ projectId }}"',
    '      description: Required parameter for the widgets resource.',
    '    - name: enabled',
    '      value: {{ enabled }}',
    '    - name: mode',
    '      value: "{{ mode }}"',
    '      description: |',
    '        Optional. How the widget runs.',
    '        Second line with {{ braces }} and: a colon.',
    "      valid_values: ['MODE_UNSPECIFIED', 'FAST', 'SLOW']",
    '      default: FAST',
    '    - name: kind',
    "      value: '{{ kind }}'",
    '      valid_values:',
    '        - A',
    '        - B',
    '    - name: spec',
    '      description: |',
    '        Optional. The spec.',
    '      value:',
    '        name: "{{ name }}"',
    '        size: {{ size }}',
    '        labels:',
    '          - key: "{{ key }}"',
    '            value: "{{ value }}"',
    '        aliases:',
    '          - {{ aliases }}',
    '        nested:',
    '          description: "{{ description }}"',
    '          default: "{{ default }}"',
  );

  it('quotes bare templates, reads descriptions, valid values, defaults and nested mappings', () => {
    const r = parseManifest(text, 100);
    expect(r.diagnostics).toEqual([]);
    expect(shape(r.nodes)).toEqual([
      {
        name: 'widgets',
        props: [
          { name: 'projectId', value: '{{ projectId }}', description: 'Required parameter for the widgets resource.' },
          { name: 'enabled', value: '{{ enabled }}' },
          {
            name: 'mode',
            value: '{{ mode }}',
            description: 'Optional. How the widget runs.\nSecond line with {{ braces }} and: a colon.',
            validValues: ['MODE_UNSPECIFIED', 'FAST', 'SLOW'],
            default: 'FAST',
          },
          { name: 'kind', value: '{{ kind }}', validValues: ['A', 'B'] },
          {
            name: 'spec',
            description: 'Optional. The spec.',
            props: [
              { name: 'name', value: '{{ name }}' },
              { name: 'size', value: '{{ size }}' },
              {
                name: 'labels',
                props: [
                  {
                    name: '[0]',
                    props: [
                      { name: 'key', value: '{{ key }}' },
                      { name: 'value', value: '{{ value }}' },
                    ],
                  },
                ],
              },
              { name: 'aliases', props: [{ name: '[0]', value: '{{ aliases }}' }] },
              {
                name: 'nested',
                props: [
                  { name: 'description', value: '{{ description }}' },
                  { name: 'default', value: '{{ default }}' },
                ],
              },
            ],
          },
        ],
      },
    ]);
  });

  it('puts every node on its page line', () => {
    const r = parseManifest(text, 100);
    expect(lines(r.nodes)).toEqual([
      'widgets@101',
      'widgets.projectId@103',
      'widgets.enabled@106',
      'widgets.mode@108',
      'widgets.kind@115',
      'widgets.spec@120',
      'widgets.spec.name@124',
      'widgets.spec.size@125',
      'widgets.spec.labels@126',
      'widgets.spec.labels.[0]@127',
      'widgets.spec.labels.[0].key@127',
      'widgets.spec.labels.[0].value@128',
      'widgets.spec.aliases@129',
      'widgets.spec.aliases.[0]@130',
      'widgets.spec.nested@131',
      'widgets.spec.nested.description@132',
      'widgets.spec.nested.default@133',
    ]);
  });

  it('does not treat a templated name: as an entry name', () => {
    const r = parseManifest(y('- name: r', '  value:', '    - name: "{{ name }}"', '      type: "{{ type }}"'), 1);
    expect(shape(r.nodes)).toEqual([
      {
        name: 'r',
        props: [
          {
            name: '[0]',
            props: [
              { name: 'name', value: '{{ name }}' },
              { name: 'type', value: '{{ type }}' },
            ],
          },
        ],
      },
    ]);
  });

  it('reads a mapping whose name: is not its first key as data', () => {
    const r = parseManifest(y('- name: parameters', '  value:', '  - default: users', '    name: table'), 1);
    expect(shape(r.nodes)).toEqual([
      {
        name: 'parameters',
        props: [{ name: '[0]', props: [{ name: 'default', value: 'users' }, { name: 'name', value: 'table' }] }],
      },
    ]);
  });

  it('keeps quote characters inside a bare template and drops a trailing comment', () => {
    const r = parseManifest(y('- name: q', "  value: {{ it's }} # a comment", "  default: '{{ x}}'"), 1);
    expect(r.diagnostics).toEqual([]);
    expect(shape(r.nodes)).toEqual([{ name: 'q', value: "{{ it's }}", default: '{{ x}}' }]);
  });

  it('leaves block scalar text alone, even lines that start with {{', () => {
    const r = parseManifest(y('- name: x', '  description: |', '    {{ not a value }}', '    text: more', '- name: y', '  value: {{ y }}'), 1);
    expect(r.diagnostics).toEqual([]);
    expect(shape(r.nodes)).toEqual([
      { name: 'x', description: '{{ not a value }}\ntext: more' },
      { name: 'y', value: '{{ y }}' },
    ]);
  });

  it('does not quote a {{ line that continues a plain scalar', () => {
    const r = parseManifest(y('- name: x', '  description: starts here', '    {{ x }} goes on'), 1);
    expect(r.diagnostics).toEqual([]);
    expect(r.nodes[0].description).toBe('starts here {{ x }} goes on');
  });

  it('folds > block scalars and drops their trailing line breaks', () => {
    const r = parseManifest(y('- name: x', '  value: string', '  description: >', '    one', '    two', '    ', '- name: y', '  value: string'), 1);
    expect(r.diagnostics).toEqual([]);
    expect(shape(r.nodes)).toEqual([
      { name: 'x', value: 'string', description: 'one two' },
      { name: 'y', value: 'string' },
    ]);
  });
});

describe('parseManifest: stack files', () => {
  const text = y(
    'version: 1',
    'name: stack name',
    'description: stack description',
    'providers:',
    '  - aws',
    'globals:',
    '  - name: region',
    "    value: '{{ vars.AWS_REGION }}'",
    'resources:',
    '  - name: link',
    '    props:',
    '      - name: SubnetIds',
    '        value:',
    "          - '{{ SubnetIds[0] }}'",
    '      - name: Config',
    '        value:',
    "          Type: '{{ Type }}'",
    '          Variables:',
    "            - Name: '{{ Name }}'",
    '      - name: Tags',
    '        value: {}',
    '      - name: Extra',
    '        value: null',
  );

  it('returns the resources entries and names the stack-level keys in an info', () => {
    const r = parseManifest(text, 7);
    expect(shape(r.nodes)).toEqual([
      {
        name: 'link',
        props: [
          { name: 'SubnetIds', props: [{ name: '[0]', value: '{{ SubnetIds[0] }}' }] },
          {
            name: 'Config',
            props: [
              { name: 'Type', value: '{{ Type }}' },
              { name: 'Variables', props: [{ name: '[0]', props: [{ name: 'Name', value: '{{ Name }}' }] }] },
            ],
          },
          { name: 'Tags', value: '{}' },
          { name: 'Extra', value: 'null' },
        ],
      },
    ]);
    expect(r.nodes[0].line).toBe(16);
    expect(r.nodes[0].props![1].props![1].props![0].line).toBe(25);
    expect(r.diagnostics).toEqual([
      {
        severity: 'info',
        code: 'manifest/stack-file',
        message: 'stack file: nodes are the entries of resources:; stack-level keys not in the tree: version, name, description, providers, globals',
        line: 7,
      },
    ]);
  });
});

describe('parseManifest: plain mappings and odd entries', () => {
  it('reads a mapping with resources: but no stack keys as a plain tree', () => {
    const r = parseManifest(y('resources:', '  - name: a', '    value: string'), 1);
    expect(r.diagnostics).toEqual([]);
    expect(shape(r.nodes)).toEqual([{ name: 'resources', props: [{ name: '[0]', props: [{ name: 'name', value: 'a' }, { name: 'value', value: 'string' }] }] }]);
  });

  it('reads a manifest without name/props as a tree named by keys', () => {
    const r = parseManifest(y('spec:', '  replicas: 3', '  ports:', '    - 80', '    - 443', 'empty:', 'kind: Thing'), 5);
    expect(r.diagnostics).toEqual([]);
    expect(r.nodes).toEqual([
      {
        name: 'spec',
        line: 5,
        props: [
          { name: 'replicas', value: '3', line: 6 },
          {
            name: 'ports',
            line: 7,
            props: [
              { name: '[0]', value: '80', line: 8 },
              { name: '[1]', value: '443', line: 9 },
            ],
          },
        ],
      },
      { name: 'empty', line: 10 },
      { name: 'kind', value: 'Thing', line: 11 },
    ]);
  });

  it('keeps unknown entry keys as children and reports them; reports repeated keys', () => {
    const r = parseManifest(y('- name: a', '  value: 1', '  value: 2', '  required: true'), 1);
    expect(shape(r.nodes)).toEqual([{ name: 'a', value: '2', props: [{ name: 'required', value: 'true' }] }]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['manifest/duplicate-key', 3],
      ['manifest/unknown-key', 4],
    ]);
  });

  it('keeps props: [] as an empty props list', () => {
    const r = parseManifest(y('- name: r', '  props: []  # No request body parameters required'), 1);
    expect(r.nodes).toEqual([{ name: 'r', props: [], line: 1 }]);
  });

  it('reports empty manifests and single scalars', () => {
    expect(parseManifest('# only a comment\n\n', 3)).toEqual({
      nodes: [],
      diagnostics: [{ severity: 'info', code: 'manifest/empty', message: 'manifest has no content (only blank lines or comments)', line: 3 }],
    });
    const r = parseManifest('just text', 3);
    expect(r.nodes).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['manifest/not-a-tree']);
  });
});

describe('parseManifest: invalid YAML', () => {
  it('reads broken indentation through YAML\'s error-tolerant Document and says what YAML said', () => {
    const text = y(
      '- name: things',
      '  props:',
      '    - name: spec',
      '      value:',
      '        name: "{{ name }}"',
      '          type: "{{ type }}"',
      '        size: {{ size }}',
      '    - name: after',
      '      value: "{{ after }}"',
    );
    const r = parseManifest(text, 20);
    expect(r.nodes).toEqual([
      {
        name: 'things',
        line: 20,
        props: [
          {
            name: 'spec',
            line: 22,
            props: [
              { name: 'name', value: '{{ name }}', line: 24 },
              { name: 'type', value: '{{ type }}', line: 25 },
              { name: 'size', value: '{{ size }}', line: 26 },
            ],
          },
          { name: 'after', value: '{{ after }}', line: 27 },
        ],
      },
    ]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'manifest/invalid-yaml', line: 25 });
    expect(r.diagnostics[0].message).toMatch(/; read as far as YAML could, nodes after it may be missing or merged$/);
  });

  it('quotes a plain value holding ": " and reads it as YAML', () => {
    const text = y(
      '- name: r',
      '  props:',
      '    - name: createMode',
      '      value: string',
      '      description: Possible values include: - `a`: one. - `b`: two. # a comment',
      '    - name: note',
      '      value: string',
      '      description: >',
      '        Some text: with a colon',
      '        ',
    );
    const r = parseManifest(text, 1);
    expect(shape(r.nodes)).toEqual([
      {
        name: 'r',
        props: [
          { name: 'createMode', value: 'string', description: 'Possible values include: - `a`: one. - `b`: two.' },
          { name: 'note', value: 'string', description: 'Some text: with a colon' },
        ],
      },
    ]);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'manifest/invalid-yaml-repaired', 5]]);
  });

  it('leaves a plain value holding ": " that goes on over more lines to YAML, and reports it', () => {
    const r = parseManifest(y('- name: r', '  description: a: b', '    continued', '  value: x'), 1);
    expect(r.diagnostics.map((d) => d.code)).toContain('manifest/invalid-yaml');
    expect(r.nodes[0].name).toBe('r');
  });

  it('reports an item YAML cannot place and keeps the rest', () => {
    const r = parseManifest(y('items:', '  - a', '  - b', '    c: d', 'next: 1'), 1);
    expect(shape(r.nodes)).toEqual([
      { name: 'items', props: [{ name: '[0]', value: 'a' }, { name: '[1]', props: [{ name: 'b c', value: 'd' }] }] },
      { name: 'next', value: '1' },
    ]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['manifest/invalid-yaml', 3]]);
  });
});


describe('parseManifest: robustness and speed', () => {
  it('never throws, and every node line lies inside the manifest', () => {
    const piece = fc.constantFrom(
      '- ', '  ', 'name: x', 'value: ', '{{ v }}', '"{{ q }}"', 'props:', '|', '>', '# c', ':', '[', ']', '{', '}',
      "'", '"', 'a: b: c', '\t', '---', '-', 'k:', '\\',
    );
    const lineArb = fc.array(piece, { maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (ls, first) => {
        const text = ls.join('\n');
        const r = parseManifest(text, first);
        for (const l of lines(r.nodes)) {
          const n = Number(l.slice(l.lastIndexOf('@') + 1));
          expect(n).toBeGreaterThanOrEqual(first);
          expect(n).toBeLessThan(first + Math.max(ls.length, 1));
        }
        for (const d of r.diagnostics) expect(d.code).not.toBe('manifest/internal-error');
      }),
      { numRuns: 300 },
    );
  });

  it('survives a flow collection at the root followed by more lines', () => {
    const r = parseManifest('[]\n- ', 1);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['manifest/invalid-yaml', 2]]);
  });

  // Its speed is measured in `npm run bench` (slowest pages), never timed in a unit test.
  it('reads a 9,000-line manifest whole', () => {
    const out = ['# Description fields are for documentation purposes', '- name: big', '  props:'];
    let i = 0;
    while (out.length < 9000) {
      out.push(`    - name: p${i}`, '      description: |', `        Field ${i}.`, '      value:');
      for (let d = 0; d < 6; d++) out.push(`${'  '.repeat(d + 4)}level${d}:`);
      out.push(`${'  '.repeat(10)}leaf: {{ leaf${i} }}`, `${'  '.repeat(10)}text: "{{ text }}"`);
      i++;
    }
    const text = out.join('\n');
    const r = parseManifest(text, 1);
    expect(r.diagnostics).toEqual([]);
    expect(r.nodes[0].props).toHaveLength(i);
    expect(r.nodes[0].props![i - 1].name).toBe(`p${i - 1}`);
  });
});
