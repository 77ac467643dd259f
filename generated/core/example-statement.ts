/**
 * An example's statement tree, read from its SQL text when asked. model.json stores the text only
 * (the trees were half of a provider's model): the parser is fast, and reading the same text in
 * docs mode gives the same tree extraction saw (test/emit/example-statement.test.ts checks every
 * example of docs/ and of the corpus). Kept per example object, so a consumer that asks twice
 * parses once.
 */
import type { Example } from './model.js';
import { parseStatementsWithSpans, StatementSyntaxError, type Statement } from './sql/index.js';

const parsed = new WeakMap<Example, Statement | null>();

/** The example's statement; undefined when it did not parse (`parseError`) or holds no text. */
export function exampleStatement(example: Example): Statement | undefined {
  const known = parsed.get(example);
  if (known !== undefined) return known ?? undefined;
  const statement = example.parseError === undefined && example.sql !== '' ? parseExampleSql(example.sql) : undefined;
  parsed.set(example, statement ?? null);
  return statement;
}

/**
 * The docs-mode reading of one example's text (repairs applied, as extraction did). Text that is
 * not exactly one statement gives undefined: the model says an example is one statement.
 */
export function parseExampleSql(sql: string): Statement | undefined {
  try {
    const spans = parseStatementsWithSpans(sql, { onRepair: () => undefined });
    return spans.length === 1 ? spans[0].statement : undefined;
  } catch (error) {
    if (error instanceof StatementSyntaxError) return undefined;
    throw error;
  }
}
