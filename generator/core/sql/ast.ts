/**
 * The StackQL statement tree. One grammar, shared by the generator (the docs' SQL examples) and the
 * mock (incoming statements). Plain JSON: it is stored in model.json.
 */

/** Where a node started in the statement text (1-based line and column, 0-based offset). */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

/** A dotted name such as google.cloudidentity.userinvitations; quotes already removed. */
export interface QualifiedName {
  parts: string[];
}

/**
 * A value as written. Placeholders are Jinja templates from the docs ('{{ x }}', bare {{ x }});
 * they are not valid SQL until filled, but the docs are full of them, so the grammar knows them.
 */
export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | {
      type: 'placeholder';
      /** 'x' for '{{ x }}', '' for the empty '{{  }}'. */
      name: string;
      /** True when written inside quotes: '{{ x }}'. */
      quoted: boolean;
      /** Jinja filters: {{ x | generate_patch_document }} gives ['generate_patch_document']. */
      filters: string[];
      /** The text exactly as written, quotes included. */
      raw: string;
    }
  /** A quoted string that mixes text and placeholders: 'projects/{{ p }}/x'. */
  | { type: 'template'; value: string; placeholders: string[] };

/**
 * Operators are spelled as in the source for symbols (`=`, `<>`, `||`, ...) and upper-case for
 * keywords (`AND`, `OR`, `NOT`, `LIKE`, `NOT LIKE`, `REGEXP`, `DIV`, ...).
 */
export type Expr =
  | { type: 'literal'; value: Literal }
  /**
   * A column reference. `a.b` gives table 'a', name 'b'; longer paths such as
   * `filter.issue.states` (StackQL parameter names contain dots) give table 'filter',
   * name 'issue.states'.
   */
  | {
      type: 'column';
      name: string;
      table?: string;
      /**
       * Set when the (last part of the) name was written "double-quoted". SQLite, behind
       * StackQL, reads a double-quoted name that is no column as a string, and the docs rely on it
       * (`WHERE q = "mimeType = '...'"`), so a predicate's value may come from such a name.
       */
      doubleQuoted?: true;
    }
  /** `*`, or `t.*` with table 't'. */
  | { type: 'star'; table?: string }
  | { type: 'call'; name: string; args: Expr[]; distinct?: boolean }
  | { type: 'binary'; op: string; left: Expr; right: Expr }
  | { type: 'unary'; op: string; operand: Expr }
  | { type: 'in'; operand: Expr; list: Expr[]; not: boolean }
  | { type: 'between'; operand: Expr; low: Expr; high: Expr; not: boolean }
  | { type: 'is'; operand: Expr; not: boolean; right: Expr }
  | { type: 'paren'; expr: Expr }
  /** CAST(operand AS type); `as` is the type name as written, e.g. 'INTEGER'. */
  | { type: 'cast'; operand: Expr; as: string }
  /** CASE [operand] WHEN .. THEN .. [ELSE ..] END. */
  | { type: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; else?: Expr };

export interface SelectColumn {
  expr: Expr;
  alias?: string;
  /** The column's text as written, e.g. "json_extract(a, '$.b') as b". */
  text: string;
}

/**
 * One top-level AND conjunct of a WHERE clause. When it is `name = value` (or `value = name`),
 * `name` and `value` are set: that is how parameters reach StackQL.
 */
export interface Predicate {
  expr: Expr;
  name?: string;
  op?: string;
  value?: Literal;
  /** A `-- required` / `/* required *\/` marker followed it in the source. */
  required: boolean;
  pos: Pos;
}

export interface OrderItem {
  expr: Expr;
  direction: 'asc' | 'desc';
}

/** A further FROM source: `, json_each(content)` or `INNER JOIN p.s.r b ON ...`. */
export interface JoinClause {
  /** 'comma' for `FROM a, b`; 'inner' also covers a bare JOIN. */
  kind: 'comma' | 'inner' | 'left' | 'right' | 'full' | 'cross';
  source: { type: 'table'; name: QualifiedName } | { type: 'function'; call: Expr };
  alias?: string;
  on?: Expr;
}

export interface SelectStatement {
  kind: 'select';
  hints: string[];
  /** SELECT DISTINCT; absent when false. */
  distinct?: boolean;
  /** Never empty from the strict grammar; in docs mode `SELECT\n\nFROM` gives [] (a reported repair). */
  columns: SelectColumn[];
  target: QualifiedName;
  alias?: string;
  /** Sources after the first; absent when there are none. */
  joins?: JoinClause[];
  where: Predicate[];
  groupBy: Expr[];
  having?: Expr;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

export interface InsertValue {
  column: string;
  value: Expr;
  required: boolean;
}

export interface InsertStatement {
  kind: 'insert';
  hints: string[];
  /** INSERT IGNORE; absent when false. */
  ignore?: boolean;
  target: QualifiedName;
  /**
   * The columns, values[i].column being columns[i]. In docs mode a column the repairs could not
   * pair with a value (an empty name, a value missing) is left out of both, and reported; an empty
   * column list (`INSERT INTO r (\n)`) gives [].
   */
  columns: string[];
  /** Column/value pairs in source order, from `SELECT v, ...` or `VALUES (v, ...)`. */
  values: InsertValue[];
  /**
   * Present only when the values come from a query with a FROM clause
   * (`INSERT ... SELECT json_remove(properties, ...) FROM p.s.r WHERE ...`): that query, whose
   * columns are the values above.
   */
  select?: SelectStatement;
  returning: SelectColumn[];
}

export interface Assignment {
  column: string;
  value: Expr;
  required: boolean;
}

export interface UpdateStatement {
  kind: 'update' | 'replace';
  hints: string[];
  target: QualifiedName;
  /** Never empty from the strict grammar; in docs mode `SET` followed by WHERE gives [] (a reported repair). */
  set: Assignment[];
  where: Predicate[];
  returning: SelectColumn[];
}

export interface DeleteStatement {
  kind: 'delete';
  hints: string[];
  target: QualifiedName;
  where: Predicate[];
  returning: SelectColumn[];
}

export interface ExecArg {
  name: string;
  value: Literal;
  required: boolean;
}

export interface ExecStatement {
  kind: 'exec';
  hints: string[];
  /** provider.service.resource.method */
  target: QualifiedName;
  args: ExecArg[];
  /** The `@@json = '...'` body, as written (a string or a template). */
  json?: Literal;
}

export interface ShowStatement {
  kind: 'show';
  /** Hints, e.g. `SHOW INSERT /*+ REQUIRED *\/ INTO ...`; absent when there are none. */
  hints?: string[];
  extended: boolean;
  what: 'providers' | 'services' | 'resources' | 'methods' | 'insert' | 'version';
  /** The IN / FROM scope, or the INTO target of SHOW INSERT INTO. */
  in?: QualifiedName;
  /** The LIKE pattern's content (quotes removed). */
  like?: string;
}

export interface DescribeStatement {
  kind: 'describe';
  /** DESCRIBE METHOD p.s.r.method; absent when false. */
  method?: boolean;
  extended: boolean;
  target: QualifiedName;
}

export type Statement =
  | SelectStatement
  | InsertStatement
  | UpdateStatement
  | DeleteStatement
  | ExecStatement
  | ShowStatement
  | DescribeStatement;
