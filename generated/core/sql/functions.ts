/**
 * The SQL functions a StackQL statement can call: SQLite's (StackQL evaluates rows with SQLite; the
 * list is what sql.js's build reports with `PRAGMA function_list`), the table functions json_each
 * and json_tree, and split_part and regexp, which StackQL adds. A docs' example calling anything
 * else (`string('{{ ... }}')`, a stack-deploy template) cannot run: see core/doc-defects.ts.
 */
import type { Statement } from './ast.js';

export const SQL_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'atn2', 'avg', 'ceil',
  'ceiling', 'changes', 'char', 'charindex', 'coalesce', 'concat', 'concat_ws', 'cos', 'cosh',
  'cot', 'coth', 'count', 'cume_dist', 'current_date', 'current_time', 'current_timestamp', 'date',
  'datetime', 'degrees', 'dense_rank', 'difference', 'exp', 'first_value', 'floor', 'format',
  'fts3_tokenizer', 'glob', 'group_concat', 'hex', 'if', 'ifnull', 'iif', 'instr', 'json',
  'json_array', 'json_array_insert', 'json_array_length', 'json_each', 'json_error_position',
  'json_extract', 'json_group_array', 'json_group_object', 'json_insert', 'json_object',
  'json_patch', 'json_pretty', 'json_quote', 'json_remove', 'json_replace', 'json_set',
  'json_tree', 'json_type', 'json_valid', 'jsonb', 'jsonb_array', 'jsonb_array_insert',
  'jsonb_extract', 'jsonb_group_array', 'jsonb_group_object', 'jsonb_insert', 'jsonb_object',
  'jsonb_patch', 'jsonb_remove', 'jsonb_replace', 'jsonb_set', 'julianday', 'lag',
  'last_insert_rowid', 'last_value', 'lead', 'leftstr', 'length', 'like', 'likelihood', 'likely',
  'ln', 'log', 'log10', 'log2', 'lower', 'lower_quartile', 'ltrim', 'match', 'matchinfo', 'max',
  'median', 'min', 'mod', 'mode', 'nth_value', 'ntile', 'nullif', 'octet_length', 'offsets',
  'optimize', 'padc', 'padl', 'padr', 'percent_rank', 'pi', 'pow', 'power', 'printf', 'proper',
  'quote', 'radians', 'random', 'randomblob', 'rank', 'regexp', 'replace', 'replicate', 'reverse',
  'rightstr', 'round', 'row_number', 'rtrim', 'sign', 'sin', 'sinh', 'snippet', 'split_part',
  'sqlite_compileoption_get', 'sqlite_compileoption_used', 'sqlite_log', 'sqlite_source_id',
  'sqlite_version', 'sqrt', 'square', 'stdev', 'strfilter', 'strftime', 'string_agg', 'substr',
  'substring', 'subtype', 'sum', 'tan', 'tanh', 'time', 'timediff', 'total', 'total_changes',
  'trim', 'trunc', 'typeof', 'unhex', 'unicode', 'unistr', 'unistr_quote', 'unixepoch', 'unlikely',
  'upper', 'upper_quartile', 'variance', 'zeroblob',
]);

/** The names of the functions a statement calls, lower case, in order of appearance, once each. */
export function functionsCalled(statement: Statement): string[] {
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record['type'] === 'call' && typeof record['name'] === 'string') found.add(record['name'].toLowerCase());
    for (const value of Object.values(record)) if (value && typeof value === 'object') walk(value);
  };
  walk(statement);
  return [...found];
}
