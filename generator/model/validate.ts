/** The model against its JSON Schema (model.schema.json, shipped for other tools to use too). */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Model, Resource } from '../core/model.ts';

// Found from model/ and from any folder beside it: the worker bundle (worker/page-worker.js) holds this module.
const schema = JSON.parse(readFileSync(new URL('../model/model.schema.json', import.meta.url), 'utf8'));
// discriminator: the expression and statement unions are told apart by their tag, not tried one by one.
const ajv = new Ajv({ allErrors: false, strict: false, discriminator: true });
ajv.addSchema(schema);
const validateWhole = ajv.getSchema(schema.$id) as ValidateFunction;
const validateOne = ajv.getSchema(`${schema.$id}#/definitions/resource`) as ValidateFunction;

function problemsOf(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Problems as readable lines; [] when the model is valid. */
export function validateModel(model: Model | unknown): string[] {
  return problemsOf(validateWhole, model);
}

export function validateResource(resource: Resource | unknown): string[] {
  return problemsOf(validateOne, resource);
}
