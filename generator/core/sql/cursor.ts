/**
 * A position in the token list with the small vocabulary the grammar is written in (peek, accept,
 * expect) and one place that words syntax errors, so every message reads
 * "expected X but found Y" with the position of Y.
 */
import type { Pos } from './ast.ts';
import { StatementSyntaxError } from './errors.ts';
import { isRequiredMarker, type Token } from './lexer.ts';

export class Cursor {
  index = 0;

  constructor(
    readonly tokens: Token[],
    readonly sql: string,
    /** Whether quoted strings may be Jinja placeholders (see ParseOptions.templates). */
    readonly templates: boolean,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** The last token consumed. */
  get previous(): Token {
    return this.tokens[this.index - 1]!;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  isKeyword(keyword: string, ahead = 0): boolean {
    return this.peek(ahead).keyword === keyword;
  }

  isOperator(op: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'operator' && token.text === op;
  }

  acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(keyword)) return false;
    this.index++;
    return true;
  }

  acceptOperator(op: string): boolean {
    if (!this.isOperator(op)) return false;
    this.index++;
    return true;
  }

  expectKeyword(keyword: string): Token {
    if (!this.isKeyword(keyword)) this.fail(keyword);
    return this.next();
  }

  expectOperator(op: string): Token {
    if (!this.isOperator(op)) this.fail(`'${op}'`);
    return this.next();
  }

  /** Throws "expected <what> but found <the current token>" at the current token. */
  fail(what: string, token: Token = this.peek()): never {
    throw new StatementSyntaxError(`expected ${what} but found ${describeToken(token)}`, token.pos);
  }

  error(reason: string, pos: Pos = this.peek().pos): never {
    throw new StatementSyntaxError(reason, pos);
  }

  /** The source text from token `start` through the last token consumed. */
  textFrom(start: number): string {
    return this.sql.slice(this.tokens[start]!.pos.offset, this.previous.end);
  }

  /**
   * Whether a `required` marker follows the item that ended at token `end`: a marker comment
   * before the next token, or, when that token is the list's comma, before the token after it
   * (`'{{ a }}', -- required`).
   */
  requiredAfter(end: number): boolean {
    const following = this.tokens[end + 1];
    if (following === undefined) return false;
    if (following.comments.some(isRequiredMarker)) return true;
    const isComma = following.kind === 'operator' && following.text === ',';
    return isComma && (this.tokens[end + 2]?.comments.some(isRequiredMarker) ?? false);
  }
}

/** How a token is named in an error message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of input';
    case 'string':
      return `string ${abbreviate(token.text)}`;
    case 'placeholder':
      return `placeholder ${abbreviate(token.text)}`;
    case 'hint':
      return `hint ${abbreviate(token.text)}`;
    default:
      return `'${abbreviate(token.text)}'`;
  }
}

function abbreviate(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}
