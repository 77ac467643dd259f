/**
 * The typed clients: model in, files out (paths relative to the output folder).
 *
 *   runtime/*.ts                               the hand-written runtime, `.ts` specifiers made `.js`
 *   clients/<provider>/<service>/<resource>.ts types + one plain-data descriptor per method
 *   clients/<provider>/<service>/index.ts      `export * as <resource>`, Resources and Namespace types
 *   clients/<provider>/index.ts                `export * as <service>`, Resources and Namespace types
 *   clients/index.ts                           Resources (id → Methods), lazy loaders,
 *                                              createStackQLClient({ transport })
 *
 * Per resource only types and data are emitted; every behaviour is a generic function of the
 * runtime (resource-client.ts), so the output stays small and quick to type-check.
 */
import type { Model, Resource } from '../core/model.ts';
import type { MethodDescriptor, Slot } from '../runtime/resource-client.ts';
import { NameAllocator, docText, jsdoc, pascalCase, propertyKey, tsString } from '../core/ts-names.ts';
import { type ArgPlan, type MethodPlan, RESERVED_TYPE_NAMES, planResource } from '../core/plan.ts';
import { render } from './templates.ts';
import { type TsType, printType } from '../core/ts-types.ts';
import type { EmittedFile } from './emitted-file.ts';
import { layout, sortByPath, type ResourceHead } from './layout.ts';
export type { EmittedFile };

/** Members of the all-resources client; a provider of the same name gets no namespace. */
const CLIENT_MEMBERS = new Set(['transport', 'execute', 'run', 'query', 'render', 'resource', 'resourceIds']);

const WIDTH = 100;

/**
 * Names a resource's declarations do not take: `Slot`, which the module imported from the runtime
 * before its descriptor moved to a `.js` of its own (kept, so that no type's name changes).
 */
const IMPORTED_TYPE_NAMES = ['Slot'];

export function emitClients(model: Model): EmittedFile[] {
  const paths = layout(model.resources).paths;
  const files = model.resources.flatMap((r) => emitClientResource(r, paths.get(r.id)!));
  return sortByPath([...files, ...emitClientIndexes(model.resources)]);
}

/** One resource's client module, at its place in the layout. */
export function emitClientResource(resource: Resource, path: string): EmittedFile[] {
  const { types, descriptor } = emitResourceModule(resource, '../../../runtime/resource-client.js', path.slice(path.lastIndexOf('/') + 1));
  return [
    { path: `clients/${path}.js`, content: descriptor },
    { path: `clients/${path}.d.ts`, content: types },
  ];
}

/** The barrels (service, provider, all-resources): they need only the resources' ids and names. */
export function emitClientIndexes(all: readonly ResourceHead[]): EmittedFile[] {
  const files: EmittedFile[] = [];
  const tree = layout(all).providers;

  const loaders: Array<{ idKey: string; path: string }> = [];
  const providers: Array<Record<string, unknown>> = [];
  const providerAliases = new NameAllocator();
  for (const provider of tree) {
    const services: Array<Record<string, unknown>> = [];
    const serviceAliases = new NameAllocator();
    let resourceCount = 0;
    for (const service of provider.services) {
      const resources = service.resources.map((r) => {
        const path = r.path;
        loaders.push({ idKey: propertyKey(r.resource.id), path });
        return {
          binding: r.binding,
          file: r.file,
          idKey: propertyKey(r.resource.id),
          idLiteral: tsString(r.resource.id),
          nameKey: propertyKey(r.resource.name),
        };
      });
      resourceCount += resources.length;
      files.push({
        path: `clients/${provider.dir}/${service.dir}/index.ts`,
        content: finish(render('service-index', {
          provider: provider.name,
          service: service.name,
          providerMember: memberPath(provider.name),
          serviceMember: memberPath(service.name),
          runtime: '../../../runtime/resource-client.js',
          resources,
        })),
      });
      const alias = serviceAliases.take(`S${services.length}`);
      services.push({
        dir: service.dir,
        binding: service.binding,
        nameKey: propertyKey(service.name),
        namespaceAlias: `${alias}Namespace`,
        resourcesAlias: `${alias}Resources`,
      });
    }
    files.push({
      path: `clients/${provider.dir}/index.ts`,
      content: finish(render('provider-index', {
        provider: provider.name,
        providerMember: memberPath(provider.name),
        services,
        resourceCount,
        resourcesExtends: extendsClause(services.map((s) => s.resourcesAlias as string)),
      })),
    });
    const alias = providerAliases.take(`P${providers.length}`);
    providers.push({
      dir: provider.dir,
      nameKey: propertyKey(provider.name),
      member: !CLIENT_MEMBERS.has(provider.name),
      namespaceAlias: `${alias}Namespace`,
      resourcesAlias: `${alias}Resources`,
    });
  }
  files.push({
    path: 'clients/index.ts',
    content: finish(render('index', {
      providers,
      resourceCount: all.length,
      resourcesExtends: extendsClause(providers.map((p) => p.resourcesAlias as string)),
      loaders,
    })),
  });
  return sortByPath(files);
}

