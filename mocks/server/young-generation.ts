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
 * `--min-semi-space-size=32 --max-semi-space-size=32` (and, on one CPU, `--single-threaded-gc`:
 * below), inheriting the terminal, the working folder, the other Node flags
 * and the arguments, and passing SIGINT/SIGTERM/SIGHUP on; the parent exits with the child's code.
 * It is decided before anything else is loaded (generator/cli/bin.ts, cli.ts), and this module
 * imports Node built-ins only: the parent waits on the server's CPU, and whatever it loaded is a heap
 * V8 compacts once it is idle (README: the waiting process).
 * Not relaunched: when the process was started with a --max-semi-space-size or
 * --min-semi-space-size already (a flag, or --max-semi-space-size in NODE_OPTIONS, which refuses the
 * other: that is how to choose another size, 16 being V8's own), or under an inspector or
 * profiler (--inspect*, --cpu-prof, --heap-prof, --prof: they would watch the wrong process), nor
 * for --help.
 * A program that serves the mock itself (startMockServer) is started by its author: run it with
 * `node --min-semi-space-size=32 --max-semi-space-size=32` for the same effect (not NODE_OPTIONS:
 * node refuses --min-semi-space-size there).
 *
 * Fixed, not only allowed to grow to 32 MiB (`--min-semi-space-size` too): V8 starts the young
 * generation at 1 MiB and grows it only while much survives a scavenge, and shrinks it again to its
 * minimum after a memory-reducing mark-compact (which V8 runs when the process has been idle for a
 * few seconds: between two test runs, or a server the bench stopped while it measured another).
 * An INSERT load leaves almost nothing alive in the young generation (stored-row.ts), so once
 * shrunk it never grew back: measured (bench server, `--gc`, rounds after 20 s stopped) 168 and 200
 * scavenges of a 1 MiB space per 3 s round where a 32 MiB one has 8 to 22, each holding back
 * the ~10 requests in flight; bench/results of stop 22 show the same (74 and 129 scavenges in its
 * 4th and 5th INSERT rounds). The cost: ~64 MiB of young generation from the start (two 32 MiB
 * semi-spaces) instead of up to that much.
 *
 * On one CPU (the process may run on one only: `taskset -c 1`, a one-CPU container or VM) the
 * collector also runs without helper threads (`--single-threaded-gc`). Its helpers (4 by default:
 * concurrent marking, parallel scavenging, concurrent sweeping) cannot run beside the thread that
 * serves there, only take turns with it, a scheduler slice at a time, while requests wait: measured
 * (bench server pinned to one CPU, INSERT load, rounds with a mark-compact) the serving thread
 * waited 158 to 221 ms per 3 s round for its CPU, 52 ms in a round without one; single-threaded,
 * 80 ms in a round with two mark-compacts, whose pause grew by ~1 ms (the marking is then done
 * in small steps by the serving thread itself). With more CPUs the helpers do run beside it and
 * are kept.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

export const MOCK_SEMI_SPACE_MB = 32;

const SIZE_FLAG = '--max-semi-space-size';
const MIN_SIZE_FLAG = '--min-semi-space-size';
const WATCHING = /^--(inspect|inspect-brk|inspect-wait|cpu-prof|heap-prof|prof)(\b|=|-|$)/;

/** Whether Node flags (execArgv, or the words of NODE_OPTIONS) already decide, or must keep, this process. */
export function keepsProcess(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const flags = [...execArgv, ...(nodeOptions ?? '').split(/\s+/).filter((w) => w !== '')];
  return flags.some((f) => [SIZE_FLAG, MIN_SIZE_FLAG].some((size) => f === size || f.startsWith(`${size}=`)) || WATCHING.test(f));
}

/**
 * The Node flags of the serving process: the young generation fixed at MOCK_SEMI_SPACE_MB, and the
 * garbage collector without helper threads when the process has one CPU to run on (`cpus`:
 * os.availableParallelism(), which counts the CPUs the process may use, so `taskset` is seen).
 */
export function youngGenerationFlags(cpus: number): string[] {
  const flags = [`${MIN_SIZE_FLAG}=${MOCK_SEMI_SPACE_MB}`, `${SIZE_FLAG}=${MOCK_SEMI_SPACE_MB}`];
  if (cpus <= 1) flags.push('--single-threaded-gc');
  return flags;
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
  // The child inherits this process's CPUs (its affinity), so they are counted here.
  const child = spawn(process.execPath, [...process.execArgv, ...youngGenerationFlags(availableParallelism()), script, ...process.argv.slice(2)], { stdio: 'inherit' });
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
