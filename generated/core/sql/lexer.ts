/**
 * The StackQL lexer. Comments are not thrown away: they ride along as trivia on the next token,
 * because the docs mark required parameters with `-- required` comments and the parser needs to
 * see them. Optimiser hints (`/*+ create *\/`) are real tokens, not comments.
 */
import type { Pos } from './ast.js';
import { StatementSyntaxError } from './errors.js';

export type TokenKind =
  /** An unquoted identifier or keyword; the grammar decides which from context. */
  | 'word'
  /** A `backtick` or "double-quoted" identifier; never a keyword. */
  | 'quoted'
  | 'string'
  | 'number'
  /** A bare Jinja placeholder, `{{ x }}`, outside any string. */
  | 'placeholder'
  /** `@name` or `@"name"`: an EXEC argument. */
  | 'variable'
  /** `@@name`: a system variable; in practice only `@@json`. */
  | 'systemVariable'
  | 'operator'
  | 'hint'
  | 'eof';

export interface Comment {
  /** The comment as written, `--` or `/* *\/` included. */
  text: string;
  pos: Pos;
}

export interface Token {
  kind: TokenKind;
  /** The source text exactly as written. */
  text: string;
  /**
   * The meaning of the token: for words the name as written; quoted identifiers unquoted; strings
   * with `''` and backslash escapes undone; placeholders and hints their inner text (untrimmed for
   * placeholders, trimmed for hints); variables the name without `@` / `@@` (and unquoted when
   * written `@"name"`); otherwise the text.
   */
  value: string;
  /** Upper-cased text for words, '' for every other kind: keyword tests compare against this. */
  keyword: string;
  pos: Pos;
  /** Offset just past the token's last character. */
  end: number;
  /** Comments between the previous token and this one, in source order. */
  comments: Comment[];
  /** True when a line break (in whitespace or a comment) separates this token from the previous one. */
  lineBreakBefore: boolean;
}

export interface LexOptions {
  /**
   * Recognise Jinja placeholders (default true). The mock turns this off: a client's statement is
   * plain SQL, where `{{` is not a placeholder.
   */
  templates?: boolean;
}

/**
 * A hyphen between two identifier characters, with no space around it, continues the word: the
 * docs write header parameters and method names unquoted (`If-Match = '...'`,
 * `google.healthcare.fhir.binary-create`). Subtraction needs spaces or a digit: `a - b`, `a-1`.
 */
const WORD = /\d*[\p{L}_$][\p{L}\p{N}_$]*(?:-[\p{L}_$][\p{L}\p{N}_$]*)*/uy;
// Digits straight into letters (`2fa_enabled`) are a word, as in MySQL, hence the lookahead here
// and the leading \d* in WORD.
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\p{L}_$])/uy;
// EXEC argument names are parameter names: dotted (`@location.latitude`) or hyphenated (`@If-Match`).
const VARIABLE_NAME = /[\p{L}\p{N}_$]+(?:[.-][\p{L}\p{N}_$]+)*/uy;
const OPERATORS = ['<>', '!=', '<=', '>=', '||', '=', '<', '>', '+', '-', '*', '/', '%', ',', ';', '(', ')', '.', '|', '&', '~'];

export function tokenize(sql: string, options: LexOptions = {}): Token[] {
  return new Lexer(sql, options.templates ?? true).run();
}

