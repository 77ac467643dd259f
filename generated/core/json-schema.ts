/**
 * Type references as JSON Schema (draft-07): what the row validators compile (with ajv, at run time,
 * on first use: mocks/contract/row-check.ts) and what other tools can read. Formats the docs use are annotations in JSON Schema and
 * Google's are not standard, so the ones with a fixed text form are also written as a `pattern`:
 * a validator then checks them without a format library.
 */
import type { TypeRef } from './types.js';

export interface JsonSchema {
  type?: string | readonly string[];
  format?: string;
  enum?: readonly unknown[];
  pattern?: string;
  items?: JsonSchema;
  properties?: { [name: string]: JsonSchema };
  additionalProperties?: boolean;
  description?: string;
}

/** Text forms of the formats the docs use; a format not listed is only an annotation. */
export const FORMAT_PATTERNS: Readonly<Record<string, string>> = {
  int64: '^-?[0-9]+$',
  int32: '^-?[0-9]+$',
  uint64: '^[0-9]+$',
  uint32: '^[0-9]+$',
  'date-time': '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?$',
  'google-datetime': '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:?[0-9]{2})?$',
  date: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  byte: '^[A-Za-z0-9+/_-]*={0,2}$',
  uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  'google-duration': '^-?[0-9]+(\\.[0-9]+)?s$',
};

/**
 * How ajv reads these schemas, the one definition used wherever one is compiled or checked (the
 * generated validators' runtime, the generator's meta-schema check, the agreement test).
 * Formats are annotations: the ones with a text form are also patterns (above), so no format
 * library is needed. Own properties only: a row without a `constructor` field must not be checked
 * against Object's. The first error only: the runtime (mocks/contract/validate.ts) checks again
 * without a column it found wrong, so messages come one per column either way. `strict: false`:
 * the docs' own keywords (`format: google-duration`) are not ajv's to refuse.
 */
export const ROW_CHECK_OPTIONS = {
  allErrors: false,
  strict: false,
  validateFormats: false,
  unicodeRegExp: true,
  ownProperties: true,
} as const;

export interface SchemaOptions {
  /** Also allow null (a top-level column: the docs never say which are nullable). */
  nullable?: boolean;
}

/** One type as JSON Schema. Object properties are all optional: rows and manifests leave members out. */
export function toJsonSchema(type: TypeRef, options: SchemaOptions = {}): JsonSchema {
  const schema = bare(type);
  if (!options.nullable || type.kind === 'unknown') return schema;
  const types = [...[schema.type ?? []].flat(), 'null'];
  if (schema.enum) return { ...schema, type: types, enum: [...schema.enum, null] };
  return { ...schema, type: types };
}

function bare(type: TypeRef): JsonSchema {
  switch (type.kind) {
    case 'string': {
      const s: JsonSchema = { type: 'string' };
      if (type.format) s.format = type.format;
      if (type.enum) s.enum = type.enum;
      // A documented pattern wins over the format's: both are text forms, and the docs' is narrower.
      const pattern = type.pattern ?? (type.format ? FORMAT_PATTERNS[type.format] : undefined);
      if (pattern !== undefined && !type.enum) s.pattern = pattern;
      return s;
    }
    case 'integer':
    case 'number': {
      const s: JsonSchema = { type: type.kind };
      if (type.format) s.format = type.format;
      if (type.enum) s.enum = type.enum;
      return s;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return type.items.kind === 'unknown' ? { type: 'array' } : { type: 'array', items: bare(type.items) };
    case 'object': {
      const s: JsonSchema = { type: 'object' };
      if (type.properties.length > 0) {
        const properties: { [name: string]: JsonSchema } = {};
        for (const p of type.properties) setOwn(properties, p.name, bare(p.type));
        s.properties = properties;
      }
      if (!type.open) s.additionalProperties = false;
      return s;
    }
    case 'unknown':
      return {};
  }
}

/** A row of columns as one object schema: every column optional and nullable, others allowed (the caller decides). */
export function rowSchema(columns: ReadonlyArray<{ name: string; type: TypeRef }>): JsonSchema {
  const properties: { [name: string]: JsonSchema } = {};
  for (const c of columns) if (!Object.prototype.hasOwnProperty.call(properties, c.name)) setOwn(properties, c.name, toJsonSchema(c.type, { nullable: true }));
  return { type: 'object', properties };
}

/** `target[name] = value`, for any name (`__proto__` included: field names are the docs'). */
function setOwn(target: { [name: string]: JsonSchema }, name: string, value: JsonSchema): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
