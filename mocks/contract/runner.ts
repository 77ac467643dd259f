/**
 * The contract suites' vitest runner (`test.runner` of the generated contract/vitest.config.ts):
 * vitest's own, except that a suite file that is exactly what `generate` writes
 * (generator/templates/contract-suite.hbs) is not handed to vite. Such a file does one thing at run
 * time, `contractSuite(resource, rowValidator)` with the client and validator it imports (plain
 * JavaScript, which vitest imports untransformed anyway: vitest-deps.ts) and the harness; the rest
 * is types (the `Refuses` table), which a transform only erases. So the runner imports those three
 * modules and makes that call itself: vitest's main process neither transforms nor caches the
 * suites, and a worker asks it for nothing per suite but what vitest's runner always asks. On
 * google's 2,170 suites the transforms were most of the main process's work on a first run, while
 * the two workers wanted the same two cores (bench/RESULTS.md, lean-output).
 *
 * A file that differs in any way (edited by hand, another template) is imported as vitest always
 * does: `generatedSuiteImports` reads only the generated shape, line by line, with nothing left
 * over that could run. The harness is imported through vitest (it is TypeScript, and shared by
 * every suite of the worker, so vitest transforms it once), the client and the validator as node
 * imports them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestRunner } from 'vitest';

/** What a generated suite imports: absolute paths of its client, its row validator and the harness. */
export interface GeneratedSuiteImports {
  client: string;
  validator: string;
  harness: string;
}

// A comment that cannot end before its line does: no line terminator of JavaScript's inside.
const LINE_COMMENT = /^\/\/[^\n\r\u2028\u2029]*$/;
const DOC_COMMENT = /^\/\*\*(?:[^*\n\r\u2028\u2029]|\*(?!\/))*\*\/$/;
const STRING = String.raw`'(?:[^'\\\n\r\u2028\u2029]|\\[^\n\r\u2028\u2029])*'`;
const RELATIVE_JS = String.raw`'(\.{1,2}/(?:[^'\\\n\r\u2028\u2029])+\.js)'`;
const CLIENT = new RegExp(String.raw`^import \{ resource(?:, type Methods)? \} from ${RELATIVE_JS};$`);
const VALIDATOR = new RegExp(String.raw`^import \{ rowValidator \} from ${RELATIVE_JS};$`);
const HARNESS = new RegExp(String.raw`^import \{ contractSuite(?:, type Refuses)? \} from ${RELATIVE_JS};$`);
const CALL = 'contractSuite(resource, rowValidator);';
const TABLE_START = 'export type RequiredArguments = Refuses<Methods, {';
const TABLE_ROW = new RegExp(String.raw`^  (?:[A-Za-z_$][\w$]*|${STRING}): ${STRING};$`);
const TABLE_END = '}>;';

/**
 * The imports of a suite whose text is exactly a generated one (`file`: its path), resolved
 * against it; undefined for any other text. Generated: comment lines, the three imports, the call,
 * then optionally a doc comment and the `RequiredArguments` table, one `method: 'argument';` a line.
 */
export function generatedSuiteImports(text: string, file: string): GeneratedSuiteImports | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let at = 0;
  while (at < lines.length && LINE_COMMENT.test(lines[at]!)) at++;
  const client = CLIENT.exec(lines[at++] ?? '');
  const validator = VALIDATOR.exec(lines[at++] ?? '');
  const harness = HARNESS.exec(lines[at++] ?? '');
  if (!client || !validator || !harness || lines[at++] !== '' || lines[at++] !== CALL) return undefined;
  if (at < lines.length) {
    if (lines[at++] !== '' || !DOC_COMMENT.test(lines[at++] ?? '') || lines[at++] !== TABLE_START) return undefined;
    while (at < lines.length && TABLE_ROW.test(lines[at]!)) at++;
    if (lines[at++] !== TABLE_END || at !== lines.length) return undefined;
  }
  const from = (spec: string) => resolve(dirname(file), spec);
  return { client: from(client[1]!), validator: from(validator[1]!), harness: from(harness[1]!) };
}

interface SuiteModules {
  client: { resource?: unknown };
  validator: { rowValidator?: unknown };
  harness: { contractSuite?: (resource: any, rows: any) => void };
}

export default class ContractSuiteRunner extends TestRunner {
  override async importFile(filepath: string, source: Parameters<TestRunner['importFile']>[1]): Promise<unknown> {
    if (source === 'collect') {
      const imports = generatedSuiteImports(await readFile(filepath, 'utf8'), filepath);
      // The harness is emitted as TypeScript (contract/harness.ts, imported as harness.js).
      const harness = imports?.harness.replace(/\.js$/, '.ts');
      if (imports && harness && existsSync(imports.client) && existsSync(imports.validator) && existsSync(harness)) {
        const [client, validator, shared] = (await Promise.all([
          import(pathToFileURL(imports.client).href),
          import(pathToFileURL(imports.validator).href),
          super.importFile(harness, source),
        ])) as [SuiteModules['client'], SuiteModules['validator'], SuiteModules['harness']];
        if (typeof shared.contractSuite !== 'function') throw new Error(`${harness} exports no contractSuite`);
        shared.contractSuite(client.resource, validator.rowValidator);
        return undefined;
      }
    }
    return super.importFile(filepath, source);
  }
}
