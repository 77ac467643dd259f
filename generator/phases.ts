/**
 * The phases of a run, as progress reports them: `read` (list and read the pages), `parse`
 * (extract the pages the cache does not hold), `emit` (every output from the model), `write`.
 * `done`/`total` count the phase's own units (pages, emit steps, files), never the whole run's.
 */
export type Phase = 'read' | 'parse' | 'emit' | 'write';

export interface PhaseProgress {
  phase: Phase;
  done: number;
  total: number;
}

export type ProgressListener = (progress: PhaseProgress) => void;