class Lexer {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];
  private comments: Comment[] = [];
  private lineBreak = false;

  constructor(
    private readonly sql: string,
    private readonly templates: boolean,
  ) {}

  run(): Token[] {
    const { sql } = this;
    while (true) {
      this.skipWhitespaceAndComments();
      if (this.offset >= sql.length) break;
      this.readToken();
    }
    this.push('eof', '', '', this.pos(), this.offset);
    return this.tokens;
  }

  private pos(): Pos {
    return { line: this.line, column: this.offset - this.lineStart + 1, offset: this.offset };
  }

  /** Moves to `end`, keeping line and column right across any line breaks in between. */
  private advanceTo(end: number): void {
    const { sql } = this;
    for (let i = this.offset; i < end; i++) {
      if (sql.charCodeAt(i) === 10) {
        this.line++;
        this.lineStart = i + 1;
        this.lineBreak = true;
      }
    }
    this.offset = end;
  }

  private fail(reason: string, pos: Pos): never {
    throw new StatementSyntaxError(reason, pos);
  }

  private skipWhitespaceAndComments(): void {
    const { sql } = this;
    while (this.offset < sql.length) {
      const c = sql[this.offset];
      if (c === '\n') {
        this.line++;
        this.lineStart = ++this.offset;
        this.lineBreak = true;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0') {
        this.offset++;
      } else if (c === '-' && sql[this.offset + 1] === '-') {
        let end = sql.indexOf('\n', this.offset);
        if (end < 0) end = sql.length;
        this.comments.push({ text: sql.slice(this.offset, end), pos: this.pos() });
        this.advanceTo(end);
      } else if (c === '/' && sql[this.offset + 1] === '*' && sql[this.offset + 2] !== '+') {
        const start = this.pos();
        const close = sql.indexOf('*/', this.offset + 2);
        if (close < 0) this.fail('unterminated comment: /* has no closing */', start);
        this.comments.push({ text: sql.slice(this.offset, close + 2), pos: start });
        this.advanceTo(close + 2);
      } else {
        return;
      }
    }
  }

  private push(kind: TokenKind, text: string, value: string, pos: Pos, end: number): void {
    this.tokens.push({
      kind,
      text,
      value,
      keyword: kind === 'word' ? text.toUpperCase() : '',
      pos,
      end,
      comments: this.comments,
      lineBreakBefore: this.lineBreak,
    });
    this.comments = [];
    this.lineBreak = false;
  }

  /** Emits the token spanning from the current offset to `end`, then moves past it. */
  private emit(kind: TokenKind, end: number, value: string): void {
    const pos = this.pos();
    const text = this.sql.slice(this.offset, end);
    this.push(kind, text, value, pos, end);
    this.advanceTo(end);
    // A multi-line string's own line breaks are not a break before the next token.
    this.lineBreak = false;
  }

  private match(re: RegExp, at: number): string | undefined {
    re.lastIndex = at;
    return re.exec(this.sql)?.[0];
  }

  private readToken(): void {
    const { sql, offset } = this;
    const c = sql[offset] ?? '';

    if (c === "'") return this.readString();
    if (c === '"' || c === '`') return this.readQuotedIdentifier(c);
    if (c === '/' && sql.startsWith('/*+', offset)) return this.readHint();
    if (c === '{' && sql[offset + 1] === '{' && this.templates) return this.readPlaceholder();
    if (c === '@') return this.readVariable();

    if (c >= '0' && c <= '9') {
      const number = this.match(NUMBER, offset);
      if (number !== undefined) return this.emit('number', offset + number.length, number);
    }
    const word = this.match(WORD, offset);
    if (word !== undefined) return this.emit('word', offset + word.length, word);
    for (const op of OPERATORS) {
      if (sql.startsWith(op, offset)) return this.emit('operator', offset + op.length, op);
    }
    this.fail(`unexpected character '${c}'`, this.pos());
  }

  /**
   * '...' with '' for a quote; may span lines (JSON bodies do). A backslash escapes the next
   * character, as in StackQL's tokenizer (stackql-parser token.go, scanString, MySQL rules): the
   * client renderer doubles backslashes on that basis, so reading them any other way would make its
   * literals mean something else here than in StackQL.
   */
  private readString(): void {
    const { sql } = this;
    let value = '';
    let i = this.offset + 1;
    while (true) {
      const stop = nextQuoteOrBackslash(sql, i);
      // A backslash as the last character escapes nothing: the string never ends (StackQL: LEX_ERROR).
      if (stop < 0 || (sql[stop] === '\\' && stop + 1 >= sql.length)) this.fail('unterminated string literal', this.pos());
      value += sql.slice(i, stop);
      if (sql[stop] === '\\') {
        value += unescapeCharacter(sql[stop + 1]!);
        i = stop + 2;
      } else if (sql[stop + 1] === "'") {
        value += "'";
        i = stop + 2;
      } else {
        return this.emit('string', stop + 1, value);
      }
    }
  }

  /** "name" or `name`, the quote doubled to include itself; names like "User-Agent" need this. */
  private readQuotedIdentifier(quote: string): void {
    const { end, name } = this.scanQuotedIdentifier(quote, this.offset);
    this.emit('quoted', end, name);
  }

  /** The quoted identifier opening at `at`: its end offset and its name, unquoted. */
  private scanQuotedIdentifier(quote: string, at: number): { end: number; name: string } {
    const { sql } = this;
    let i = at + 1;
    while (true) {
      const close = sql.indexOf(quote, i);
      if (close < 0) this.fail(`unterminated quoted identifier: ${quote} has no closing ${quote}`, this.pos());
      if (sql[close + 1] === quote) {
        i = close + 2;
        continue;
      }
      const name = sql.slice(at + 1, close).replaceAll(quote + quote, quote);
      if (name === '') this.fail('empty quoted identifier', this.pos());
      return { end: close + 1, name };
    }
  }

  private readHint(): void {
    const close = this.sql.indexOf('*/', this.offset + 3);
    if (close < 0) this.fail('unterminated hint: /*+ has no closing */', this.pos());
    this.emit('hint', close + 2, this.sql.slice(this.offset + 3, close).trim());
  }

  private readPlaceholder(): void {
    const close = this.sql.indexOf('}}', this.offset + 2);
    if (close < 0) this.fail('unterminated placeholder: {{ has no closing }}', this.pos());
    this.emit('placeholder', close + 2, this.sql.slice(this.offset + 2, close));
  }

  /**
   * `@name`, `@@name`, or with the name double-quoted (`@"If-Match"`): StackQL's tokenizer reads a
   * quoted identifier after `@`, and the client renderer quotes every argument name that is not a
   * plain word.
   */
  private readVariable(): void {
    const system = this.sql[this.offset + 1] === '@';
    const nameAt = this.offset + (system ? 2 : 1);
    const kind = system ? 'systemVariable' : 'variable';
    if (this.sql[nameAt] === '"') {
      const quoted = this.scanQuotedIdentifier('"', nameAt);
      return this.emit(kind, quoted.end, quoted.name);
    }
    const name = this.match(VARIABLE_NAME, nameAt);
    if (name === undefined) this.fail(`expected a variable name after '${system ? '@@' : '@'}'`, this.pos());
    this.emit(kind, nameAt + name.length, name);
  }
}

