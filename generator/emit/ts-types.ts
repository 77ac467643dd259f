/**
 * Model types → TypeScript types. A tiny type tree (TsType) built from fields, parameters and
 * manifest nodes, and a printer that writes it with the indentation of the line it lands on.
 *
 * The mapping (design: issue 3):
 *  - `string` with any format (`int64`, `byte`, `google-datetime`, …) and `text` → string;
 *  - `integer` / `number` (and their formats) → number; `boolean` → boolean;
 *  - a trailing `(A, B, C)` enum → a union of literals (up to MAX_ENUM members);
 *  - `object` → the shape of its nested fields or manifest node, else Record<string, unknown>;
 *  - `array` → the element shape when the manifest gives one (`[0]`), else unknown[];
 *  - anything else (`any`, empty, unknown words) → unknown.
 */
import type { Field, ManifestNode, Param, Resource } from '../core/model.ts';
import { docText, jsdoc, propertyKey, tsString } from './names.ts';

export type TsType =
  | { kind: 'ref'; text: string }
  | { kind: 'array'; element: TsType }
  /** `open`: also `[key: string]: unknown` (manifest shapes are examples: a `labels` map shows two keys). */
  | { kind: 'object'; props: TsProp[]; open?: boolean }
  | { kind: 'nullable'; type: TsType };

export interface TsProp {
  name: string;
  type: TsType;
  optional: boolean;
  doc?: string;
}

export const ref = (text: string): TsType => ({ kind: 'ref', text });
export const UNKNOWN = ref('unknown');
export const STRING = ref('string');
export const NUMBER = ref('number');
export const BOOLEAN = ref('boolean');
export const RECORD = ref('Record<string, unknown>');
export const UNKNOWN_ARRAY = ref('unknown[]');
/** A parameter whose type the docs do not give. */
export const SCALAR = ref('string | number | boolean');

const MAX_ENUM = 64;
/** Nested shapes deeper than this become Record<string, unknown>: deep manifests add bytes, not safety. */
const MAX_DEPTH = 4;

function scalarWord(word: string): TsType | undefined {
  switch (word.trim().toLowerCase()) {
    case 'string':
    case 'text':
    case 'str':
    case 'date':
    case 'datetime':
    case 'timestamp':
      return STRING;
    case 'integer':
    case 'int':
    case 'number':
    case 'float':
    case 'double':
    case 'long':
      return NUMBER;
    case 'boolean':
    case 'bool':
      return BOOLEAN;
    case 'object':
    case 'map':
      return RECORD;
    case 'array':
    case 'list':
      return UNKNOWN_ARRAY;
    default:
      return undefined;
  }
}

function enumType(values: readonly string[], base: TsType): TsType | undefined {
  const unique = [...new Set(values)];
  if (unique.length === 0 || unique.length > MAX_ENUM) return undefined;
  if (base === NUMBER && unique.every((v) => /^-?\d+(\.\d+)?$/.test(v))) return ref(unique.join(' | '));
  if (base === STRING) return ref(unique.map(tsString).join(' | '));
  return undefined;
}

/** A resource's manifest properties: the props of its (usually single) root. */
export function manifestProps(resource: Resource): ManifestNode[] {
  const roots = resource.manifest ?? [];
  if (roots.length === 1 && roots[0].props) return roots[0].props;
  return roots.flatMap((root) => root.props ?? [root]);
}

