// The contract runner (mocks/contract/runner.ts): every suite `generate` writes is one it runs
// without a transform (its imports read off the file, resolved against it), any other text is left
// to vitest, and a run of the generated config gives a hand-edited suite's own tests too.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitContractIndexes, emitContracts } from '../../generator/emit/contracts.ts';
import { layout } from '../../generator/emit/layout.ts';
import { generatedSuiteImports } from '../../mocks/contract/runner.ts';
import { docsModel, removeDir, runContracts, scratchDir, writeOutput, type ContractRun } from './helpers.ts';

const model = docsModel();
const OUT = '/out';
const suites = emitContracts(model).filter((f) => f.path.endsWith('.test.ts'));
const sample = suites.find((f) => f.path === 'contract/google/cloudidentity/userinvitations.test.ts')!;
const at = (path: string) => join(OUT, path);

describe('generatedSuiteImports', () => {
  it('reads every emitted suite, with and without a Refuses table, to its own client, validator and the harness', () => {
    const paths = layout(model.resources).paths;
    expect(suites.length).toBe(model.resources.length);
    for (const [, path] of paths) {
      const file = at(`contract/${path}.test.ts`);
      const suite = suites.find((f) => f.path === `contract/${path}.test.ts`)!;
      expect(generatedSuiteImports(suite.content, file), path).toEqual({
        client: at(`clients/${path}.js`),
        validator: at(`validators/${path}.js`),
        harness: at('contract/harness.js'),
      });
    }
    // A resource without required arguments has no table (contract-suite.hbs): the docs' model has none such.
    const bare = sample.content.replace(', type Methods }', ' }').replace(', type Refuses }', ' }').replace(/\n\/\*\*[^]*$/, '');
    expect(bare).toMatch(/\ncontractSuite\(resource, rowValidator\);\n$/);
    expect(generatedSuiteImports(bare, at(sample.path))?.client).toBe(at('clients/google/cloudidentity/userinvitations.js'));
  });

  it('leaves any other text to vitest: nothing may run that the runner would not', () => {
    const text = sample.content;
    const file = at(sample.path);
    const variants: Record<string, string> = {
      'a statement after the call': text.replace('contractSuite(resource, rowValidator);\n', 'contractSuite(resource, rowValidator);\nconsole.log(1);\n'),
      'a second call': text.replace('contractSuite(resource, rowValidator);\n', 'contractSuite(resource, rowValidator);\ncontractSuite(resource, rowValidator);\n'),
      'another call': text.replace('contractSuite(resource, rowValidator);', 'contractSuite(resource, undefined);'),
      'an extra import': text.replace("import { rowValidator }", "import 'node:fs';\nimport { rowValidator }"),
      'a bare specifier': text.replace(/from '[^']*clients\/[^']*'/, "from 'some-package/client.js'"),
      'code after the table': `${text}console.log(1);\n`,
      'code in a table row': text.replace(/^( {2}\w+: '[^']*';)$/m, "$1 }>; console.log(1); type X = { a: 'b';"),
      'code after a doc comment ends': text.replace(/^\/\*\* (.*) \*\/$/m, '/** $1 */ console.log(1); /** x */'),
      'a comment line ended by U+2028': text.replace(/^(\/\/ Contract of)/m, '// x\u2028console.log(1)\n$1'),
      'Windows line ends': text.replace(/\n/g, '\r\n'),
    };
    expect(generatedSuiteImports(text, file)).toBeDefined();
    for (const [what, variant] of Object.entries(variants)) {
      expect(variant, what).not.toBe(text);
      expect(generatedSuiteImports(variant, file), what).toBeUndefined();
    }
  });
});

describe('the config names the runner', () => {
  it('by the copy, or by the package export that builds from mocks/contract/runner.ts (--runtime package)', () => {
    const config = (runtime: 'copy' | 'package') => emitContractIndexes(runtime).find((f) => f.path === 'contract/vitest.config.ts')!.content;
    expect(config('copy')).toContain("runner: './contract-runtime/runner.js',");
    expect(config('package')).toContain("runner: 'stackql-docgen/contract/runner.js',");
    const manifest = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { exports: Record<string, { default: string }> };
    expect(manifest.exports['./contract/*.js']?.default).toBe('./dist/mocks/contract/*.js');
    expect(existsSync(resolve('mocks/contract/runner.ts'))).toBe(true);
  });
});

describe('the generated config runs suites through the runner', () => {
  let dir: string;
  let run: ContractRun;

  beforeAll(async () => {
    dir = scratchDir('runner');
    writeOutput(dir, model);
    // A suite edited by hand: its own test must run too (vitest imports it, transformed).
    const edited = join(dir, 'contract/confluent/iam/invitations.test.ts');
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nimport { it } from 'vitest';\nit('a test added by hand', () => {});\n`);
    // vite's debug log names each module its main process transforms: the runner's point is that a suite as generated is not one.
    run = await runContracts(dir, { files: ['contract/confluent/iam/invitations.test.ts', 'contract/google/cloudidentity/userinvitations.test.ts'], env: { DEBUG: 'vite:transform' } });
  }, 300_000);

  afterAll(() => removeDir(dir));

  it('names the runner in the config, and the runner copy is where it says', () => {
    const config = readFileSync(join(dir, 'contract/vitest.config.ts'), 'utf8');
    expect(config).toContain("runner: './contract-runtime/runner.js',");
    expect(readFileSync(resolve(dir, 'contract-runtime/runner.js'), 'utf8')).toContain('ContractSuiteRunner as default');
  });

  it('runs the generated suite and the edited one, its added test included', () => {
    expect(run.code, run.output).toBe(0);
    const titles = (id: string) => run.tests.filter((t) => t.fullName.includes(`contract: ${id} `)).map((t) => t.title);
    expect(titles('google.cloudidentity.userinvitations').length).toBeGreaterThan(3);
    expect(titles('confluent.iam.invitations').length).toBeGreaterThan(3);
    expect(run.tests.some((t) => t.title === 'a test added by hand' && t.status === 'passed')).toBe(true);
  });

  it('runs the generated suite without a transform in the main process, and transforms the edited one', () => {
    // vite colours the log whenever CI is set (picocolors), so it is read without its escapes.
    const log = stripVTControlCharacters(run.output);
    const transformed = (path: string) => new RegExp(`vite:transform [\\d.]+ms \\S*/${path.replaceAll('.', '\\.')}( |$)`, 'm').test(log);
    expect(transformed('contract/harness.ts'), log).toBe(true);
    expect(transformed('contract/confluent/iam/invitations.test.ts')).toBe(true);
    expect(transformed('contract/google/cloudidentity/userinvitations.test.ts')).toBe(false);
  });
});
