/**
 * Block accounting: every block of a resource page is read by an extractor or reported. Extractors
 * mark what they read (`markRead`) and what they already reported with a diagnostic of their own
 * (`markReported`); at the end `accountBlocks` reports each remaining block as `page/unread-block`
 * with its line and returns the page's counts, which the summary adds up into coverage.
 *
 * Blocks are the tree's sections, tabs, tab items, tables, code blocks and JSX components. Prose,
 * `###` headings, imports and front matter are text, not blocks. A table, code block or component
 * is read only when marked. A section, tabs or tab item is read when marked or when a block inside
 * it was read; one with no table, code or component inside is read when its parent is (a tab that
 * only says "SELECT not supported"). An unread container is reported only when nothing inside it
 * is: otherwise the blocks inside carry the report.
 */
import type { Node, Parent } from 'unist';
import type { VFile } from 'vfile';
import { warn } from '../parse/diagnostics.ts';
import type { Root } from '../parse/tree.ts';

declare module 'vfile' {
  interface DataMap {
    /** Blocks an extractor read. */
    read: Set<Node>;
    /** Blocks an extractor did not read but named in a diagnostic of its own. */
    reported: Set<Node>;
  }
}

export interface BlockCounts {
  total: number;
  read: number;
}

const LEAVES = new Set(['table', 'code', 'jsx']);
const CONTAINERS = new Set(['section', 'tabs', 'tabItem']);

export function markRead(file: VFile, node: Node): void {
  (file.data.read ??= new Set()).add(node);
}

export function markReported(file: VFile, node: Node): void {
  (file.data.reported ??= new Set()).add(node);
}

/** Marks a node and every block inside it reported (an unknown section, named once). */
export function markReportedDeep(file: VFile, node: Node): void {
  markReported(file, node);
  for (const c of (node as Parent).children ?? []) if (isBlock(c)) markReportedDeep(file, c);
}

export function isRead(file: VFile, node: Node): boolean {
  return file.data.read?.has(node) ?? false;
}

function isBlock(node: Node): boolean {
  return LEAVES.has(node.type) || CONTAINERS.has(node.type);
}

const KIND: Record<string, string> = { table: 'table', jsx: 'component', tabs: '<Tabs>', tabItem: '<TabItem>', section: 'section' };

function describeBlock(node: Node): string {
  if (node.type === 'code') {
    const c = node as Node & { lang: string; source: string };
    return `${c.lang || 'plain'} ${c.source === 'codeblock' ? '<CodeBlock>' : 'code block'}`;
  }
  if (node.type === 'jsx') return `<${(node as Node & { name: string }).name}> component`;
  if (node.type === 'tabItem') return `<TabItem value="${(node as Node & { value: string }).value}">`;
  if (node.type === 'section') return `section '${(node as Node & { title: string }).title}'`;
  return KIND[node.type] ?? node.type;
}

/** Counts the page's blocks and reports every one neither read nor reported. */
export function accountBlocks(root: Root, file: VFile): BlockCounts {
  const read = file.data.read ?? new Set<Node>();
  const reported = file.data.reported ?? new Set<Node>();
  const counts: BlockCounts = { total: 0, read: 0 };

  /** Walks a block; returns whether anything inside it (itself included) was read, and whether it holds leaves. */
  const walk = (node: Node, parentRead: boolean, where: string): { anyRead: boolean; anyLeaf: boolean; handled: boolean } => {
    if (LEAVES.has(node.type)) {
      counts.total++;
      const isReadLeaf = read.has(node);
      if (isReadLeaf) counts.read++;
      else if (!reported.has(node)) report(node, where);
      return { anyRead: isReadLeaf, anyLeaf: true, handled: isReadLeaf || reported.has(node) };
    }
    const children = ((node as Parent).children ?? []).filter(isBlock);
    const marked = read.has(node);
    const inner = node.type === 'section' ? `section '${(node as Node & { title: string }).title}'` : where;
    let anyRead = false;
    let anyLeaf = false;
    let allHandled = true;
    // Children first: whether this container is read depends on them, except for leafless children.
    const leafless: Node[] = [];
    for (const c of children) {
      if (!LEAVES.has(c.type) && !holdsLeaf(c)) {
        leafless.push(c);
        continue;
      }
      const r = walk(c, marked, inner);
      anyRead ||= r.anyRead;
      anyLeaf ||= r.anyLeaf;
      allHandled &&= r.handled;
    }
    const isReadNode = marked || anyRead || (!anyLeaf && parentRead);
    for (const c of leafless) walk(c, isReadNode, inner);
    counts.total++;
    if (isReadNode) counts.read++;
    else if (!reported.has(node) && !anyLeaf) report(node, where);
    return { anyRead: isReadNode, anyLeaf, handled: isReadNode || reported.has(node) || (anyLeaf && allHandled) };
  };

  const report = (node: Node, where: string) => {
    warn(file, 'page/unread-block', `the ${describeBlock(node)}${where ? ` in ${where}` : ''} was not read by any extractor`, node);
  };

  for (const c of root.children) if (isBlock(c)) walk(c, false, '');
  return counts;
}

function holdsLeaf(node: Node): boolean {
  for (const c of (node as Parent).children ?? []) {
    if (LEAVES.has(c.type) || (CONTAINERS.has(c.type) && holdsLeaf(c))) return true;
  }
  return false;
}
