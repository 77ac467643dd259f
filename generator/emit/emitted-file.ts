/** One file an emitter produces: what `generate` writes, compares (--check) and lists. */
export interface EmittedFile {
  /** Relative to the output folder, forward slashes. */
  path: string;
  content: string;
}
