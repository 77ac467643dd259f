// What a resource module declares once and references (emit/clients.ts): a request body that
// several methods take alike (`<First>Body`, extended by their Args) and a descriptor list that
// occurs more than once (a module constant). Each must stay exactly what every method that uses it
// needs: checked by tsc (strict, exactOptionalPropertyTypes) over a resource whose create and
// replace share a body and whose patch takes a different one, and at run time by comparing every
// emitted descriptor with the planner's, for these fixtures and every resource of docs/ (under vitest,
// and in plain node: a descriptor is a .js that needs no TypeScript loader).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '../../generator/core/model.ts';
import { planResource } from '../../generator/core/plan.ts';
import { emitClients } from '../../generator/emit/clients.ts';
import { layout } from '../../generator/emit/layout.ts';
import { runtimeFiles } from '../../generator/emit/runtime-bundle.ts';
import { field, manifest, method, param, resource } from './fixtures.ts';
import { type TscResult, docsModel, removeDir, runTsc, scratchDir, writeFiles, writeProject } from './helpers.ts';

/** create and replace take the manifest's properties (the same body); patch takes `name` alone, required. */
function things(): Resource {
  return resource('shared.svc.things', {
    fields: [field('id'), field('name'), field('size', 'integer (int32)'), field('labels', 'object')],
    manifest: manifest([
      {
        name: 'things',
        line: 1,
        props: [
          { name: 'name', value: 'string', line: 2 },
          { name: 'size', value: 'integer', line: 3 },
          { name: 'labels', line: 4, props: [{ name: 'team', value: 'string', line: 5 }, { name: 'cost-centre', value: 'string', line: 6 }] },
        ],
      },
    ]),
    params: [param('project'), param('id'), param('requestId')],
    methods: [
      method('get', 'select', ['project', 'id']),
      method('list', 'select', ['project']),
      method('create', 'insert', ['project'], ['requestId']),
      method('replace', 'replace', ['project', 'id'], ['requestId']),
      method('patch', 'exec', ['project', 'id', ['data__name', 'body']]),
      method('remove', 'delete', ['project', 'id'], ['requestId']),
    ],
  });
}

/** A second resource of the same service with a body of the same member names but other types. */
function others(): Resource {
  return resource('shared.svc.others', {
    fields: [field('id'), field('name', 'boolean')],
    manifest: manifest([{ name: 'others', line: 1, props: [{ name: 'name', value: 'boolean', line: 2 }, { name: 'size', value: 'string', line: 3 }] }]),
    params: [param('project'), param('id')],
    methods: [method('create', 'insert', ['project']), method('replace', 'replace', ['project', 'id'])],
  });
}

const USAGE = `
import { expectTypeOf } from 'vitest';
import type * as things from './clients/shared/svc/things.js';
import type * as others from './clients/shared/svc/others.js';

type Labels = { team?: string; 'cost-centre'?: string; [key: string]: unknown };

expectTypeOf<things.CreateArgs>().toEqualTypeOf<{ name?: string; size?: number; labels?: Labels; project: string; requestId?: string }>();
expectTypeOf<things.ReplaceArgs>().toEqualTypeOf<{ name?: string; size?: number; labels?: Labels; project: string; id: string; requestId?: string }>();
expectTypeOf<things.PatchArgs>().toEqualTypeOf<{ project: string; id: string; data__name: string }>();
expectTypeOf<things.Methods['create']['verb']>().toEqualTypeOf<'insert'>();
expectTypeOf<things.Methods['get']['row']>().toEqualTypeOf<things.GetRow>();
expectTypeOf<others.CreateArgs>().toEqualTypeOf<{ name?: boolean; size?: string; project: string }>();
expectTypeOf<others.ReplaceArgs>().toEqualTypeOf<{ name?: boolean; size?: string; project: string; id: string }>();
`;

// Each must fail to compile.
const WRONG = [
  `const a: things.PatchArgs = { project: 'p', id: 'i' }; // patch's body field is required`,
  `const e: things.PatchArgs = { project: 'p', id: 'i', data__name: 'n', size: 1 }; // patch does not take create's body`,
  `const b: things.CreateArgs = { project: 'p', size: 'big' }; // size is an integer`,
  `const c: things.ReplaceArgs = { project: 'p', name: 'n' }; // replace needs id`,
  `const d: others.CreateArgs = { project: 'p', name: 'n' }; // others' name is a boolean`,
];

