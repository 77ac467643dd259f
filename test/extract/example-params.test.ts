// Names only the docs' examples show: a param the Methods table forgot (read as an optional param
// of the method, reported), and a column a view's example selects that no fields table lists (the
// mock's derived view answers it, as the base answers its own examples' columns). Small
// awscc-style pages, written here.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelSync } from '../../generator/read-model.ts';
import { createMockEngine } from '../../mocks/engine/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'example-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function page(path: string, text: string): string {
  const file = join(dir, path, 'index.md');
  mkdirSync(join(dir, path), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const overview = (name: string, id: string) => `---
title: ${name}
---

## Overview
<table><tbody>
<tr><td><b>Name</b></td><td><code>${name}</code></td></tr>
<tr><td><b>Type</b></td><td>Resource</td></tr>
<tr><td><b>Id</b></td><td><CopyableCode code="${id}" /></td></tr>
</tbody></table>
`;

const methods = (rows: Array<[string, string, string]>) => `
## Methods
<table><tbody>
<tr><th>Name</th><th>Accessible by</th><th>Required Params</th></tr>
${rows.map(([n, verb, req]) => `<tr><td><CopyableCode code="${n}" /></td><td><code>${verb}</code></td><td><CopyableCode code="${req}" /></td></tr>`).join('\n')}
</tbody></table>
`;

describe('names only an example shows', () => {
  it("a WHERE name no table lists is an optional param of the example's method, reported", () => {
    const file = page('p/cloud/resource', `${overview('resource', 'p.cloud.resource')}
## Fields
<SchemaTable fields={[
  { "name": "identifier", "type": "string", "description": "" },
  { "name": "region", "type": "string", "description": "" }
]} />
${methods([['get_resource', 'SELECT', 'Identifier, region']])}
## \`SELECT\` examples

\`\`\`sql
SELECT region FROM p.cloud.resource
WHERE region = 'us-east-1' AND TypeName = '<TypeName>' AND Identifier = '<Identifier>' AND data__x = 'y';
\`\`\`
`);
    const model = readModelSync([file]);
    const r = model.resources[0]!;
    expect(r.methods.map((m) => [m.name, m.requiredParams, m.optionalParams])).toEqual([['get_resource', ['Identifier', 'region'], ['TypeName']]]);
    expect(r.params.map((p) => p.name)).toContain('TypeName');
    expect(model.diagnostics.filter((d) => d.code === 'params/from-example').map((d) => [d.severity, d.message])).toEqual([
      ['warning', "the SELECT example of 'get_resource' passes 'TypeName', which no Methods, Parameters or Fields table lists: read as optional param(s) of 'get_resource'"],
    ]);
  });

  it('a view without a page answers the columns its example selects, even one no fields table lists', async () => {
    const file = page('p/rooms/tables', `${overview('tables', 'p.rooms.tables')}
## Fields
<Tabs defaultValue="get" values={[{ label: 'get (all properties)', value: 'get' }, { label: 'list (identifiers only)', value: 'list' }]}>
<TabItem value="get">
<SchemaTable fields={[
  { "name": "table_identifier", "type": "string", "description": "" },
  { "name": "region", "type": "string", "description": "" }
]} />
</TabItem>
<TabItem value="list">
<SchemaTable fields={[
  { "name": "table_identifier", "type": "string", "description": "" },
  { "name": "region", "type": "string", "description": "" }
]} />
</TabItem>
</Tabs>

## Methods
<table><tbody>
<tr><th>Name</th><th>Resource</th><th>Accessible by</th><th>Required Params</th></tr>
<tr><td><CopyableCode code="list_resources" /></td><td><code>tables_list_only</code></td><td><code>SELECT</code></td><td><CopyableCode code="region" /></td></tr>
<tr><td><CopyableCode code="get_resource" /></td><td><code>tables</code></td><td><code>SELECT</code></td><td><CopyableCode code="Identifier, region" /></td></tr>
</tbody></table>

## \`SELECT\` examples
<Tabs defaultValue="get" values={[{ label: 'get', value: 'get' }, { label: 'list', value: 'list' }]}>
<TabItem value="get">
\`\`\`sql
SELECT region, table_identifier, membership_identifier FROM p.rooms.tables WHERE region = 'r' AND Identifier = 'i';
\`\`\`
</TabItem>
<TabItem value="list">
\`\`\`sql
SELECT region, table_identifier, membership_identifier FROM p.rooms.tables_list_only WHERE region = '{{ region }}';
\`\`\`
</TabItem>
</Tabs>
`);
    const model = readModelSync([file]);
    const engine = createMockEngine({ model });
    const answer = await engine.query({ query: "SELECT region, table_identifier, membership_identifier FROM p.rooms.tables_list_only WHERE region = 'us-east-1'" });
    expect(answer.status).toBe(200);
    expect(Object.keys((answer.body as { data: Record<string, unknown>[] }).data[0] ?? {})).toEqual(['region', 'table_identifier', 'membership_identifier']);
  });
});
