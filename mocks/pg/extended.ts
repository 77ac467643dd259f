/**
 * The extended query protocol, as Postgres defines it (stackql srv's re-sends RowDescription after
 * Execute, which breaks psycopg 3 with parameters): Parse keeps a statement (first of its `;` parts,
 * `$n` counted), Bind makes a portal with the values bound as literals (parameters.ts), Describe
 * and Execute run the portal once and keep its answer (Execute may fetch it in slices), Close
 * forgets, Sync ends the implicit transaction and its portals. A failing message throws; the
 * session answers it and drops everything up to Sync.
 */
import { statementsOf } from '../../generator/runtime/split-queries.ts';
import { StatementError, type Answer } from './answer.ts';
import { BodyReader, decodeUtf8, printable, ProtocolViolation } from './client-messages.ts';
import { OID } from './column-types.ts';
import { housekeeping } from './housekeeping.ts';
import { bindParameters, parameterCount } from './parameters.ts';
import type { MessageWriter } from './server-messages.ts';

/** What the protocol needs of its session. */
export interface ExtendedHost {
  out: MessageWriter;
  /** Runs one statement (logged, housekeeping included). */
  run(statement: string): Promise<Answer>;
  /** Writes CommandComplete (and the notices, in debug mode). */
  complete(notices: readonly string[]): void;
}

interface Prepared {
  query: string;
  paramTypes: number[];
  paramCount: number;
}

interface Portal {
  query: string;
  answer?: Answer;
  /** Rows already sent by Executes with a row limit. */
  sent: number;
}

const READ_WORDS = new Set(['SELECT', 'SHOW', 'DESCRIBE', 'DESC', 'REGISTRY']);

export class ExtendedProtocol {
  private readonly statements = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();

  constructor(private readonly host: ExtendedHost) {}

  /** Sync: the implicit transaction ends, and with it every portal. */
  sync(): void {
    this.portals.clear();
  }

  parse(body: Buffer): void {
    const r = new BodyReader(body, 'Parse message');
    const name = r.cstring();
    const text = r.cstring();
    const count = r.int16();
    if (count < 0) throw new ProtocolViolation(`invalid parameter count ${count} in Parse message`);
    const paramTypes: number[] = [];
    for (let i = 0; i < count; i++) paramTypes.push(r.int32());
    r.end();
    if (name !== '' && this.statements.has(name)) throw new StatementError('42P05', `prepared statement "${name}" already exists`);
    const parts = statementsOf(text);
    if (parts.length > 1) throw new StatementError('42601', 'cannot insert multiple commands into a prepared statement');
    const query = parts[0] ?? '';
    this.statements.set(name, { query, paramTypes, paramCount: Math.max(count, parameterCount(query)) });
    this.host.out.parseComplete();
  }

  bind(body: Buffer): void {
    const r = new BodyReader(body, 'Bind message');
    const portalName = r.cstring();
    const statementName = r.cstring();
    const formats: number[] = [];
    for (let i = r.int16(); i > 0; i--) formats.push(r.int16());
    const count = r.int16();
    const values: Array<Buffer | null> = [];
    for (let i = 0; i < count; i++) {
      const n = r.int32();
      values.push(n === -1 ? null : r.bytes(n));
    }
    const resultFormats: number[] = [];
    for (let i = r.int16(); i > 0; i--) resultFormats.push(r.int16());
    r.end();

    const prepared = this.statements.get(statementName);
    if (prepared === undefined) throw new StatementError('26000', `prepared statement "${statementName}" does not exist`);
    if (count !== prepared.paramCount) {
      throw new StatementError('08P01', `bind message supplies ${count} parameters, but prepared statement "${statementName}" requires ${prepared.paramCount}`);
    }
    if (formats.length > 1 && formats.length !== count) throw new ProtocolViolation(`bind message has ${formats.length} parameter formats but ${count} parameters`);
    if (formats.some((f) => f !== 0)) throw new StatementError('0A000', 'binary parameter format is not supported: send parameters as text');
    if (resultFormats.some((f) => f !== 0)) throw new StatementError('0A000', 'binary result format is not supported: StackQL answers in text');
    if (portalName !== '' && this.portals.has(portalName)) throw new StatementError('42P03', `portal "${portalName}" already exists`);
    const text = values.map((v, i) => (v === null ? null : decodeUtf8(v, `Bind parameter $${i + 1}`)));
    this.portals.set(portalName, { query: bindParameters(prepared.query, text), sent: 0 });
    this.host.out.bindComplete();
  }

