/**
 * The generic manifest tree → ManifestNodes, in the normal forms described in ../manifest.ts:
 * `- name:` entries with value/props/description/valid_values/default, data mappings by key,
 * sequence items as `[i]`, stack files by their `resources:` list. Every ManifestNode is built here.
 */
import type { ManifestTreeNode as ManifestNode } from '../../core/model.ts';
import type { PageDiagnostic } from '../../parse/diagnostics.ts';
import { truncate, type YMap, type YNode, type YPair, type YScalar, type YSeq } from './tree.ts';

const ENTRY_KEYS = new Set(['name', 'value', 'props', 'description', 'valid_values', 'default']);

export function convertRoot(root: YNode, firstLine: number, diagnostics: PageDiagnostic[]): ManifestNode[] {
  const ctx: Ctx = { firstLine, diagnostics };
  if (root.kind === 'seq') return entrySeq(root, ctx);
  if (root.kind === 'map') {
    const resources = root.pairs.find((p) => p.key === 'resources' && p.value.kind === 'seq');
    const stackKeys = root.pairs.some((p) => p.key === 'version' || p.key === 'providers' || p.key === 'globals');
    if (resources && stackKeys) {
      const others = root.pairs.filter((p) => p !== resources).map((p) => p.key);
      diagnostics.push({
        severity: 'info',
        code: 'manifest/stack-file',
        message: `stack file: nodes are the entries of resources:${others.length ? `; stack-level keys not in the tree: ${others.join(', ')}` : ''}`,
        line: firstLine + root.line,
      });
      return entrySeq(resources.value as YSeq, ctx);
    }
    return root.pairs.map((p) => dataNode(p.key, p.line, p.value, ctx));
  }
  if (root.value === null) return [];
  diagnostics.push({
    severity: 'warning',
    code: 'manifest/not-a-tree',
    message: `manifest is a single scalar, not a list or mapping: ${truncate(root.value, 80)}`,
    line: firstLine + root.line,
  });
  return [];
}

interface Ctx {
  firstLine: number;
  diagnostics: PageDiagnostic[];
}

/**
 * The entry name of a `- name: x` mapping, or null when the mapping is data. An entry starts
 * with a `name:` that is not a template, and its other keys are entry keys (or it has a
 * `value:`/`props:`); `- default: users\n  name: table` (name not first) is data.
 */
function entryName(map: YMap): string | null {
  if (map.pairs.length === 0 || map.pairs[0].key !== 'name') return null;
  let name: string | null = null;
  let known = true;
  let hasBody = false;
  for (const p of map.pairs) {
    if (p.key === 'name') {
      if (name !== null || p.value.kind !== 'scalar' || p.value.value === null) return null;
      name = p.value.value;
    } else if (!ENTRY_KEYS.has(p.key)) known = false;
    else if (p.key === 'value' || p.key === 'props') hasBody = true;
  }
  if (name === null || name.includes('{{')) return null;
  return known || hasBody ? name : null;
}

/** A sequence where `- name: x` items are entries; other items are named `[i]`. */
function entrySeq(seq: YSeq, ctx: Ctx): ManifestNode[] {
  const out: ManifestNode[] = [];
  seq.items.forEach((item, i) => {
    const name = item.kind === 'map' ? entryName(item) : null;
    if (name !== null) out.push(entryNode(item as YMap, name, ctx));
    else if (item.kind === 'seq' && item.items.length > 0) {
      out.push({ name: `[${i}]`, props: entrySeq(item, ctx), line: ctx.firstLine + item.line });
    } else out.push(dataNode(`[${i}]`, item.line, item, ctx));
  });
  return out;
}

