/**
 * The baseline of bench/watch-edit.ts: `generate --watch` as it was before the watch session, a
 * whole generate (page cache, emit cache, staged folder swapped in) for each change, run from this
 * tree's code so both sides of the comparison share it. Prints what that watcher printed.
 *   tsx bench/watch-whole.ts <docs> <out>
 */
import { watchDocs } from '../generator/cli/watch-docs.ts';
import { generate } from '../generator/pipeline.ts';
import { defaultCacheFile } from '../generator/read-model.ts';

const [docs, out] = process.argv.slice(2) as [string, string];
const cacheFile = defaultCacheFile(docs, process.cwd());
await watchDocs(
  docs,
  {
    onReady: () => console.error(`watching ${docs} for changes`),
    onChange: async () => {
      const w = (await generate({ docs, out, cacheFile, removeOldInBackground: true })).writes!;
      console.log(`${out}: ${w.written} written, ${w.unchanged} unchanged, ${w.removed} removed`);
    },
  },
  // The debounce the watcher had.
  { debounceMs: 150 },
);
