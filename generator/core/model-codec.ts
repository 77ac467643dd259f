/**
 * model.json's stored form, and the one decoder every reader of it uses (generator/read-model.ts,
 * the pool's workers, build-model's views, the mocks' byte-range reader mocks/engine/model-index.ts,
 * the mock server's --model, the benchmarks). The in-memory Model (model.ts) is unchanged: this
 * only decides what model.json spells out. A provider's model is tens of MB, and most of it used to
 * be what every reader could work out again: types that are unknown, types the generator resolved
 * from facts stored beside them, defaults, lines that follow the lines before them.
 *
 * The stored form is the Model with these omissions (each restored by decodeResource; the encoder
 * omits a value only when decoding gives it back exactly, so the rules are safe by construction):
 *
 *   typeRef (field, param)       omitted when it is the type the generator resolves from what the
 *                                field itself stores (typeOfWord of type/format/enum/pattern, the
 *                                nested fields, the same-named manifest body property: core/types.ts
 *                                nestedType, refineWithManifest); a param known only by name
 *                                (origin 'methods'): the same-named field's scalar type, else unknown
 *   typeRef (manifest body prop) omitted when it is manifestType(node); `null` when the node has none
 *   value (manifest leaf)        omitted when it is the template of the node's own name, `{{ name }}`;
 *                                `null` when a leaf has none
 *   inside a stored typeRef      a property's `type` omitted when unknown; `items` omitted when
 *                                unknown; an object's `open` omitted when true
 *   description (field)          omitted when it is the same-named manifest body property's description
 *                                without its backticks (top-level fields; the docs' fields table is
 *                                written from it), else when ''
 *   description (param)          omitted when ''
 *   rawType (field, param)       omitted when it equals `type`
 *   origin (param)               omitted when 'table'
 *   rawVerb (method)             omitted when it equals `verb`
 *   requiredParamsResolved       omitted when every required param resolves to 'param'
 *   fieldSet fields / label      omitted when every field of the resource (its names, in order) / the method
 *   example variant              omitted when it equals `method`; `null` when an example with a method has none
 *   line (in a list)             omitted when it continues the step of the two items before it
 *                                (line = 2 * previous - the one before): fields (each children list),
 *                                params, methods, and a manifest's nodes in document order
 *
 * Why not shorter keys or a binary form: model.json stays the plain JSON a user opens and reads,
 * with the model's own names; only what can be worked out is left out. The types are re-derived
 * with the generator's own functions (core/types.ts), which the output folder ships beside this file
 * (generated/core/), so a reader always decodes with the code that wrote it; a change to those
 * functions changes what `generate` writes, and model.json is rewritten with them. With
 * `runtime: 'package'` the reader is the installed version, so model.json carries its writer's
 * stamp (writer.ts) and a reader of another version refuses it.
 */
import type { Example, Field, FieldSet, ManifestNode, Method, Model, Param, Resource } from './model.ts';
import { assertModelVersion } from './model.ts';
import { findByName, manifestProps } from './names.ts';
import { assertWriter } from './writer.ts';
import { manifestType, nestedType, refineWithShape, typeOfWord, unknownType, type TypeRef, type WordFacts } from './types.ts';

/** A JSON object as stored (model.json) or as read by JSON.parse. */
type Json = Record<string, unknown>;

// --- the whole model ----------------------------------------------------------------------------

/**
 * A model read from model.json (JSON.parse of its text) as the in-memory Model: its version checked
 * (assertModelVersion), its resources decoded in place.
 */
export function decodeModel(stored: unknown, source = 'the model'): Model {
  if (typeof stored !== 'object' || stored === null || !Array.isArray((stored as Json)['resources'])) {
    throw new Error(`${source} is not a model (no "resources" array)`);
  }
  assertModelVersion(stored as { version?: unknown }, source);
  assertWriter((stored as Json)['writer'], source);
  // The stamp says how to read the file; the in-memory Model does not carry it (model-text.ts writes it again).
  delete (stored as Json)['writer'];
  const model = stored as unknown as Model;
  for (const r of model.resources) decodeResource(r);
  return model;
}