const loose = (name: string): string => name.replace(/^data__/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();

/**
 * Finds a named item: exactly, then ignoring case and separators (AWS pages write fields as
 * `security_groups` and INSERT columns as `SecurityGroups`).
 */
export function findByName<T extends { name: string }>(items: readonly T[] | undefined, name: string): T | undefined {
  if (!items) return undefined;
  const exact = items.find((item) => item.name === name);
  if (exact) return exact;
  const key = loose(name);
  if (key === '') return undefined;
  const matches = items.filter((item) => loose(item.name) === key);
  return matches.length === 1 ? matches[0] : undefined;
}

const isIndexName = (name: string): boolean => /^\[\d+\]$/.test(name);

/** A manifest leaf's value: a type word, an example literal, or a Jinja template. */
function manifestLeaf(node: ManifestNode): TsType {
  if (node.validValues && node.validValues.length > 0) return enumType(node.validValues, STRING) ?? STRING;
  const value = node.value;
  if (value === undefined) return UNKNOWN;
  const template = /^\{\{\s*(.*?)\s*\}\}$/.exec(value.trim());
  const text = template ? template[1] : value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return NUMBER;
  if (/^(true|false)$/i.test(text)) return BOOLEAN;
  if (template) return UNKNOWN;
  if (text === '[]') return UNKNOWN_ARRAY;
  if (text === '{}') return RECORD;
  if (text === '' || text === 'null' || /^any$/i.test(text)) return UNKNOWN;
  // A type word, else an example value, whose type is string.
  return scalarWord(text) ?? STRING;
}

export function manifestType(node: ManifestNode, depth = 0): TsType {
  if (!node.props) return manifestLeaf(node);
  if (node.props.length === 0) return RECORD;
  if (depth >= MAX_DEPTH) return node.props.every((p) => isIndexName(p.name)) ? UNKNOWN_ARRAY : RECORD;
  if (node.props.every((p) => isIndexName(p.name))) return { kind: 'array', element: manifestType(node.props[0], depth + 1) };
  const props: TsProp[] = [];
  const seen = new Set<string>();
  for (const p of node.props) {
    if (isIndexName(p.name) || seen.has(p.name)) continue;
    seen.add(p.name);
    props.push({ name: p.name, type: manifestType(p, depth + 1), optional: true, doc: docText(p.description, 160) || undefined });
  }
  return props.length > 0 ? { kind: 'object', props, open: true } : RECORD;
}

/** A field's type; `node` is the manifest property of the same name, when there is one. */
export function fieldType(field: Field, node?: ManifestNode, depth = 0): TsType {
  const base = (field.type ?? '').toLowerCase();
  switch (base) {
    case 'string':
    case 'text':
      return (field.enum && enumType(field.enum, STRING)) ?? STRING;
    case 'integer':
    case 'number':
      return (field.enum && enumType(field.enum, NUMBER)) ?? NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'object': {
      if (field.children && field.children.length > 0 && depth < MAX_DEPTH) {
        return {
          kind: 'object',
          props: field.children.map((child) => ({
            name: child.name,
            type: fieldType(child, findByName(node?.props, child.name), depth + 1),
            optional: true,
            doc: docText(child.description, 160) || undefined,
          })),
        };
      }
      const shape = node?.props ? manifestType(node, depth) : undefined;
      return shape && shape.kind === 'object' ? shape : RECORD;
    }
    case 'array': {
      const shape = node?.props ? manifestType(node, depth) : undefined;
      return shape && shape.kind === 'array' ? shape : UNKNOWN_ARRAY;
    }
    default:
      return UNKNOWN;
  }
}

/** A parameter's type. Parameters the page names but does not describe take any scalar. */
export function paramType(param: Param | undefined): TsType {
  if (!param || param.rawType === '') return SCALAR;
  switch (param.type.toLowerCase()) {
    case 'string':
    case 'text':
      return STRING;
    case 'integer':
    case 'number':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'array':
      return UNKNOWN_ARRAY;
    case 'object':
      return RECORD;
    default:
      return SCALAR;
  }
}

/** The type of a sample JSON value from a docs' `@@json` template (placeholders already marked). */
export function jsonSampleType(value: unknown, placeholderType: (marker: string) => TsType | undefined, depth = 0): TsType {
  if (typeof value === 'string') return placeholderType(value) ?? STRING;
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'boolean') return BOOLEAN;
  if (Array.isArray(value)) {
    return value.length > 0 && depth < MAX_DEPTH ? { kind: 'array', element: jsonSampleType(value[0], placeholderType, depth + 1) } : UNKNOWN_ARRAY;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 || depth >= MAX_DEPTH) return RECORD;
    const props = entries.map(([name, v]) => ({ name, type: jsonSampleType(v, placeholderType, depth + 1), optional: true }));
    return { kind: 'object', props, open: true };
  }
  return UNKNOWN;
}

export const nullable = (type: TsType): TsType => (type.kind === 'ref' && type.text === 'unknown' ? type : { kind: 'nullable', type });

function isSimple(type: TsType): boolean {
  return type.kind === 'ref' || (type.kind === 'array' && isSimple(type.element)) || (type.kind === 'nullable' && isSimple(type.type));
}

/**
 * The type as TypeScript text; `indent` is the indentation of the line it starts on. Small object
 * types stay on one line when they fit in `inlineWidth` characters.
 */
export function printType(type: TsType, indent = '', inlineWidth = 80): string {
  switch (type.kind) {
    case 'ref':
      return type.text;
    case 'nullable':
      return `${printType(type.type, indent, inlineWidth)} | null`;
    case 'array': {
      const element = printType(type.element, indent, inlineWidth - 7);
      return isSimple(type.element) && !element.includes('|') ? `${element}[]` : `Array<${element}>`;
    }
    case 'object': {
      const inline = type.props.length <= 4 && type.props.every((p) => isSimple(p.type) && !p.doc);
      const members = type.props.map((p) => `${propertyKey(p.name)}${p.optional ? '?' : ''}: ${printType(p.type)}`);
      if (type.open) members.push('[key: string]: unknown');
      if (inline) {
        const text = `{ ${members.join('; ')} }`;
        if (text.length <= inlineWidth) return text;
      }
      const inner = `${indent}  `;
      return `{\n${printProps(type.props, inner)}${type.open ? `${inner}[key: string]: unknown;\n` : ''}${indent}}`;
    }
  }
}

/** Interface members, one per line (with their JSDoc), each ending in `;\n`. */
export function printProps(props: readonly TsProp[], indent: string): string {
  let out = '';
  for (const p of props) {
    if (p.doc) out += jsdoc(p.doc, indent);
    out += `${indent}${propertyKey(p.name)}${p.optional ? '?' : ''}: ${printType(p.type, indent)};\n`;
  }
  return out;
}