/** `.name`, or `['odd-name']` for a name that is not an identifier. */
function memberPath(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `[${tsString(name)}]`;
}

/** ` extends A, B, C` wrapped to the page width; empty when there is nothing to extend. */
function extendsClause(names: string[]): string {
  if (names.length === 0) return '';
  const line = ` extends ${names.join(', ')}`;
  if (line.length + 'export interface Resources {}'.length <= WIDTH) return line;
  return `\n  extends ${names.join(',\n    ')}`;
}

// --- one resource ---------------------------------------------------------------------------

interface Declaration {
  doc: string;
  text: string;
}

/**
 * Nested shapes (from manifests and `@@json` templates) get a name of their own, declared once per
 * resource and used by Row and every method that takes the same shape:
 * `disks: Disks | null` in Row, `disks?: Disks` in InsertArgs.
 */
class Shapes {
  readonly declarations: Declaration[] = [];
  private readonly byText = new Map<string, string>();

  constructor(private readonly names: NameAllocator) {}

  /** The type as text, through a named alias when it is multi-line or long. */
  text(type: TsType, nameHint: string, indent: string): string {
    if (type.kind === 'nullable') return `${this.text(type.type, nameHint, indent)} | null`;
    const inline = printType(type, indent);
    if (!inline.includes('\n') && inline.length <= 60) return inline;
    const key = printType(type, '');
    let name = this.byText.get(key);
    if (!name) {
      name = this.names.take(pascalCase(nameHint), '');
      this.byText.set(key, name);
      const head = `export type ${name} = `;
      this.declarations.push({ doc: '', text: `${head}${printType(type, '', WIDTH - head.length - 1)};` });
    }
    return name;
  }
}

/**
 * One resource's client, as two files: `<file>.d.ts`, the types and their doc comments (what an
 * editor shows), and `<file>.js`, only the descriptor (plain data, no imports): node, vite and
 * vitest load it as it is, with no TypeScript loader or transform (vitest-deps.ts lists clients/).
 */
