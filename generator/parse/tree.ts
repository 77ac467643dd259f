/**
 * The page tree: a unist tree (every node has `position` with start and end) made by the `docPage`
 * parser plugin. It is deliberately shallow (sections, tabs, tables, code, prose, JSX tags)
 * because that is all extraction needs. Table cells stay raw source; inline markup is converted
 * only when a value is read (inline.ts, rich-cell.ts).
 */
import type { Literal, Node, Parent, Position } from 'unist';

export type { Position };

export interface Root extends Parent {
  type: 'root';
  children: Array<Block | Section | Frontmatter>;
}

/** The `---` YAML header (kept raw: identity never comes from it). */
export interface Frontmatter extends Literal {
  type: 'frontmatter';
  value: string;
}

/** A `#`/`##` heading and everything up to the next one. */
export interface Section extends Parent {
  type: 'section';
  depth: number;
  /** Heading text with markup removed: 'Fields', 'SELECT examples', 'Lifecycle Methods'. */
  title: string;
  rawTitle: string;
  children: Block[];
}

export type Block = Heading | Tabs | TabItem | Code | Table | Prose | Jsx | Esm;

/** A `###`..`######` heading inside a section. */
export interface Heading extends Node {
  type: 'heading';
  depth: number;
  title: string;
}

export interface Tabs extends Parent {
  type: 'tabs';
  values: Array<{ label: string; value: string }>;
  defaultValue?: string;
  children: Block[];
}

export interface TabItem extends Parent {
  type: 'tabItem';
  value: string;
  children: Block[];
}

export interface Code extends Literal {
  type: 'code';
  lang: string;
  value: string;
  /** Page line of the first line of `value` (the line after a fence; the tag line of a CodeBlock). */
  valueLine: number;
  /** Where it came from: a ``` fence or a `<CodeBlock>` template literal. */
  source: 'fence' | 'codeblock';
}

export interface Table extends Parent {
  type: 'table';
  format: 'markdown' | 'html' | 'html-inline';
  /** Header cells as plain text. */
  header: string[];
  children: TableRow[];
}

export interface TableRow extends Parent {
  type: 'tableRow';
  /** `<tr id="...">`, used by Parameters tables. */
  id?: string;
  children: TableCell[];
}

export interface TableCell extends Literal {
  type: 'tableCell';
  /** The cell's raw source, trimmed. */
  value: string;
}

/** Text that is none of the above, up to a blank line or the next block. */
export interface Prose extends Literal {
  type: 'prose';
  value: string;
}

/** A JSX element the splitter does not read itself (`<RegistryPage ... />`, `<SchemaTable ...>`). */
export interface Jsx extends Literal {
  type: 'jsx';
  name: string;
  /** The opening tag's source. */
  value: string;
}

/** `import` / `export` lines. */
export interface Esm extends Literal {
  type: 'esm';
  value: string;
}

export type AnyNode = Root | Frontmatter | Section | Block | TableRow | TableCell;

/** 1-based page line where a node starts. */
export function lineOf(node: Node): number {
  return node.position?.start.line ?? 1;
}

export function sectionsOf(root: Root): Section[] {
  return root.children.filter((c): c is Section => c.type === 'section');
}

/** What precedes the first section: front matter, imports, the page's description. */
export function introOf(root: Root): Block[] {
  const out: Block[] = [];
  for (const c of root.children) {
    if (c.type === 'section') break;
    if (c.type !== 'frontmatter') out.push(c);
  }
  return out;
}
