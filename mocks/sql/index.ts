/** The StackQL statement grammar: one parser for the docs' templated examples and the mock's requests. */
export type * from './ast.ts';
export { parseStatement, parseStatements, StatementSyntaxError, type ParseOptions } from './parser.ts';
export { tokenize, isRequiredMarker, type Token, type TokenKind, type Comment, type LexOptions } from './lexer.ts';