export function emitResourceModule(resource: Resource, runtime: string, file: string): { types: string; descriptor: string } {
  const plan = planResource(resource);
  const names = new NameAllocator([...RESERVED_TYPE_NAMES, ...IMPORTED_TYPE_NAMES]);
  for (const m of plan.methods) {
    names.take(`${m.typeName}Args`);
    names.take(`${m.typeName}Row`);
  }
  const shapes = new Shapes(names);
  const declarations: Declaration[] = [];

  if (plan.row) {
    let members = '';
    for (const p of plan.row) {
      members += jsdoc(p.doc ?? '', '  ');
      members += `  ${propertyKey(p.name)}: ${shapes.text(p.type, p.name, '  ')};\n`;
    }
    declarations.push({ doc: 'Every column a SELECT can return.', text: `export interface Row {\n${members}}` });
  } else {
    declarations.push({ doc: 'The page lists no fields: the rows are untyped.', text: 'export type Row = Record<string, unknown>;' });
  }

  // Request bodies that several methods take alike (INSERT and UPDATE of the same manifest) are
  // declared once, as `<First>Body`, and each of those methods' Args extends it.
  const members = plan.methods.map((m) => printArgMembers(m.args, shapes, resource));
  const bodies = sharedBodies(plan.methods, members.map((a) => a.body), names);

  const argsSeen = new Map<string, string>();
  const rowsSeen = new Map<string, string>();
  const methods = plan.methods.map((m, i) => {
    const argsName = `${m.typeName}Args`;
    const { all, params, body } = members[i]!;
    const base = bodies.get(body);
    if (base && !base.declared) {
      base.declared = true;
      declarations.push({ doc: `The request body of ${listing(base.methods.map((n) => `\`${n}\``))}.`, text: `export interface ${base.name} {\n${body}}` });
    }
    const own = base ? params : all;
    const argsText = base ? (own ? `extends ${base.name} {\n${own}}` : base.name) : own ? `{\n${own}}` : '{}';
    const same = argsSeen.get(argsText);
    if (same) declarations.push({ doc: '', text: `export type ${argsName} = ${same};` });
    else {
      argsSeen.set(argsText, argsName);
      const text = argsText === '{}'
        ? `export type ${argsName} = Record<string, never>;`
        : base && !own
          ? `export type ${argsName} = ${base.name};`
          : `export interface ${argsName} ${argsText}`;
      declarations.push({ doc: '', text });
    }

    // The documented name where the member's differs (EXEC sends it; the mocks' `exec(method)` takes it).
    const named = m.descriptor.name !== undefined ? `name: ${tsString(m.descriptor.name)}; ` : '';
    let type = `{ verb: ${tsString(m.method.verb)}; ${named}args: ${argsName} }`;
    if (m.select) {
      const rowName = `${m.typeName}Row`;
      // A field set the page left empty: the method's rows are untyped.
      const all = !plan.row || m.select.columns.length === plan.row.length;
      const rowText = all
        ? 'Row'
        : m.select.columns.length === 0
          ? 'Record<string, unknown>'
          : `Pick<${wrapUnion('Row, ', m.select.columns.map(tsString), '')}>`;
      const sameRow = rowsSeen.get(rowText);
      declarations.push({ doc: '', text: `export type ${rowName} = ${sameRow ?? rowText};` });
      if (!sameRow) rowsSeen.set(rowText, rowName);
      const defaults = m.select.defaults ? wrapUnion('', m.select.defaults.map(tsString), '    ') : `keyof ${rowName}`;
      type = `{ verb: 'select'; ${named}args: ${argsName}; row: ${rowName}; defaults: ${defaults} }`;
      if (type.includes('\n') || type.length + 4 + m.key.length > WIDTH) {
        type = `{\n    verb: 'select';\n${named ? `    ${named.trim()}\n` : ''}    args: ${argsName};\n    row: ${rowName};\n    defaults: ${defaults};\n  }`;
      }
    }
    return { key: m.key, doc: jsdoc(methodDoc(m), '  '), type };
  });

  const lists = new DescriptorLists(plan.methods);
  const descriptors = plan.methods.map((m) => printDescriptor(m.descriptor, '    ', lists));

  // Row first, then the shapes it and the arguments use, then the methods' types.
  const all = [declarations[0], ...shapes.declarations, ...declarations.slice(1)];
  const types = finish(
    render('resource', {
      id: resource.id,
      source: resource.source.file,
      runtime,
      file,
      declarations: all.map((d) => ({ doc: jsdoc(d.doc, ''), text: d.text })),
      methods,
    }),
  );
  const descriptor = finish(
    render('resource-descriptor', {
      file,
      lists: lists.declarations(),
      descriptors: methods.map((m, i) => ({ key: m.key, descriptor: descriptors[i] })),
      idLiteral: tsString(resource.id),
    }),
  );
  return { types, descriptor };
}


/** `a`, `a and b`, `a, b and c`. */
function listing(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

interface SharedBody {
  name: string;
  /** The documented names of the methods that take it. */
  methods: string[];
  declared: boolean;
}

/** Body member blocks taken by two or more methods, each with its interface's name. */
function sharedBodies(methods: readonly MethodPlan[], bodies: readonly string[], names: NameAllocator): Map<string, SharedBody> {
  const users = new Map<string, number[]>();
  bodies.forEach((body, i) => {
    // One short member is cheaper written twice than extended.
    if (!body || (body.split('\n').length <= 2 && body.length < 60)) return;
    users.set(body, [...(users.get(body) ?? []), i]);
  });
  const shared = new Map<string, SharedBody>();
  for (const [body, at] of users) {
    if (at.length < 2) continue;
    const first = methods[at[0]!]!;
    shared.set(body, { name: names.take(`${first.typeName}Body`, ''), methods: at.map((i) => methods[i]!.method.name), declared: false });
  }
  return shared;
}

/** Templates end where their last tag does; files end with exactly one newline. */
function finish(text: string): string {
  return `${text.trimEnd()}\n`;
}

function methodDoc(m: MethodPlan): string {
  const parts = [docText(m.method.description)];
  if (m.method.lifecycle) parts.push(`(${docText(m.method.lifecycle, 60)})`);
  return parts.filter(Boolean).join(' ');
}

/** A method's Args members, as lines: its parameters, and the fields of its request body. */
function printArgMembers(args: ArgPlan[], shapes: Shapes, resource: Resource): { all: string; params: string; body: string } {
  let all = '';
  let params = '';
  let body = '';
  for (const a of args) {
    const doc = a.kind === 'param' ? docText(resource.params.find((p) => p.name === a.key)?.description, 160) : '';
    const text = `${jsdoc(doc, '  ')}  ${propertyKey(a.key)}${a.required ? '' : '?'}: ${shapes.text(a.type, a.key, '  ')};\n`;
    all += text;
    if (a.kind === 'param') params += text;
    else body += text;
  }
  return { all, params, body };
}

/** `prefix | 'a' | 'b'` on one line when it fits, else one member per line. */
function wrapUnion(prefix: string, members: string[], indent: string): string {
  const line = `${prefix}${members.join(' | ')}`;
  if (line.length + indent.length <= WIDTH - 20) return line;
  const inner = `${indent}  `;
  return `\n${inner}${prefix.trim() ? `${prefix.trim()}\n${inner}` : ''}| ${members.join(`\n${inner}| `)}\n${indent}`;
}

// --- descriptors as object literals -----------------------------------------------------------

function printSlot(slot: Slot): string {
  return typeof slot === 'string' ? tsString(slot) : `[${tsString(slot[0])}, ${tsString(slot[1])}]`;
}

/** `[a, b]` on one line when it fits, else filled line by line to the page width. */
function printList(items: string[], indent: string): string {
  const line = `[${items.join(', ')}]`;
  if (line.length + indent.length + 12 <= WIDTH) return line;
  const inner = `${indent}  `;
  const lines: string[] = [];
  let current = '';
  for (const item of items) {
    const next = current ? `${current} ${item},` : `${item},`;
    if (current && inner.length + next.length > WIDTH) {
      lines.push(current);
      current = `${item},`;
    } else current = next;
  }
  lines.push(current);
  return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
}

const DESCRIPTOR_KEYS = ['verb', 'name', 'hint', 'directives', 'columns', 'where', 'values', 'set', 'args', 'json', 'body', 'returning', 'required'] as const;

/** A list shorter than this is written out wherever it occurs. */
const SHARED_LIST_MIN = 20;

/**
 * The lists of a resource's descriptors that occur more than once (the same RETURNING on every
 * method, the same columns for `get` and `aggregated_list`, `required` equal to `where`): declared
 * once as a module constant named after the key of its first use (`returning`, `where2`).
 */
export class DescriptorLists {
  private readonly byText = new Map<string, { key: string; name: string; text: string; count: number }>();

  constructor(methods: ReadonlyArray<{ descriptor: MethodDescriptor }>) {
    for (const m of methods) {
      for (const key of DESCRIPTOR_KEYS) {
        const value = m.descriptor[key];
        if (value === undefined || typeof value === 'string') continue;
        const items = (value as readonly Slot[]).map(printSlot);
        const text = `[${items.join(', ')}]`;
        const seen = this.byText.get(text);
        if (seen) seen.count++;
        else this.byText.set(text, { key, name: '', text: printList(items, ''), count: 1 });
      }
    }
    // Named after the first place each occurs: `where`, `where2`, … (keys never clash with `resource`).
    const names = new NameAllocator();
    for (const l of this.shared()) l.name = names.take(l.key, '');
  }

  /** The constant's name for this list, when it is shared. */
  nameOf(text: string): string | undefined {
    return this.isShared(text) ? this.byText.get(text)!.name : undefined;
  }

  private isShared(text: string): boolean {
    const list = this.byText.get(text);
    return list !== undefined && list.count > 1 && text.length >= SHARED_LIST_MIN;
  }

  /** `const name = [...];`, one per shared list, in order of first use (the descriptor's `.js`). */
  declarations(): string[] {
    return this.shared().map((l) => `const ${l.name} = ${l.text};`);
  }

  private shared() {
    return [...this.byText].filter(([text]) => this.isShared(text)).map(([, l]) => l);
  }
}

export function printDescriptor(d: MethodDescriptor, indent: string, lists?: DescriptorLists): string {
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const key of DESCRIPTOR_KEYS) {
    const value = d[key];
    if (value === undefined) continue;
    let text: string;
    if (typeof value === 'string') text = tsString(value);
    else {
      const items = (value as readonly Slot[]).map(printSlot);
      text = lists?.nameOf(`[${items.join(', ')}]`) ?? printList(items, inner);
    }
    lines.push(text === key ? key : `${key}: ${text}`);
  }
  // On one line when it fits (`    get: { … },` in the module): the descriptor is data, read by the runtime.
  const line = `{ ${lines.join(', ')} }`;
  if (!line.includes('\n') && indent.length + line.length + 16 <= WIDTH) return line;
  return `{\n${lines.map((l) => `${inner}${l},`).join('\n')}\n${indent}}`;
}
