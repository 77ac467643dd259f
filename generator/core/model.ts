/**
 * The intermediate model: the only contract between reading the docs and emitting code.
 * Names marked "stable" come from design/model.md and are read by tests and tools; add, never rename.
 */
import type { TypeRef } from './types.ts';

export type { TypeRef } from './types.ts';

/**
 * The model format's version. The major part changes when a reader of an older model would misread a
 * newer one or the reverse (2: every field and parameter carries `typeRef`; 3: model.json stores what
 * cannot be worked out again, core/model-codec.ts, and readers decode it), and readers refuse
 * another major with a message that says what to do instead of failing deep inside.
 */
export const MODEL_VERSION = '3.0.0';

/** Throws when `model` was written in a format this code cannot read (see MODEL_VERSION). */
export function assertModelVersion(model: { version?: unknown }, source = 'the model'): void {
  const major = (v: unknown): string | undefined => (typeof v === 'string' ? /^(\d+)\./.exec(v)?.[1] : undefined);
  const found = major(model.version);
  if (found !== major(MODEL_VERSION)) {
    const what = typeof model.version === 'string' ? `version ${model.version}` : 'no version';
    throw new Error(`${source} has ${what}; this stackql-docgen reads model version ${MODEL_VERSION}. Run \`stackql-docgen generate\` again to rewrite it.`);
  }
}

export type Verb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';
export const VERBS: readonly Verb[] = ['select', 'insert', 'update', 'replace', 'delete', 'exec'];

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  file: string;
  line: number;
  column?: number;
}

export interface Model {
  version: string;
  resources: Resource[];
  diagnostics: Diagnostic[];
  /** Pages read, and what became of them; lets a reader check that nothing was dropped. */
  summary: ModelSummary;
}

export interface ModelSummary {
  pages: number;
  resources: number;
  skipped: Record<string, number>;
  methods: number;
  examples: number;
  /**
   * Blocks of resource pages (sections, tabs, tables, code blocks, components) and how many an
   * extractor read; every other one is a diagnostic. Absent in models written before it existed.
   */
  blocks?: { total: number; read: number };
}

export interface Resource {
  id: string;
  provider: string;
  service: string;
  name: string;
  kind: 'resource' | 'view';
  title?: string;
  description?: string;
  source: { file: string; format: string; line: number };
  fields: Field[];
  fieldSets: FieldSet[];
  methods: Method[];
  params: Param[];
  examples: Example[];
  manifest?: ManifestNode[];
  /** Set when the page said SELECT is not supported instead of giving a fields table. */
  selectNotSupported?: boolean;
  /** A view's definition (kind 'view'): the SQL per backend, as its page gives it. */
  view?: ViewDefinition;
  /** The permissions the page lists per operation (the awscc and registry aws pages). */
  permissions?: Permission[];
}

export interface ViewDefinition {
  /** The resource the definition reads (its FROM), when a definition parsed. */
  base?: string;
  /** One per backend tab (`Sqlite3`, `Postgres`), in page order; backend '' when untabbed. */
  definitions: ViewSql[];
}

export interface ViewSql {
  backend: string;
  /** The definition as the docs wrote it; its tree is read with core/example-statement.ts viewStatement(definition). */
  sql: string;
  parseError?: string;
  repairs?: string[];
  line: number;
}

export interface Permission {
  /** The operation as the page names it (a tab label or a `###` heading): Create, Read, ... */
  operation: string;
  /** The permissions (IAM actions) in page order. */
  actions: string[];
  line: number;
}

export interface Field {
  name: string;
  /** The base word, lower case (`string`, `integer`, ...): what the doc wrote, normalised. */
  type: string;
  format?: string;
  rawType: string;
  description: string;
  enum?: string[];
  default?: string;
  example?: string;
  pattern?: string;
  children?: Field[];
  /**
   * The type every consumer reads (core/types.ts), resolved once at extraction from the word, the
   * description's facts, nested fields and the manifest property of the same name.
   */
  typeRef: TypeRef;
  line: number;
}

export interface FieldSet {
  method: string;
  label: string;
  description?: string;
  fields: string[];
  line: number;
}

/** How a required param is satisfied: a Parameters row, a request-body field, or nothing we know. */
export type ParamResolution = 'param' | 'body' | 'unknown';

export interface Method {
  name: string;
  verb: Verb;
  requiredParams: string[];
  optionalParams: string[];
  /** One entry per required param, same order: where its value goes. */
  requiredParamsResolved: ParamResolution[];
  description: string;
  lifecycle?: string;
  targetResource?: string;
  /** The verb exactly as written in the doc, before normalising. */
  rawVerb: string;
  /** True when an earlier row of the same table had the same name. */
  duplicate?: boolean;
  line: number;
}

export interface Param {
  name: string;
  type: string;
  format?: string;
  rawType: string;
  description: string;
  enum?: string[];
  default?: string;
  example?: string;
  pattern?: string;
  /** Resolved once, like Field.typeRef; a parameter known only by name takes a same-named field's scalar type, else unknown. */
  typeRef: TypeRef;
  in?: 'path' | 'query' | 'header' | 'body';
  /** 'table' when the page has a Parameters table row; 'methods' when known only by name. */
  origin: 'table' | 'methods';
  line: number;
}

export interface Example {
  verb: Verb;
  method?: string;
  variant?: string;
  /**
   * The statement as the docs wrote it (one statement). Its tree is not stored: read it with
   * core/example-statement.ts exampleStatement(example), which parses it in docs mode once.
   */
  sql: string;
  /** Set when the statement names another resource than the page's (e.g. an azure `vw_` view). */
  target?: string;
  /** Set when the statement did not parse: the parser's message, with its position. */
  parseError?: string;
  /** Repairs the parser made to the doc's broken SQL (codes such as 'sql/ellipsis'). */
  repairs?: string[];
  line: number;
}

/** One property of a manifest as read: leaves carry a value (a type word, a literal or a template). */
export interface ManifestTreeNode {
  name: string;
  value?: string;
  description?: string;
  validValues?: string[];
  default?: string;
  props?: ManifestTreeNode[];
  line: number;
}

/**
 * One property of a manifest. The body properties (names.ts manifestProps: the root entry's
 * props) carry their resolved type; a nested member's type is inside its parent's typeRef
 * (`properties`, `items`), so the tree is not repeated at every level of model.json.
 */
export interface ManifestNode extends Omit<ManifestTreeNode, 'props'> {
  props?: ManifestNode[];
  /** The property's type (core/types.ts manifestType), on the body properties. */
  typeRef?: TypeRef;
}