function entryNode(map: YMap, name: string, ctx: Ctx): ManifestNode {
  const node: ManifestNode = { name, line: ctx.firstLine + map.line };
  const props: ManifestNode[] = [];
  let hasProps = false;
  const seen = new Set<string>();
  for (const p of map.pairs) {
    if (p.key === 'name') continue;
    if (seen.has(p.key)) {
      ctx.diagnostics.push({
        severity: 'warning',
        code: 'manifest/duplicate-key',
        message: `entry ${name} repeats ${p.key}:; both are read, a later scalar replaces an earlier one`,
        line: ctx.firstLine + p.line,
      });
    }
    seen.add(p.key);
    const v = p.value;
    switch (p.key) {
      case 'value':
        if (v.kind === 'scalar') {
          if (v.value !== null) node.value = v.value;
        } else if (isEmpty(v)) node.value = v.kind === 'seq' ? '[]' : '{}';
        else if (v.kind === 'seq') append(props, entrySeq(v, ctx));
        else for (const q of v.pairs) props.push(dataNode(q.key, q.line, q.value, ctx));
        break;
      case 'props':
        hasProps = true;
        if (v.kind === 'seq') append(props, entrySeq(v, ctx));
        else if (v.kind === 'map') for (const q of v.pairs) props.push(dataNode(q.key, q.line, q.value, ctx));
        else if (v.value !== null) unexpected(ctx, p, `props of ${name} is a scalar (${truncate(v.value, 40)}), kept as its value`, () => { node.value ??= v.value!; });
        break;
      case 'description':
        if (v.kind === 'scalar') { if (v.value !== null) node.description = v.value; }
        else unexpected(ctx, p, `description of ${name} is not text; kept as props`, () => props.push(dataNode('description', p.line, v, ctx)));
        break;
      case 'default':
        if (v.kind === 'scalar') { if (v.value !== null) node.default = v.value; }
        else unexpected(ctx, p, `default of ${name} is not a scalar; kept as props`, () => props.push(dataNode('default', p.line, v, ctx)));
        break;
      case 'valid_values':
        if (v.kind === 'scalar') { if (v.value !== null) node.validValues = [v.value]; }
        else if (v.kind === 'seq' && v.items.every((x) => x.kind === 'scalar')) {
          node.validValues = v.items.map((x) => (x as YScalar).value ?? '');
        } else unexpected(ctx, p, `valid_values of ${name} is not a list of scalars; kept as props`, () => props.push(dataNode('valid_values', p.line, v, ctx)));
        break;
      default:
        ctx.diagnostics.push({
          severity: 'info',
          code: 'manifest/unknown-key',
          message: `entry ${name} has key ${p.key}:, kept as a child node`,
          line: ctx.firstLine + p.line,
        });
        props.push(dataNode(p.key, p.line, v, ctx));
    }
  }
  if (props.length > 0 || hasProps) node.props = props;
  return node;
}

function unexpected(ctx: Ctx, p: YPair, message: string, keep: () => void): void {
  ctx.diagnostics.push({ severity: 'info', code: 'manifest/unexpected-shape', message, line: ctx.firstLine + p.line });
  keep();
}

/** push(...src) without the argument-count limit of a spread */
function append<T>(dst: T[], src: T[]): void {
  for (const x of src) dst.push(x);
}

function isEmpty(v: YMap | YSeq): boolean {
  return v.kind === 'seq' ? v.items.length === 0 : v.pairs.length === 0;
}

/** Data: mapping keys name the children, sequence items are `[i]`; no entry reading below. */
function dataNode(name: string, line: number, v: YNode, ctx: Ctx): ManifestNode {
  const node: ManifestNode = { name, line: ctx.firstLine + line };
  if (v.kind === 'scalar') {
    if (v.value !== null) node.value = v.value;
  } else if (isEmpty(v)) node.value = v.kind === 'seq' ? '[]' : '{}';
  else if (v.kind === 'map') node.props = v.pairs.map((q) => dataNode(q.key, q.line, q.value, ctx));
  else node.props = v.items.map((x, i) => dataNode(`[${i}]`, x.line, x, ctx));
  return node;
}
