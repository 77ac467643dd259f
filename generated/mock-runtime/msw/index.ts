/**
 * The mock over msw: the middleware's routes backed by the engine (`createStackqlHandlers`), and
 * `stackql.*` handlers that replace the answer for one verb on one resource. Works with
 * `setupServer` (msw/node) and `setupWorker` (msw/browser) alike; nothing here imports either.
 */
export { createStackqlHandlers, MIDDLEWARE_ROUTES, type StackqlHandlersOptions } from './handlers.js';
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
} from './stackql.js';
export { defineResourceMock, type ExecMethodOf, type ResourceMock } from './resource.js';
export { stackqlError, rowsResponse, toHttpResponse, parseStackqlBody, readStackqlRequest, type ParsedStackqlRequest } from './request.js';
export { createMockEntry, type CreateHandlersOptions, type MockEntry, type MockHandlers } from './entry.js';
export { createLazyEngine, serviceIndex, type LazyMockEngine, type ServiceIndex, type ServiceModel } from '../engine/lazy.js';
export { loadJson } from '../engine/load-json.js';
export { modelServiceIndex, type ModelFiles, type ModelIndexFile, type ServiceRange } from '../engine/model-index.js';
export { rangeReader, type ByteRange, type RangeReader } from '../engine/read-range.js';