  /** The portal's answer, computed once, on the first Describe or Execute. */
  private async portalAnswer(portal: Portal): Promise<Answer> {
    if (portal.answer === undefined) {
      portal.answer = portal.query.trim() === '' ? { kind: 'command', notices: [] } : await this.host.run(portal.query);
    }
    return portal.answer;
  }

  async describe(body: Buffer): Promise<void> {
    const r = new BodyReader(body, 'Describe message');
    const kind = String.fromCharCode(r.byte());
    const name = r.cstring();
    r.end();
    if (kind === 'P') {
      const portal = this.portals.get(name);
      if (portal === undefined) throw new StatementError('34000', `portal "${name}" does not exist`);
      const answer = await this.portalAnswer(portal);
      if (answer.kind === 'error') throw new StatementError(answer.code, answer.message);
      if (answer.kind === 'rows') this.host.out.rowDescription(answer.columns);
      else this.host.out.noData();
      return;
    }
    if (kind !== 'S') throw new ProtocolViolation(`invalid Describe kind '${printable(kind)}': expected 'S' or 'P'`);
    const prepared = this.statements.get(name);
    if (prepared === undefined) throw new StatementError('26000', `prepared statement "${name}" does not exist`);
    const oids = Array.from({ length: prepared.paramCount }, (_, i) => prepared.paramTypes[i] || OID.text);
    const reads = READ_WORDS.has(firstWord(prepared.query)) || housekeeping(prepared.query)?.kind === 'rows';
    if ((reads && prepared.paramCount > 0) || /\breturning\b/i.test(prepared.query)) {
      // The columns are only known by running the statement, which needs its parameters (or, for
      // RETURNING, would write): describe the portal after Bind instead.
      throw new StatementError('0A000', 'the mock cannot describe this prepared statement before it is bound: describe the portal instead');
    }
    this.host.out.parameterDescription(oids);
    if (!reads) {
      this.host.out.noData();
      return;
    }
    // A read changes nothing, so running it is how its columns are learned.
    const answer = await this.host.run(prepared.query);
    if (answer.kind === 'error') throw new StatementError(answer.code, answer.message);
    if (answer.kind === 'rows') this.host.out.rowDescription(answer.columns);
    else this.host.out.noData();
  }

  async execute(body: Buffer): Promise<void> {
    const r = new BodyReader(body, 'Execute message');
    const name = r.cstring();
    const limit = r.int32();
    r.end();
    const portal = this.portals.get(name);
    if (portal === undefined) throw new StatementError('34000', `portal "${name}" does not exist`);
    const answer = await this.portalAnswer(portal);
    if (answer.kind === 'error') throw new StatementError(answer.code, answer.message);
    if (answer.kind === 'rows') {
      const end = limit > 0 ? Math.min(answer.rows.length, portal.sent + limit) : answer.rows.length;
      for (let i = portal.sent; i < end; i++) this.host.out.dataRow(answer.rows[i]);
      portal.sent = end;
      if (end < answer.rows.length) {
        this.host.out.portalSuspended();
        return;
      }
    }
    this.host.complete(answer.notices);
  }

  close(body: Buffer): void {
    const r = new BodyReader(body, 'Close message');
    const kind = String.fromCharCode(r.byte());
    const name = r.cstring();
    r.end();
    if (kind === 'S') this.statements.delete(name);
    else if (kind === 'P') this.portals.delete(name);
    else throw new ProtocolViolation(`invalid Close kind '${printable(kind)}': expected 'S' or 'P'`);
    this.host.out.closeComplete();
  }
}

function firstWord(query: string): string {
  return /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*([A-Za-z]+)/.exec(query)?.[1]?.toUpperCase() ?? '';
}