/** Index of the first `'` or `\` at or after `from`, or -1. */
function nextQuoteOrBackslash(sql: string, from: number): number {
  QUOTE_OR_BACKSLASH.lastIndex = from;
  return QUOTE_OR_BACKSLASH.exec(sql)?.index ?? -1;
}

const QUOTE_OR_BACKSLASH = /['\\]/g;

/**
 * What `\c` stands for inside a string: StackQL's SQLDecodeMap (vitess sqltypes), the escapes of
 * MySQL's string syntax. Any other character stands for itself, the backslash dropped (`\%` is `%`:
 * StackQL, unlike MySQL, does not keep the backslash there).
 */
const ESCAPES: Record<string, string> = {
  '0': '\u0000',
  "'": "'",
  '"': '"',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\u001a',
  '\\': '\\',
};

function unescapeCharacter(c: string): string {
  return ESCAPES[c] ?? c;
}

/**
 * Whether a comment is a `required` marker: its text, stripped of comment delimiters and the
 * stray `,` / `;` the docs sometimes leave inside it (`--required,`, `-- required;`), starts with
 * "required".
 */
export function isRequiredMarker(comment: Comment): boolean {
  const body = comment.text.replace(/^(?:--|\/\*)/, '').replace(/\*\/$/, '');
  return /^[\s\-,;*/]*required/i.test(body);
}
