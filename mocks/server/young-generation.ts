/**
 * The mock server's young generation: V8 collects short-lived objects (each request's parser
 * state, strings, answer) in a "scavenge" that stops the thread for a few milliseconds, every time
 * the semi-space (16 MiB at most by default) fills. A request costs the mock ~9 KB (a SELECT) to
 * ~13 KB (an INSERT) of such objects, so the default collects about once per 1,000-1,800
 * requests; with 10 keep-alive clients each pause holds back ~10 of them: about 1% of requests,
 * exactly where the p99 latency is measured (bench/mock-server.ts: INSERT p99 9-12 ms while p50
 * is 0.45 ms). With 32 MiB semi-spaces it is half as often, ~0.5% of requests: off the p99.
 *
 * The size is fixed when the process starts (v8.setFlagsFromString cannot change it later), so
 * `stackql-docgen mock` (and `npm run mock`) start the server in a child process with
 * `--max-semi-space-size=32`, inheriting the terminal, the working folder, the other Node flags
 * and the arguments, and passing SIGINT/SIGTERM/SIGHUP on; the parent exits with the child's code.
 * Not relaunched: when the process was started with a --max-semi-space-size already (a flag or
 * NODE_OPTIONS: that is how to choose another size, 16 being V8's own), or under an inspector or
 * profiler (--inspect*, --cpu-prof, --heap-prof, --prof: they would watch the wrong process), nor
 * for --help.
 * A program that serves the mock itself (startMockServer) is started by its author: run it with
 * `node --max-semi-space-size=32` (or NODE_OPTIONS) for the same effect. The cost: up to ~48 MiB
 * more memory (two semi-spaces, and a copy space while collecting).
 */
import { spawn } from 'node:child_process';

export const MOCK_SEMI_SPACE_MB = 32;

const SIZE_FLAG = '--max-semi-space-size';
const WATCHING = /^--(inspect|inspect-brk|inspect-wait|cpu-prof|heap-prof|prof)(\b|=|-|$)/;

/** Whether Node flags (execArgv, or the words of NODE_OPTIONS) already decide, or must keep, this process. */
export function keepsProcess(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const flags = [...execArgv, ...(nodeOptions ?? '').split(/\s+/).filter((w) => w !== '')];
  return flags.some((f) => f === SIZE_FLAG || f.startsWith(`${SIZE_FLAG}=`) || WATCHING.test(f));
}

/**
 * Starts `script` again in a child process with the mock's young generation, unless this process
 * should keep running it (see keepsProcess). True when relaunched: the caller must then do nothing
 * more (this process only waits for the child and exits with its code).
 */
export function relaunchWithYoungGeneration(script: string): boolean {
  if (keepsProcess(process.execArgv, process.env['NODE_OPTIONS'])) return false;
  // Nothing to serve: the help is printed here, without starting a second process for it.
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) return false;
  const child = spawn(process.execPath, [...process.execArgv, `${SIZE_FLAG}=${MOCK_SEMI_SPACE_MB}`, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  const pass = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, pass(signal));
  child.on('error', (error) => {
    console.error(`mock: cannot start the server process: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128 + signalNumber(signal))));
  return true;
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : signal === 'SIGHUP' ? 1 : 9;
}
