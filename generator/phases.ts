/**
 * The phases of a run, as progress reports them: `read` (list and read the pages), `parse`
 * (extract the pages the cache does not hold), `emit` (each resource's files, emitted or kept from
 * the last run, staged as they come), `write` (the run's files made the output folder).
 * `done`/`total` count the phase's own units (pages, resources, files), never the whole run's.
 */
export type Phase = 'read' | 'parse' | 'emit' | 'write';

export interface PhaseProgress {
  phase: Phase;
  done: number;
  total: number;
}

export type ProgressListener = (progress: PhaseProgress) => void;
