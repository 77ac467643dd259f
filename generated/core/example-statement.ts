/**
 * An example's statement tree, read from its SQL text when asked. model.json stores the text only
 * (the trees were half of a provider's model): the parser is fast, and reading the same text in
 * docs mode gives the same tree extraction saw (test/emit/example-statement.test.ts checks every
 * example of docs/ and of the corpus). Kept per example object, so a consumer that asks twice
 * parses once.
 */
import type { Example, ViewSql } from './model.js';
import { parseStatementsWithSpans, StatementSyntaxError, type SelectStatement, type Statement } from './sql/index.js';

const parsed = new WeakMap<Example | ViewSql, Statement | null>();

function statementOf(holder: Example | ViewSql): Statement | undefined {
  const known = parsed.get(holder);
  if (known !== undefined) return known ?? undefined;
  const statement = holder.parseError === undefined && holder.sql !== '' ? parseExampleSql(holder.sql) : undefined;
  parsed.set(holder, statement ?? null);
  return statement;
}

/** The example's statement; undefined when it did not parse (`parseError`) or holds no text. */
export function exampleStatement(example: Example): Statement | undefined {
  return statementOf(example);
}

/** A view definition's SELECT, read the same way (its text, repairs applied); undefined when it is not one SELECT. */
export function viewStatement(definition: ViewSql): SelectStatement | undefined {
  const statement = statementOf(definition);
  return statement?.kind === 'select' ? statement : undefined;
}

/**
 * The docs-mode reading of one example's text (repairs applied, as extraction did). Text that is
 * not exactly one statement gives undefined: the model says an example is one statement.
 */
export function parseExampleSql(sql: string): Statement | undefined {
  try {
    const [only, ...more] = parseStatementsWithSpans(sql, { onRepair: () => undefined });
    return more.length === 0 ? only?.statement : undefined;
  } catch (error) {
    if (error instanceof StatementSyntaxError) return undefined;
    throw error;
  }
}
