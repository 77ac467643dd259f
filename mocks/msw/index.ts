/**
 * The mock over msw: the middleware's routes backed by the engine (`createStackqlHandlers`), and
 * `stackql.*` handlers that replace the answer for one verb on one resource. Works with
 * `setupServer` (msw/node) and `setupWorker` (msw/browser) alike; nothing here imports either.
 */
export { createStackqlHandlers, MIDDLEWARE_ROUTES, type StackqlHandlersOptions } from './handlers.ts';
export {
  stackql,
  createStackqlNamespace,
  statementTarget,
  StackqlHandler,
  type StackqlNamespace,
  type StackqlResolver,
  type StackqlResolverExtras,
  type StackqlResolverResult,
  type StackqlVerb,
  type StatementByVerb,
  type TargetMatcher,
} from './stackql.ts';
export { defineResourceMock, type ExecMethodOf, type ResourceMock } from './resource.ts';
export { stackqlError, rowsResponse, toHttpResponse, parseStackqlBody, readStackqlRequest, type ParsedStackqlRequest } from './request.ts';
export { createMockEntry, type CreateHandlersOptions, type MockEntry, type MockHandlers } from './entry.ts';
export { createLazyEngine, serviceIndex, type LazyMockEngine, type ServiceIndex, type ServiceModel } from '../engine/lazy.ts';
export { loadJson } from '../engine/load-json.ts';
export { modelServiceIndex, type ModelFiles, type ModelIndexFile, type ServiceRange } from '../engine/model-index.ts';
export { rangeReader, type ByteRange, type RangeReader } from '../engine/read-range.ts';
