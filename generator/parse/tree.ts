/**
 * The page tree: what `splitPage` makes of a doc page. It is deliberately shallow (sections, tabs,
 * tables, code, prose) because that is all extraction needs, and every node keeps its line.
 * Table cells stay raw source; inline markup is converted only when a value is read.
 */
import type { PageDiagnostic } from './diagnostics.ts';

export interface Page {
  frontmatter?: { raw: string; line: number };
  /** Blocks before the first `##` heading (the page's description, imports are dropped). */
  intro: Block[];
  sections: Section[];
  diagnostics: PageDiagnostic[];
  lineCount: number;
}

export interface Section {
  type: 'section';
  /** Heading text with markup removed: 'Fields', 'SELECT examples', 'Lifecycle Methods'. */
  title: string;
  rawTitle: string;
  line: number;
  children: Block[];
}

export type Block = Heading | Tabs | TabItem | Code | Table | Prose;

export interface Heading {
  type: 'heading';
  depth: number;
  title: string;
  line: number;
}

export interface Tabs {
  type: 'tabs';
  values: Array<{ label: string; value: string }>;
  defaultValue?: string;
  children: Block[];
  line: number;
}

export interface TabItem {
  type: 'tabItem';
  value: string;
  children: Block[];
  line: number;
}

export interface Code {
  type: 'code';
  lang: string;
  value: string;
  /** Line of the first line of `value`. */
  line: number;
  /** Where it came from: a ``` fence or a `<CodeBlock>` template literal. */
  source: 'fence' | 'codeblock';
}

export interface Cell {
  raw: string;
  line: number;
}

export interface Row {
  cells: Cell[];
  line: number;
  /** `<tr id="...">`, used by Parameters tables. */
  id?: string;
}

export interface Table {
  type: 'table';
  format: 'markdown' | 'html' | 'html-inline';
  header: string[];
  rows: Row[];
  line: number;
}

export interface Prose {
  type: 'prose';
  raw: string;
  line: number;
}
