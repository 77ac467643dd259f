/** The StackQL statement grammar: one parser for the docs' templated examples and the mock's requests. */
export type * from './ast.ts';
export {
  parseStatement,
  parseStatements,
  parseStatementsWithSpans,
  StatementSyntaxError,
  type ParseOptions,
  type StatementSpan,
} from './parser.ts';
export type { Repair, RepairCode } from './repairs.ts';
export { tokenize, isRequiredMarker, type Token, type TokenKind, type Comment, type LexOptions } from './lexer.ts';
