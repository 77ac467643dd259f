/**
 * One suite's connection and calls: the transport (the generated MSW handlers, or CONTRACT_TARGET:
 * http:// or postgres://),
 * the client bound to the resource, and the calls the tests make through it, each traced on the
 * findings of the test running now.
 */
import { createClient, type StackQLClient } from '../runtime/client.js';
import { bindResource, type ResourceDescriptor } from '../runtime/resource-client.js';
import type { MethodContract } from '../core/contract-spec.js';
import type { Resource } from '../core/model.js';
import { isServerRefusal, recording, type Findings, type Outcome } from './findings.js';
import { MOCK_BASE_URL, type ContractSettings } from './settings.js';
import type { Transport } from '../runtime/transport.js';
import { connectTarget } from './target.js';
import { createHttpTransport } from '../runtime/http-transport.js';
import { handlersFetch, type RequestHandler } from './handlers-fetch.js';

/** The generated `mocks/handlers.js` as the harness needs it. */
export interface MockModule {
  createHandlers(options: { baseUrl?: string; seed?: number }): unknown[] & { readonly engine: { reset(): void } };
  /** One resource as the model holds it (mocks/msw/entry.ts MockEntry): what a suite derives its checks from. */
  resource(id: string): Promise<Resource | undefined>;
}

type BoundMethod = (args?: object, options?: object) => Promise<unknown[]>;

export class ContractSession {
  private transport: (Transport & { last?: string | undefined }) | undefined;
  private client: StackQLClient | undefined;
  private bound: Record<string, BoundMethod> = {};
  /** Closes the connection to a real target (the mock has nothing to stop). */
  private closeTarget: (() => Promise<void>) | undefined;
  private resetMock: (() => void) | undefined;
  /** The findings of the test running now (tests of one file run one at a time). */
  current: Findings | undefined;
  /** Argument values that replace the samples (CONTRACT_VALUES): '*' then this resource's. */
  readonly values: Record<string, unknown>;

  constructor(
    private readonly resource: ResourceDescriptor<any>,
    private readonly id: string,
    private readonly settings: ContractSettings,
    private readonly mocks: () => Promise<MockModule>,
  ) {
    this.values = { ...(settings.values['*'] ?? {}), ...(settings.values[id] ?? {}) };
  }

  /** Starts the mock (when there is no target) and binds the client. */
  async open(): Promise<void> {
    const baseUrl = this.settings.target;
    if (baseUrl === undefined) {
      // The generated handlers answer the client's requests through msw's own handler resolution
      // (handlersFetch: getResponse), not through a patched global fetch: nothing to start or stop,
      // and nothing another suite of the worker could see.
      const { createHandlers } = await this.mocks();
      const handlers = createHandlers({ seed: this.settings.seed, baseUrl: MOCK_BASE_URL });
      this.resetMock = () => handlers.engine.reset();
      // The engine is not closed after the suite: its SQLite runs in the process's shared thread pool
      // (engine/sqlite-thread.ts), which stops its threads once no engine is open, so closing each
      // suite's engine made the next suite that needs SQLite start a thread again (twice the CPU).
      this.transport = recording(createHttpTransport({ baseUrl: MOCK_BASE_URL, timeoutMs: this.settings.timeoutMs, fetch: handlersFetch(handlers as unknown as RequestHandler[]) }));
    } else {
      // http:// (the middleware) or postgres:// (`stackql srv`): target.ts.
      const target = connectTarget(baseUrl, this.settings.timeoutMs);
      this.closeTarget = () => target.close();
      this.transport = recording(target.transport);
    }
    this.client = createClient({ transport: this.transport });
    this.bound = bindResource(this.client, this.resource) as unknown as Record<string, BoundMethod>;
  }

  async close(): Promise<void> {
    await this.closeTarget?.();
  }

  /** Back to the mock's seeded state (nothing against a real target). */
  reset(): void {
    this.resetMock?.();
  }

  private trace(outcome: Outcome): Outcome {
    return this.current?.traced(outcome) ?? outcome;
  }

  /** The args with CONTRACT_VALUES applied. */
  withValues(args: Record<string, unknown>): Record<string, unknown> {
    const out = { ...args };
    for (const name of Object.keys(out)) if (Object.prototype.hasOwnProperty.call(this.values, name)) out[name] = this.values[name];
    return out;
  }

  /** One method of the generated client. */
  async call(method: string, args: Record<string, unknown>, columns?: readonly string[]): Promise<Outcome> {
    const fn = this.bound[method];
    if (typeof fn !== 'function') throw new Error(`the generated client of ${this.id} has no method '${method}'`);
    this.transport!.last = undefined;
    try {
      const rows = (await fn(args, columns ? { columns } : undefined)) as Record<string, unknown>[];
      return this.trace({ statement: this.transport!.last, rows });
    } catch (error) {
      if (isServerRefusal(error)) return this.trace({ statement: this.transport!.last, status: error.status, message: error.serverMessage ?? error.message });
      throw error;
    }
  }

  /** A statement as text. */
  async send(statement: string): Promise<Outcome> {
    try {
      return this.trace({ statement, rows: (await this.client!.execute(statement)).data });
    } catch (error) {
      if (isServerRefusal(error)) return this.trace({ statement, status: error.status, message: error.serverMessage ?? error.message });
      throw error;
    }
  }

  /** The method's arguments, with key values read off a listed row when the contract says where. */
  async argumentsFor(m: MethodContract): Promise<Record<string, unknown>> {
    const args = this.withValues(m.args);
    if (!m.lookup) return args;
    const found = await this.call(m.lookup.method, this.withValues(m.lookup.args), m.lookup.columns);
    const row = found.rows?.find((r) => Object.values(m.lookup!.fill).every((field) => r[field] !== null && r[field] !== undefined));
    if (row) for (const [arg, field] of Object.entries(m.lookup.fill)) if (!Object.prototype.hasOwnProperty.call(this.values, arg)) args[arg] = row[field];
    return args;
  }
}
