/**
 * Build time only (build-dist.ts; kept out of the worker bundle): the module validate.ts loads from
 * PREBUILT_VALIDATOR instead of compiling the model schema in every isolate.
 */
import { readFileSync } from 'node:fs';
import standalone from 'ajv/dist/standalone/index.js';
import { compileValidators, SCHEMA_URL, validatorKey } from './validate.ts';

/**
 * ajv's standalone code for both validators, CommonJS (exports `whole` and `resource`, requiring
 * only ajv's small runtime helpers, so it must sit where node_modules/ajv resolves), and `key`,
 * validatorKey of the schema it was compiled from.
 */
export function prebuiltValidatorModule(schemaText = readFileSync(SCHEMA_URL, 'utf8')): string {
  const { ajv, ids } = compileValidators(schemaText, true);
  return `${standalone.default(ajv, ids)}\nexports.key = ${JSON.stringify(validatorKey(schemaText))};\n`;
}
