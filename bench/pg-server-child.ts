/**
 * The server side of bench/mock-pg.ts: one engine behind both fronts (startMockServer with `pg`),
 * run under `node --expose-gc` so the bench can ask for a collection before reading memory. Prints
 * `ready <http url> <pg port>`, then answers each stdin line `stats` with one JSON line: RSS, heap,
 * open file descriptors and pg connections, measured after a full GC.
 */
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createMockEngine } from '../mocks/engine/index.ts';
import { readModelFile } from '../mocks/server/model.ts';
import { startMockServer } from '../mocks/server/server.ts';

const model = readModelFile(process.argv[2]!);
const engine = createMockEngine({ model });
const running = await startMockServer(engine, { port: 0, pg: { port: 0 } });
console.log(`ready ${running.url} ${running.pg!.port}`);

const gc = (globalThis as { gc?: () => void }).gc;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stats') return;
  gc?.();
  gc?.();
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      fds: readdirSync('/proc/self/fd').length,
      connections: running.pg!.connections,
    }),
  );
});
process.on('SIGTERM', () => void running.close(200).then(() => process.exit(0)));
