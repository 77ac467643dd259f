/**
 * `import { ... } from 'stackql-docgen'`: the config helper and the generator as a library. The
 * runtimes have their own entries: `stackql-docgen/runtime` (the client runtime), `/mocks` (the
 * mock engine), `/msw` (its msw handlers), `/contract` (the contract-suite runtime).
 */
export { defineConfig, OUTPUT_NAMES, type OutputName, type RuntimeMode, type StackqlDocgenConfig } from './config/define-config.ts';
export { loadConfig, findConfigFile, ConfigError, CONFIG_FILE_NAMES, type LoadedConfig } from './config/load-config.ts';
export { generate, type GenerateOptions, type GenerateResult, type Refusal } from './pipeline.ts';
export { readModel, readModelSync, modelOf, UnusableInputError, type ReadModelOptions, type ReadModelResult } from './read-model.ts';
export type { Phase, PhaseProgress, ProgressListener } from './phases.ts';
export type { Diagnostic, Model, ModelSummary, Resource, Severity } from './core/model.ts';
