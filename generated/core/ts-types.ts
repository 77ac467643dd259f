/**
 * Type references (core/types.ts) → TypeScript types. A tiny type tree (TsType) and a printer
 * that writes it with the indentation of the line it lands on. The mapping is one-to-one, so the
 * client's types say exactly what the validators (core/json-schema.ts) check:
 *  - string → string, or the union of its enum; integer / number → number, or its enum;
 *    boolean → boolean; formats stay strings (Google's int64 is a string);
 *  - object → its properties (all optional), plus `[key: string]: unknown` when open; an open
 *    object without properties is Record<string, unknown>;
 *  - array → its items; unknown → unknown.
 * A parameter whose type the docs do not give takes any scalar (it is written into SQL).
 */
import type { Field, ManifestNode, Param } from './model.js';
import { MAX_TYPE_DEPTH, type TypeRef } from './types.js';
import { docText, jsdoc, propertyKey, tsString } from './ts-names.js';

export type TsType =
  | { kind: 'ref'; text: string }
  | { kind: 'array'; element: TsType }
  /** `open`: also `[key: string]: unknown`. */
  | { kind: 'object'; props: TsProp[]; open?: boolean }
  | { kind: 'nullable'; type: TsType };

export interface TsProp {
  name: string;
  type: TsType;
  optional: boolean;
  doc?: string | undefined;
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

/** The TypeScript type of a type reference. */
export function tsType(type: TypeRef): TsType {
  switch (type.kind) {
    case 'string':
      return type.enum ? ref(type.enum.map(tsString).join(' | ')) : STRING;
    case 'integer':
    case 'number':
      return type.enum ? ref(type.enum.map(String).join(' | ')) : NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'array':
      return type.items.kind === 'unknown' ? UNKNOWN_ARRAY : { kind: 'array', element: tsType(type.items) };
    case 'object':
      if (type.properties.length === 0) return type.open ? RECORD : ref('Record<string, never>');
      return {
        kind: 'object',
        open: type.open,
        props: type.properties.map((p) => ({ name: p.name, type: tsType(p.type), optional: true, doc: docText(p.description, 160) || undefined })),
      };
    case 'unknown':
      return UNKNOWN;
  }
}

export const fieldType = (field: Field): TsType => tsType(field.typeRef);

/** A body property's type (nested members have theirs inside their parent's). */
export const manifestType = (node: ManifestNode): TsType => (node.typeRef ? tsType(node.typeRef) : UNKNOWN);

/** A parameter's type; one the docs do not type takes any scalar. */
export function paramType(param: Param | undefined): TsType {
  if (!param || param.typeRef.kind === 'unknown') return SCALAR;
  return tsType(param.typeRef);
}

/** The type of a sample JSON value from a docs' `@@json` template (placeholders already marked). */
export function jsonSampleType(value: unknown, placeholderType: (marker: string) => TsType | undefined, depth = 0): TsType {
  if (typeof value === 'string') return placeholderType(value) ?? STRING;
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'boolean') return BOOLEAN;
  if (Array.isArray(value)) {
    return value.length > 0 && depth < MAX_TYPE_DEPTH ? { kind: 'array', element: jsonSampleType(value[0], placeholderType, depth + 1) } : UNKNOWN_ARRAY;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0 || depth >= MAX_TYPE_DEPTH) return RECORD;
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
