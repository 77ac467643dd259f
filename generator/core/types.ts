/**
 * The type reference: what a field, parameter or manifest property holds, resolved once when the
 * page is read and stored in the model beside the raw word (`rawType`). Every consumer (client
 * types, row validators, the mock's fake data and coercion, sample values) reads this and nothing
 * else, so they cannot disagree.
 *
 *   string   format (int64, date-time, uri, ...), enum, pattern   Google's int64 is a string
 *   integer / number   format, enum (numbers)
 *   boolean
 *   object   properties (name, type, description), open: other keys allowed too
 *   array    items
 *   unknown  the docs do not say (empty, `any`, a word we do not know)
 *
 * The constructors below are how a reader makes one, from a Datatype word, a manifest tree or a
 * list of nested fields (a JSON component's rows map onto `objectType`/`arrayType` the same way).
 */

export type TypeRef = StringType | NumericType | BooleanType | ObjectType | ArrayType | UnknownType;

export interface StringType {
  kind: 'string';
  format?: string;
  enum?: string[];
  pattern?: string;
}

export interface NumericType {
  kind: 'integer' | 'number';
  format?: string;
  enum?: number[];
}

export interface BooleanType {
  kind: 'boolean';
}

export interface ObjectType {
  kind: 'object';
  /** In the docs' order; names are unique. */
  properties: PropertyType[];
  /** True: keys beyond `properties` are allowed (maps, and manifests, which show sample keys). */
  open: boolean;
}

export interface PropertyType {
  name: string;
  type: TypeRef;
  description?: string;
}

export interface ArrayType {
  kind: 'array';
  items: TypeRef;
}

export interface UnknownType {
  kind: 'unknown';
}

export const UNKNOWN: UnknownType = Object.freeze({ kind: 'unknown' }) as UnknownType;

/** Nested shapes deeper than this are kept as any object / any array: deep manifests add bytes, not safety. */
export const MAX_TYPE_DEPTH = 5;

export const unknownType = (): UnknownType => ({ kind: 'unknown' });

export function stringType(facts: { format?: string | undefined; enum?: readonly string[] | undefined; pattern?: string | undefined } = {}): StringType {
  const t: StringType = { kind: 'string' };
  if (facts.format) t.format = facts.format;
  if (facts.enum && facts.enum.length > 0) t.enum = [...new Set(facts.enum)];
  if (facts.pattern !== undefined && isUsablePattern(facts.pattern)) t.pattern = facts.pattern;
  return t;
}

export function numericType(kind: 'integer' | 'number', facts: { format?: string | undefined; enum?: readonly string[] | undefined } = {}): NumericType {
  const t: NumericType = { kind };
  if (facts.format) t.format = facts.format;
  const values = facts.enum?.map((v) => v.trim());
  const pattern = kind === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
  if (values && values.length > 0 && values.every((v) => pattern.test(v))) t.enum = [...new Set(values.map(Number))];
  return t;
}

export const booleanType = (): BooleanType => ({ kind: 'boolean' });

/** An object; properties repeated by name keep the first. */
export function objectType(properties: readonly PropertyType[] = [], open = true): ObjectType {
  const seen = new Set<string>();
  const unique: PropertyType[] = [];
  for (const p of properties) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    unique.push(p);
  }
  return { kind: 'object', properties: unique, open };
}

export const arrayType = (items: TypeRef = unknownType()): ArrayType => ({ kind: 'array', items });

/** A pattern a value can be checked against and generated from: valid as a JavaScript regular expression. */
export function isUsablePattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return pattern.trim() !== '';
  } catch {
    return false;
  }
}

// --- the Datatype word ---------------------------------------------------------------------------

const WORDS: Record<string, TypeRef['kind']> = {
  string: 'string', text: 'string', str: 'string', date: 'string', datetime: 'string', timestamp: 'string',
  integer: 'integer', int: 'integer', long: 'integer',
  number: 'number', float: 'number', double: 'number',
  boolean: 'boolean', bool: 'boolean',
  object: 'object', map: 'object', json: 'object',
  array: 'array', list: 'array',
};

/** The format a word implies on its own (`date`, `timestamp`). */
const WORD_FORMATS: Record<string, string> = { date: 'date', datetime: 'date-time', timestamp: 'date-time' };

export interface WordFacts {
  /** The format written beside the word: `string (int64)`. */
  format?: string;
  enum?: readonly string[];
  pattern?: string;
}

/** Whether a (lower-case) base word is one the rule knows; others resolve to unknown. */
export const isKnownWord = (word: string): boolean => Object.prototype.hasOwnProperty.call(WORDS, word.toLowerCase());

/**
 * The rule for a Datatype word (`string`, `integer`, `object`, ...) and the facts the description
 * adds. Unknown words (`any`, '', a provider's own name) are `unknown`.
 */
export function typeOfWord(word: string, facts: WordFacts = {}): TypeRef {
  const base = word.trim().toLowerCase();
  const kind = Object.prototype.hasOwnProperty.call(WORDS, base) ? WORDS[base] : 'unknown';
  const format = facts.format ?? WORD_FORMATS[base];
  switch (kind) {
    case 'string':
      return stringType({ format, enum: facts.enum, pattern: facts.pattern });
    case 'integer':
    case 'number':
      return numericType(kind, { format, enum: facts.enum });
    case 'boolean':
      return booleanType();
    case 'object':
      return objectType([], true);
    case 'array':
      return arrayType();
    default:
      return unknownType();
  }
}

