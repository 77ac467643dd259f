/**
 * `npm run mock` / `stackql-docgen mock`: serves from a child process with a larger young
 * generation (young-generation.ts), unless this process was started with one or is being
 * inspected; then here. Nothing else is loaded before that is decided, so the process that only
 * waits for its child stays small. The command itself (options, engine, server) is cli-main.ts.
 */
import { fileURLToPath } from 'node:url';
import { relaunchWithYoungGeneration } from './young-generation.ts';

if (!relaunchWithYoungGeneration(fileURLToPath(import.meta.url))) await import('./cli-main.ts');
