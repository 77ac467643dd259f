/** The StackQL statement grammar: one parser for the docs' templated examples and the mock's requests. */
export type * from './ast.js';
export {
  parseStatement,
  parseStatements,
  parseStatementsWithSpans,
  StatementSyntaxError,
  type ParseOptions,
  type StatementSpan,
} from './parser.js';
export type { Repair, RepairCode } from './repairs.js';
export { tokenize, isRequiredMarker, type Token, type TokenKind, type Comment, type LexOptions } from './lexer.js';