describe('a body and lists shared within a resource module', () => {
  let dir: string;
  let tsc: TscResult;
  let text: string;
  let descriptor: string;

  beforeAll(() => {
    dir = scratchDir('shared');
    const files = [...emitClients({ version: '1', resources: [things(), others()], diagnostics: [], summary: { pages: 2, resources: 2, skipped: {}, methods: 0, examples: 0 } }), ...runtimeFiles(['client'])];
    writeFiles(dir, files);
    text = files.find((f) => f.path === 'clients/shared/svc/things.d.ts')!.content;
    descriptor = files.find((f) => f.path === 'clients/shared/svc/things.js')!.content;
    writeProject(dir, { verbatimModuleSyntax: true, exactOptionalPropertyTypes: true, noUnusedLocals: true, skipLibCheck: false, types: ['node'] }, ['clients/**/*.ts', 'runtime/**/*.ts', 'usage.ts', 'broken.ts']);
    const head = `import type * as things from './clients/shared/svc/things.js';\nimport type * as others from './clients/shared/svc/others.js';\n`;
    writeFileSync(join(dir, 'usage.ts'), `${USAGE}\n${WRONG.map((w) => `// @ts-expect-error\nexport ${w}`).join('\n')}\n`);
    writeFileSync(join(dir, 'broken.ts'), `${head}${WRONG.map((w) => `export ${w}`).join('\n')}\n`);
    tsc = runTsc(dir);
  }, 120_000);
  afterAll(() => removeDir(dir));

  it('declares the body of create and replace once, and patch its own', () => {
    expect(text).toContain('/** The request body of `create` and `replace`. */\nexport interface CreateBody {');
    expect(text).toContain('export interface CreateArgs extends CreateBody {');
    expect(text).toContain('export interface ReplaceArgs extends CreateBody {');
    expect(text).toContain('export interface PatchArgs {\n  project: string;\n  id: string;\n  data__name: string;\n}');
    // Lists that occur twice: a constant of the descriptor's module, referenced (shorthand where the names agree).
    expect(descriptor).toContain("const where = ['project', 'id', 'requestId'];");
    expect(descriptor).toContain("replace: {\n      verb: 'replace',\n      where,\n");
    expect(descriptor).toContain("list: { verb: 'select', columns, where: ['project'], required: ['project'] },");
    expect(text).not.toContain('const where');
  });

  it('type-checks, and every shared declaration is exactly what each method takes', () => {
    expect(tsc.errors.filter((e) => !e.startsWith('broken.ts('))).toEqual([]);
  });

  it('a call that fits another method but not this one is an error', () => {
    const lines = new Set(tsc.errors.filter((e) => e.startsWith('broken.ts(')).map((e) => Number(/^broken\.ts\((\d+),/.exec(e)![1])));
    expect([...lines].sort((a, b) => a - b)).toEqual(WRONG.map((_, k) => k + 3));
  });
});

describe('emitted descriptors equal the planned ones', () => {
  let dir: string;
  const resources = [...docsModel().resources, things(), others()];

  beforeAll(() => {
    dir = scratchDir('descriptors');
    writeFiles(dir, [
      ...emitClients({ version: '1', resources, diagnostics: [], summary: { pages: 0, resources: resources.length, skipped: {}, methods: 0, examples: 0 } }),
      ...runtimeFiles(['client']),
    ]);
  });
  afterAll(() => removeDir(dir));

  it('for every resource of docs/ and the fixtures, method by method', async () => {
    const paths = layout(resources).paths;
    let methods = 0;
    for (const r of resources) {
      const module = await import(pathToFileURL(join(dir, 'clients', `${paths.get(r.id)!}.js`)).href);
      const planned = Object.fromEntries(planResource(r).methods.map((m) => [m.key, JSON.parse(JSON.stringify(m.descriptor))]));
      expect(JSON.parse(JSON.stringify(module.resource.methods)), r.id).toEqual(planned);
      methods += Object.keys(planned).length;
    }
    expect(methods).toBeGreaterThan(20);
  });

  it('in plain node, with no TypeScript loader: the .js holds nothing but JavaScript', () => {
    const paths = layout(resources).paths;
    const urls = resources.map((r) => pathToFileURL(join(dir, 'clients', `${paths.get(r.id)!}.js`)).href);
    const script = `const out = []; for (const url of ${JSON.stringify(urls)}) out.push((await import(url)).resource); console.log(JSON.stringify(out));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(run.stderr).toBe('');
    const loaded = JSON.parse(run.stdout) as Array<{ id: string; methods: object }>;
    expect(loaded.map((d) => d.id)).toEqual(resources.map((r) => r.id));
    loaded.forEach((d, k) => {
      const planned = Object.fromEntries(planResource(resources[k]!).methods.map((m) => [m.key, JSON.parse(JSON.stringify(m.descriptor))]));
      expect(d.methods, d.id).toEqual(planned);
    });
  });
});
