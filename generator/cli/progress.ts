/**
 * Progress on stderr for every phase of a run. In a terminal: a bar per phase (cli-progress) that
 * gives way to one line when the phase ends. Elsewhere (CI logs, pipes): a plain line every
 * `intervalMs` while a phase runs, and one when it ends, so a long run is never silent.
 */
import cliProgress from 'cli-progress';
import type { Phase, PhaseProgress, ProgressListener } from '../phases.ts';
import { Eta } from './eta.ts';

const UNIT: Record<Phase, string> = { read: 'pages', parse: 'pages', emit: 'resources', write: 'files' };
const HAS_ETA: Record<Phase, boolean> = { read: true, parse: true, emit: true, write: true };

export interface PhaseTiming {
  phase: Phase;
  total: number;
  seconds: number;
}

export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal: draw bars. Otherwise plain lines. */
  tty: boolean;
  /** Plain mode: the least time between two lines about the same running phase. Default 5 s. */
  intervalMs?: number;
  now?: () => number;
  /** For the bar (cli-progress writes to a stream). */
  stream?: NodeJS.WritableStream;
}

export interface Progress {
  listener: ProgressListener;
  /** Ends the running phase (its line is printed); returns every phase's timing, in order. */
  finish(): PhaseTiming[];
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 5000;
  const timings: PhaseTiming[] = [];
  let current: { phase: Phase; started: number; done: number; total: number; lastLine: number; eta: Eta; bar?: cliProgress.SingleBar } | undefined;

  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const label = (phase: Phase) => phase.padEnd(5);

  const end = () => {
    if (!current) return;
    const took = now() - current.started;
    current.bar?.stop();
    options.write(`${label(current.phase)} ${current.total} ${UNIT[current.phase]} in ${seconds(took)}\n`);
    timings.push({ phase: current.phase, total: current.total, seconds: took / 1000 });
    current = undefined;
  };

  const listener = ({ phase, done, total }: PhaseProgress) => {
    const t = now();
    if (!current || current.phase !== phase) {
      end();
      current = { phase, started: t, done, total, lastLine: t, eta: new Eta() };
      if (options.tty && options.stream) {
        // {left} is our ETA (eta.ts); cli-progress's own {eta} is what printed "NFs left".
        current.bar = new cliProgress.SingleBar(
          { stream: options.stream, format: `${label(phase)} {bar} {value}/{total} ${UNIT[phase]} {left}`, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        current.bar.start(total, done, { left: '' });
      }
      return;
    }
    current.done = done;
    current.total = total;
    current.eta.update((t - current.started) / 1000, done);
    const eta = HAS_ETA[phase] ? current.eta.text(total) : '';
    if (current.bar) {
      current.bar.setTotal(total);
      current.bar.update(done, { left: eta });
    } else if (t - current.lastLine >= interval && done < total) {
      current.lastLine = t;
      const share = total > 0 ? ` (${Math.floor((100 * done) / total)}%)` : '';
      options.write(`${label(phase)} ${done}/${total} ${UNIT[phase]}${share}, ${seconds(t - current.started)}${eta ? `, ${eta}` : ''}\n`);
    }
  };

  return {
    listener,
    finish() {
      end();
      return timings;
    },
  };
}