/** model.json's text as the in-memory Model. */
export function parseModel(text: string, source = 'the model'): Model {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source} is not JSON: ${(e as Error).message}`);
  }
  return decodeModel(parsed, source);
}

// --- one resource --------------------------------------------------------------------------------

/** A resource as model.json stores it: a new object (the resource is not changed). */
export function encodeResource(r: Resource): Json {
  const out: Json = { ...r };
  const fieldNames = r.fields.map((f) => f.name);
  const body = new Body(r.manifest);
  if (r.manifest !== undefined) out['manifest'] = encodeManifest(r.manifest, body);
  out['fields'] = encodeFields(r.fields, body);
  out['params'] = encodeLines(r.params.map((p) => encodeParam(p, r.fields)), r.params);
  out['methods'] = encodeLines(r.methods.map(encodeMethod), r.methods);
  out['fieldSets'] = r.fieldSets.map((s) => encodeFieldSet(s, fieldNames));
  out['examples'] = r.examples.map(encodeExample);
  return out;
}

/**
 * A stored resource (from JSON.parse) as the in-memory Resource: decoded in place, and returned.
 * The order matters: the manifest first (fields' types read it), a field's children before it,
 * fields before params.
 */
export function decodeResource(stored: unknown): Resource {
  const r = stored as Resource;
  if (typeof r !== 'object' || r === null || !Array.isArray(r.fields)) return r;
  const body = new Body(r.manifest);
  if (r.manifest !== undefined) decodeManifest(r.manifest, body);
  decodeFields(r.fields, body);
  decodeLines(r.params);
  for (const p of r.params) decodeParam(p, r.fields);
  decodeLines(r.methods);
  for (const m of r.methods) decodeMethod(m);
  for (const s of r.fieldSets) decodeFieldSet(s, r.fields);
  for (const e of r.examples) decodeExample(e);
  return r;
}

// --- fields and params ---------------------------------------------------------------------------

/**
 * A resource's manifest body properties (names.ts manifestProps), with each one's manifestType
 * worked out once: a field's type and the property's own typeRef both need it.
 */
class Body {
  readonly props: readonly ManifestNode[];
  private readonly shapes = new Map<ManifestNode, TypeRef>();

  constructor(manifest: readonly ManifestNode[] | undefined) {
    this.props = manifestProps(manifest);
  }

  find(name: string): ManifestNode | undefined {
    return findByName(this.props, name);
  }

  /** manifestType(node), a new object each call (the field and the property do not share one). */
  shape(node: ManifestNode): TypeRef {
    let shape = this.shapes.get(node);
    if (shape === undefined) this.shapes.set(node, (shape = manifestType(node)));
    return cloneType(shape);
  }
}

/** The type the generator resolves for a field from what it stores (extract/datatype.ts resolvePageTypes). */
function fieldTypeOf(f: Field, body: Body | undefined): TypeRef {
  const nested = nestedType({ ...f, typeRef: typeOfWord(f.type, wordFacts(f)) });
  const node = body?.find(f.name);
  return node === undefined ? nested : refineWithShape(nested, body!.shape(node));
}

/** The facts a row stores beside its word, as its type was resolved from them (extract/datatype.ts rowType). */
function wordFacts(row: Pick<Field, 'format' | 'enum' | 'pattern'>): WordFacts {
  const facts: WordFacts = {};
  if (row.format !== undefined) facts.format = row.format;
  if (row.enum !== undefined) facts.enum = row.enum;
  if (row.pattern !== undefined) facts.pattern = row.pattern;
  return facts;
}

/** The type of a param: its table row's word, or (known only by name) the same-named field's scalar type. */
function paramTypeOf(p: Param, fields: readonly Field[]): TypeRef {
  if (p.origin !== 'methods') return typeOfWord(p.type, wordFacts(p));
  const t = findByName(fields, p.name)?.typeRef;
  return t && (t.kind === 'string' || t.kind === 'integer' || t.kind === 'number' || t.kind === 'boolean') ? t : unknownType();
}

/** A field's description as the same-named manifest body property gives it (backticks aside), else ''. */
function fieldDescriptionOf(f: Field, body: Body | undefined): string {
  const described = body?.find(f.name)?.description;
  return described === undefined ? '' : described.replace(/`/g, '');
}

