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
  /** Set on a word or variable read with trailing brackets (`include[]`): only with LexOptions.bracketNames. */
  bracketed?: true;
}

export interface LexOptions {
  /**
   * Recognise Jinja placeholders (default true). The mock turns this off: a client's statement is
   * plain SQL, where `{{` is not a placeholder.
   */
  templates?: boolean;
  /**
   * Read brackets written straight after a name as part of it (`include[]`, `filter[name]`), as
   * the docs write such parameter names unquoted. Docs mode only: in StackQL they must be quoted.
   */
  bracketNames?: boolean;
}

/**
 * A hyphen between two identifier characters, with no space around it, continues the word: the
 * docs write header parameters and method names unquoted (`If-Match = '...'`,
 * `google.healthcare.fhir.binary-create`). Subtraction needs spaces or a digit: `a - b`, `a-1`.
 */
const WORD = /[\p{L}_$][\p{L}\p{N}_$]*(?:-[\p{L}_$][\p{L}\p{N}_$]*)*/uy;
/**
 * Numbers as StackQL's tokenizer reads them (stackql-parser token.go, scanNumber): decimal with an
 * optional fraction and exponent, a leading `.` (`.5`), or hex (`0x1F`). A letter, digit, `_` or `$`
 * straight after one makes it malformed (`12fa`, `1e5x`, `0x1G`): StackQL answers a lex error there,
 * where MySQL would read `2fa_enabled` as a name; quote such a name ("2fa_enabled").
 */
const NUMBER = /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const HEX_NUMBER = /0[xX][0-9a-fA-F]+/y;
const NAME_CHARACTERS = /[\p{L}\p{N}_$]+/uy;
/** How much of a malformed number its message quotes. */
const QUOTED_MAX = 40;
// EXEC argument names are parameter names: dotted (`@location.latitude`) or hyphenated (`@If-Match`).
const VARIABLE_NAME = /[\p{L}\p{N}_$]+(?:[.-][\p{L}\p{N}_$]+)*/uy;
const OPERATORS = ['<>', '!=', '<=', '>=', '||', '=', '<', '>', '+', '-', '*', '/', '%', ',', ';', '(', ')', '.', '|', '&', '~'];

export function tokenize(sql: string, options: LexOptions = {}): Token[] {
  return new Lexer(sql, options.templates ?? true, options.bracketNames ?? false).run();
}

/** `[]` or `[name]` runs straight after a name; no spaces, quotes or nested brackets inside. */
const BRACKETS = /(?:\[[\p{L}\p{N}_$.-]*\])+/uy;

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
    private readonly bracketNames: boolean,
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

    if ((c >= '0' && c <= '9') || (c === '.' && isDigit(sql[offset + 1]))) return this.readNumber();
    const word = this.match(WORD, offset);
    if (word !== undefined) {
      const brackets = this.bracketNames ? this.match(BRACKETS, offset + word.length) : undefined;
      if (brackets === undefined) return this.emit('word', offset + word.length, word);
      this.emit('word', offset + word.length + brackets.length, word + brackets);
      this.tokens[this.tokens.length - 1]!.bracketed = true;
      return;
    }
    for (const op of OPERATORS) {
      if (sql.startsWith(op, offset)) return this.emit('operator', offset + op.length, op);
    }
    this.fail(`unexpected character '${c}'`, this.pos());
  }

  /**
   * A number (see NUMBER). Its value is its meaning in decimal where the text is written otherwise
   * (`0x1F` is 31, `.5` is 0.5), so that every reader of a number literal reads one notation.
   */
  private readNumber(): void {
    const { offset } = this;
    const hex = this.match(HEX_NUMBER, offset);
    const text = hex ?? this.match(NUMBER, offset)!;
    const end = offset + text.length;
    const tail = this.match(NAME_CHARACTERS, end);
    if (tail !== undefined) {
      const malformed = this.sql.slice(offset, end + tail.length);
      const shown = malformed.length > QUOTED_MAX ? `${malformed.slice(0, QUOTED_MAX)}...` : malformed;
      this.fail(`malformed number '${shown}': a number cannot run into letters (quote a name that starts with digits)`, this.pos());
    }
    const value = hex !== undefined ? BigInt(hex).toString() : text.startsWith('.') ? `0${text}` : text;
    this.emit('number', end, value);
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
    const brackets = this.bracketNames ? this.match(BRACKETS, nameAt + name.length) : undefined;
    this.emit(kind, nameAt + name.length + (brackets?.length ?? 0), name + (brackets ?? ''));
    if (brackets !== undefined) this.tokens[this.tokens.length - 1]!.bracketed = true;
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
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

export function unescapeCharacter(c: string): string {
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
