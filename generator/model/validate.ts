/** The model against its JSON Schema (model.schema.json, shipped for other tools to use too). */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { Model } from './types.ts';

const schema = JSON.parse(readFileSync(new URL('./model.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);

/** Problems as readable lines; [] when the model is valid. */
export function validateModel(model: Model | unknown): string[] {
  if (validate(model)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
