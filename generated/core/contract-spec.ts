/**
 * What a generated contract suite knows about its resource: plain data, computed from the model by
 * generator/emit/contract-spec.ts and passed to `contractSuite(resource, rowValidator, spec)`. The
 * client's own descriptor (`resource`) and the row validator come from the generated client and
 * validator modules; this adds what only the docs say (required params, examples, identity).
 */
import type { StatementShape } from './statement-shape.js';

export type Verb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';

export interface ContractSpec {
  /** provider.service.resource */
  id: string;
  /** The doc page the resource comes from. */
  source?: string;
  /** The resource's documented params: names a row may carry besides its fields. */
  params: string[];
  methods: MethodContract[];
  examples: ExampleContract[];
  roundTrip?: RoundTripContract;
  /** Why the resource gets no create → get → list → update → delete round trip. */
  noRoundTrip?: string;
}

export interface MethodContract {
  /** The method's member on the generated client. */
  key: string;
  /** Its name in the docs. */
  name: string;
  verb: Verb;
  /** The docs' required params (`data__x` and `x` stand for each other). */
  required: string[];
  /** Arguments for the call: sample values for the params and body fields the docs' example uses, and every required one. */
  args: Record<string, unknown>;
  /** The docs' example for this method, as a shape. */
  example?: { line: number; shape: StatementShape };
  /** SELECT: the columns the method returns (its fields tab, else every field); absent when the page lists none. */
  fields?: string[];
  /** Each required param (and the argument that carries it) whose absence no other method covers: the server must refuse the statement without it. */
  withoutRequired?: Array<{ param: string; arg: string }>;
  /**
   * SELECT by key: where real key values come from, so that the call finds a row. The lookup
   * method is called first and its first row's fields fill these arguments (`fill`: argument →
   * field); when it finds nothing, the sample values stay.
   */
  lookup?: RoundTripStep & { fill: Record<string, string> };
  /** Why the method is not called (the docs give nothing the client can write). */
  skip?: string;
  /** SELECT: why its `SELECT *` rows are not checked against its fields (another method takes the same params). */
  starSkip?: string;
}

export interface ExampleContract {
  /** Line of the example in the doc page. */
  line: number;
  verb: string;
  method?: string;
  /** The example with its placeholders filled (generator/core/sample-values.ts). */
  sql: string;
  /** Only reads (SELECT, SHOW, DESCRIBE): runs against a real server without CONTRACT_ALLOW_MUTATIONS. */
  readOnly: boolean;
  /** Why it is not run (its SQL does not parse once filled). */
  skip?: string;
}

/** One call of the round trip: a method and its arguments; `key` maps argument → index in the row's key. */
export interface RoundTripStep {
  method: string;
  args: Record<string, unknown>;
  key?: Record<string, number>;
  /** SELECT: the columns to ask for (so the key fields come back). */
  columns?: string[];
}

export interface RoundTripContract {
  create: RoundTripStep;
  get: RoundTripStep;
  list: RoundTripStep;
  update?: RoundTripStep & {
    /** Fields the update sets → its argument that sets them: get must read the new values back. */
    expect: Record<string, string>;
  };
  delete: RoundTripStep;
  /** Per part of the key: the row field that carries it (null: none does). */
  keyFields: Array<string | null>;
  /** The create's arguments whose values are the key, when it gives the key; else the key is read off the created row. */
  keyFromCreate?: string[];
  /** Fields the create sets → the create's argument that sets them: get must read the values back. */
  readBack: Record<string, string>;
}