/** Top-level fields are refined by the manifest's body properties; nested ones (`body` undefined) are not. */
function encodeFields(fields: readonly Field[], body: Body | undefined): Json[] {
  return encodeLines(
    fields.map((f) => {
      const out: Json = { ...f };
      if (f.children !== undefined) out['children'] = encodeFields(f.children, undefined);
      if (sameJson(f.typeRef, fieldTypeOf(f, body))) delete out['typeRef'];
      else out['typeRef'] = encodeType(f.typeRef);
      if (f.description === fieldDescriptionOf(f, body)) delete out['description'];
      if (f.rawType === f.type) delete out['rawType'];
      return out;
    }),
    fields,
  );
}

function decodeFields(fields: Field[], body: Body | undefined): void {
  decodeLines(fields);
  for (const f of fields) {
    if (f.children !== undefined) decodeFields(f.children, undefined);
    const o = f as unknown as Json;
    if (!has(o, 'description')) f.description = fieldDescriptionOf(f, body);
    if (!has(o, 'rawType')) f.rawType = f.type;
    f.typeRef = has(o, 'typeRef') ? decodeType(o['typeRef']) : fieldTypeOf(f, body);
  }
}

function encodeParam(p: Param, fields: readonly Field[]): Json {
  const out: Json = { ...p };
  if (sameJson(p.typeRef, paramTypeOf(p, fields))) delete out['typeRef'];
  else out['typeRef'] = encodeType(p.typeRef);
  if (p.description === '') delete out['description'];
  if (p.rawType === p.type) delete out['rawType'];
  if (p.origin === 'table') delete out['origin'];
  return out;
}

function decodeParam(p: Param, fields: readonly Field[]): void {
  const o = p as unknown as Json;
  if (!has(o, 'description')) p.description = '';
  if (!has(o, 'rawType')) p.rawType = p.type;
  if (!has(o, 'origin')) p.origin = 'table';
  p.typeRef = has(o, 'typeRef') ? decodeType(o['typeRef']) : paramTypeOf(p, fields);
}

// --- methods, field sets, examples ---------------------------------------------------------------

function encodeMethod(m: Method): Json {
  const out: Json = { ...m };
  if (m.rawVerb === m.verb) delete out['rawVerb'];
  if (m.requiredParamsResolved.length === m.requiredParams.length && m.requiredParamsResolved.every((x) => x === 'param')) delete out['requiredParamsResolved'];
  return out;
}

function decodeMethod(m: Method): void {
  const o = m as unknown as Json;
  if (!has(o, 'rawVerb')) m.rawVerb = m.verb;
  if (!has(o, 'requiredParamsResolved')) m.requiredParamsResolved = m.requiredParams.map(() => 'param');
}

function encodeFieldSet(s: FieldSet, fieldNames: readonly string[]): Json {
  const out: Json = { ...s };
  if (s.label === s.method) delete out['label'];
  if (s.fields.length === fieldNames.length && s.fields.every((name, k) => name === fieldNames[k])) delete out['fields'];
  return out;
}

function decodeFieldSet(s: FieldSet, fields: readonly Field[]): void {
  const o = s as unknown as Json;
  if (!has(o, 'label')) s.label = s.method;
  if (!has(o, 'fields')) s.fields = fields.map((f) => f.name);
}

function encodeExample(e: Example): Json {
  const out: Json = { ...e };
  if (e.method !== undefined) {
    if (e.variant === e.method) delete out['variant'];
    else if (e.variant === undefined) out['variant'] = null;
  }
  return out;
}

function decodeExample(e: Example): void {
  const o = e as unknown as Json;
  if (o['variant'] === null) delete o['variant'];
  else if (!has(o, 'variant') && e.method !== undefined) e.variant = e.method;
}

// --- the manifest --------------------------------------------------------------------------------

/** The tree, lines continued in document order; the body properties' types when manifestType gives them. */
function encodeManifest(nodes: readonly ManifestNode[], body: Body): Json[] {
  const isBody = new Set(body.props);
  const order: Array<{ line: number }> = [];
  const stored: Json[] = [];
  const walk = (list: readonly ManifestNode[]): Json[] =>
    list.map((node) => {
      const out: Json = { ...node };
      order.push(node);
      stored.push(out);
      if (node.props !== undefined) out['props'] = walk(node.props);
      else if (node.value === undefined) out['value'] = null;
      else if (node.value === selfTemplate(node)) delete out['value'];
      if (isBody.has(node)) {
        if (node.typeRef === undefined) out['typeRef'] = null;
        else if (sameJson(node.typeRef, body.shape(node))) delete out['typeRef'];
        else out['typeRef'] = encodeType(node.typeRef);
      } else if (node.typeRef !== undefined) out['typeRef'] = encodeType(node.typeRef);
      return out;
    });
  const tree = walk(nodes);
  encodeLines(stored, order);
  return tree;
}