// --- nested fields and manifests ----------------------------------------------------------------

/** The minimum of a nested field a type can be built from (a Field, a component's row). */
export interface NestedField {
  name: string;
  typeRef: TypeRef;
  description?: string;
  children?: NestedField[];
}

/**
 * A field with nested fields: an object of them (closed: the docs list every member), or an
 * array of such objects when the field itself is an array.
 */
export function nestedType(field: NestedField, depth = 0): TypeRef {
  if (!field.children || field.children.length === 0) return field.typeRef;
  if (depth >= MAX_TYPE_DEPTH) return field.typeRef.kind === 'array' ? arrayType() : objectType();
  const shape = objectType(
    field.children.map((c) => property(c.name, nestedType(c, depth + 1), c.description)),
    false,
  );
  return field.typeRef.kind === 'array' ? arrayType(shape) : shape;
}

function property(name: string, type: TypeRef, description?: string): PropertyType {
  const p: PropertyType = { name, type };
  if (description) p.description = description;
  return p;
}

/** What a manifest node is made of (the model's ManifestNode, without what types do not need). */
export interface ManifestShape {
  name: string;
  value?: string;
  description?: string;
  validValues?: string[];
  props?: ManifestShape[];
}

const isIndexName = (name: string): boolean => /^\[\d+\]$/.test(name);

/**
 * A manifest property's type. A manifest is an example: a leaf's value is a type word
 * (`string`), a literal (`10`, `true`, `'us-east1'`), an empty collection (`[]`, `{}`) or a
 * template (`{{ name }}`, which says nothing); mappings are open objects (they show sample keys),
 * lists of `[i]` items arrays of the first item's type.
 */
export function manifestType(node: ManifestShape, depth = 0): TypeRef {
  if (node.props) {
    if (node.props.length === 0) return objectType();
    const indexed = node.props.every((p) => isIndexName(p.name));
    if (depth >= MAX_TYPE_DEPTH) return indexed ? arrayType() : objectType();
    if (indexed) return arrayType(manifestType(node.props[0]!, depth + 1));
    const props = node.props.filter((p) => !isIndexName(p.name)).map((p) => property(p.name, manifestType(p, depth + 1), p.description));
    return objectType(props, true);
  }
  if (node.validValues && node.validValues.length > 0) return stringType({ enum: node.validValues });
  const value = node.value?.trim();
  if (value === undefined) return unknownType();
  const template = /^\{\{\s*(.*?)\s*\}\}$/s.exec(value);
  const text = (template ? template[1]! : value).replace(/^(['"])(.*)\1$/s, '$2').trim();
  if (/^-?\d+$/.test(text)) return numericType('integer');
  if (/^-?\d+\.\d+$/.test(text)) return numericType('number');
  if (/^(true|false)$/i.test(text)) return booleanType();
  if (template) return unknownType();
  if (text === '[]') return arrayType();
  if (text === '{}') return objectType();
  if (text === '' || text === 'null' || /^(any|unknown)$/i.test(text)) return unknownType();
  // A type word, else an example value, which is a string.
  return isKnownWord(text) ? typeOfWord(text) : stringType();
}

/**
 * A field's type refined by the manifest property of the same name: the manifest gives the shape
 * of an object or array the fields table only names, the type of a field the table leaves
 * unknown, and the valid values of a string.
 */
export function refineWithManifest(type: TypeRef, node: ManifestShape | undefined): TypeRef {
  return node ? refineWithShape(type, manifestType(node)) : type;
}

/** refineWithManifest with the property's manifestType already at hand (model-codec.ts has it). */
export function refineWithShape(type: TypeRef, shape: TypeRef): TypeRef {
  switch (type.kind) {
    case 'unknown':
      return shape;
    case 'object':
      return type.properties.length === 0 && shape.kind === 'object' && shape.properties.length > 0 ? shape : type;
    case 'array':
      return type.items.kind === 'unknown' && shape.kind === 'array' ? shape : type;
    case 'string':
      return !type.enum && shape.kind === 'string' && shape.enum ? { ...type, enum: shape.enum } : type;
    default:
      return type;
  }
}

// --- reading a type ------------------------------------------------------------------------------

/** The type at a path of property names (`[]` steps into array items); undefined when there is none. */
export function typeAt(type: TypeRef, path: readonly string[]): TypeRef | undefined {
  let t: TypeRef | undefined = type;
  for (const step of path) {
    if (!t) return undefined;
    if (step === '[]') t = t.kind === 'array' ? t.items : undefined;
    else t = t.kind === 'object' ? t.properties.find((p) => p.name === step)?.type : undefined;
  }
  return t;
}

/** A value of a scalar type from its SQL text (`'10'` → 10 for integers); other values pass through. */
export function coerceToType(type: TypeRef | undefined, value: unknown): unknown {
  const kind = type?.kind ?? 'unknown';
  if (typeof value === 'string') {
    const t = value.trim();
    if (kind === 'integer' || kind === 'number') return t !== '' && Number.isFinite(Number(t)) ? Number(t) : value;
    if (kind === 'boolean') return t === 'true' ? true : t === 'false' ? false : value;
    if ((kind === 'object' || kind === 'array' || kind === 'unknown') && /^[[{]/.test(t)) {
      try {
        return JSON.parse(t);
      } catch {
        return value;
      }
    }
    return value;
  }
  if (kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  if (kind === 'boolean' && typeof value === 'number') return value !== 0;
  return value;
}
