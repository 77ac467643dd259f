/**
 * The contract runtime: what generated contract suites call (suite.ts), the row validators
 * (validate.ts, also used by the generated `validators/`), statement shapes (shape.ts) and the
 * drift report (drift.ts, reporter.ts). Copied into the generated folder as `contract-runtime/`.
 */
export {
  createContractHarness,
  contractSettings,
  defineContractSuite,
  MOCK_BASE_URL,
  type ContractHarness,
  type ContractHarnessOptions,
  type ContractSettings,
  type MockModule,
} from './suite.ts';
export { deriveContractSpec } from './spec.ts';
export type { Refuses, RefusalTable } from './type-checks.ts';
export type { ContractSpec, MethodContract, ExampleContract, RoundTripContract, RoundTripStep, Verb } from '../../generator/core/contract-spec.ts';
export {
  createRowValidator,
  defineRowValidator,
  rowCheck,
  compileRowCheck,
  newRowCheckAjv,
  validateRow,
  validateRows,
  describeValue,
  RowValidationError,
  type CheckError,
  type CompiledCheck,
  type RowValidator,
  type RowValidatorModule,
  type ValidateOptions,
  type Violation,
  type ViolationKind,
} from './validate.ts';
export { compareShapes, shapeOf, statementShape, suppliedNames, supplies, jsonKeys, type ShapeDifference, type StatementShape } from '../../generator/core/statement-shape.ts';
export {
  buildReport,
  renderMarkdown,
  summaryLines,
  sortEntries,
  paramsNamedIn,
  missingParamsIn,
  saysMissingParam,
  DRIFT_KINDS,
  type DriftCheck,
  type DriftEntry,
  type DriftKind,
  type DriftReport,
} from './drift.ts';