/** Values first: a body property's type is read from its members' values. */
function decodeManifest(nodes: ManifestNode[], body: Body): void {
  const order: ManifestNode[] = [];
  const walk = (list: ManifestNode[]) => {
    for (const node of list) {
      order.push(node);
      if (node.props !== undefined) walk(node.props);
    }
  };
  walk(nodes);
  decodeLines(order);
  const isBody = new Set(body.props);
  for (const node of order) {
    const o = node as unknown as Json;
    if (node.props !== undefined) {
      // A node with members has no value of its own.
    } else if (o['value'] === null) delete o['value'];
    else if (!has(o, 'value')) node.value = selfTemplate(node);
  }
  for (const node of order) {
    const o = node as unknown as Json;
    if (o['typeRef'] === null) delete o['typeRef'];
    else if (has(o, 'typeRef')) node.typeRef = decodeType(o['typeRef']);
    else if (isBody.has(node)) node.typeRef = body.shape(node);
  }
}

/** The value a manifest leaf most often has: the template of its own name. */
const selfTemplate = (node: { name: string }): string => `{{ ${node.name} }}`;

// --- lines ---------------------------------------------------------------------------------------

/** `stored[k]` without its line when items k-2, k-1, k are evenly spaced (the given items' lines). */
function encodeLines<T extends Json>(stored: T[], items: ReadonlyArray<{ line: number }>): T[] {
  for (let k = 2; k < items.length; k++) {
    if (items[k]!.line === 2 * items[k - 1]!.line - items[k - 2]!.line) delete stored[k]!['line'];
  }
  return stored;
}

function decodeLines(items: ReadonlyArray<{ line: number }>): void {
  for (let k = 2; k < items.length; k++) {
    const item = items[k]!;
    if (!has(item as unknown as Json, 'line')) item.line = 2 * items[k - 1]!.line - items[k - 2]!.line;
  }
}

// --- types ---------------------------------------------------------------------------------------

/** A TypeRef as stored: unknown property types and items left out, `open` only when false. */
export function encodeType(t: TypeRef): Json {
  switch (t.kind) {
    case 'object': {
      const out: Json = {
        ...t,
        properties: t.properties.map((p) => {
          const q: Json = { ...p };
          if (p.type.kind === 'unknown') delete q['type'];
          else q['type'] = encodeType(p.type);
          return q;
        }),
      };
      if (t.open) delete out['open'];
      return out;
    }
    case 'array': {
      const out: Json = { ...t };
      if (t.items.kind === 'unknown') delete out['items'];
      else out['items'] = encodeType(t.items);
      return out;
    }
    default:
      return t as unknown as Json;
  }
}

/** A copy of a type, no object shared with it. */
function cloneType(t: TypeRef): TypeRef {
  switch (t.kind) {
    case 'object':
      return { ...t, properties: t.properties.map((p) => ({ ...p, type: cloneType(p.type) })) };
    case 'array':
      return { ...t, items: cloneType(t.items) };
    case 'string':
      return t.enum ? { ...t, enum: [...t.enum] } : { ...t };
    case 'integer':
    case 'number':
      return t.enum ? { ...t, enum: [...t.enum] } : { ...t };
    default:
      return { ...t };
  }
}

/** A stored TypeRef back (in place). */
export function decodeType(stored: unknown): TypeRef {
  const t = stored as TypeRef;
  if (t.kind === 'object') {
    const o = t as unknown as Json;
    if (!has(o, 'open')) t.open = true;
    for (const p of t.properties) p.type = has(p as unknown as Json, 'type') ? decodeType(p.type) : unknownType();
  } else if (t.kind === 'array') {
    t.items = has(t as unknown as Json, 'items') ? decodeType(t.items) : unknownType();
  }
  return t;
}

// --- helpers -------------------------------------------------------------------------------------

const has = (o: Json, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key) && o[key] !== undefined;

/** Equal as JSON: key order aside, keys whose value is undefined as absent (JSON.stringify drops them). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, k) => sameJson(x, bs[k]));
  }
  const ao = a as Json;
  const bo = b as Json;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => has(bo, k) && sameJson(ao[k], bo[k]));
}
