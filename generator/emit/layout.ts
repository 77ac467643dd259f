/**
 * The one layout of the output folder: where each resource's files go. Every emitter puts a
 * resource's files under the same `<provider dir>/<service dir>/<file>` (clients/, mocks/,
 * validators/, contract/), so one file can import another by the same relative path.
 *
 * Names come from the id's parts, made safe for every file system (case-insensitively unique,
 * `index` kept for the barrels), with binding names for the `export * as` lines. Allocation runs in
 * id order, so the same model always gives the same names.
 */
import type { Resource } from '../core/model.ts';
import { NameAllocator, safeBindingName } from '../core/ts-names.ts';

/** What the layout needs of a resource: its id and names. */
export type ResourceHead = Pick<Resource, 'id' | 'provider' | 'service' | 'name'>;

export interface ResourceNode<R extends ResourceHead = Resource> {
  resource: R;
  /** File name without extension. */
  file: string;
  binding: string;
  /** `<provider dir>/<service dir>/<file>`. */
  path: string;
}
export interface ServiceNode<R extends ResourceHead = Resource> {
  name: string;
  dir: string;
  binding: string;
  resources: Array<ResourceNode<R>>;
}
export interface ProviderNode<R extends ResourceHead = Resource> {
  name: string;
  dir: string;
  services: Array<ServiceNode<R>>;
}

export interface Layout<R extends ResourceHead = Resource> {
  providers: Array<ProviderNode<R>>;
  /** Resource id → `<provider dir>/<service dir>/<file>`. */
  paths: Map<string, string>;
}

export function layout<R extends ResourceHead>(resources: readonly R[]): Layout<R> {
  const providers = new Map<string, ProviderNode<R>>();
  const providerDirs = new NameAllocator(['index'], { caseInsensitive: true });
  const serviceDirs = new Map<ProviderNode<R>, NameAllocator>();
  const serviceBindings = new Map<ProviderNode<R>, NameAllocator>();
  const services = new Map<string, ServiceNode<R>>();
  const resourceFiles = new Map<ServiceNode<R>, NameAllocator>();
  const resourceBindings = new Map<ServiceNode<R>, NameAllocator>();
  const paths = new Map<string, string>();
  for (const resource of sortById(resources)) {
    let provider = providers.get(resource.provider);
    if (!provider) {
      provider = { name: resource.provider, dir: providerDirs.take(fileName(resource.provider)), services: [] };
      providers.set(resource.provider, provider);
      serviceDirs.set(provider, new NameAllocator(['index'], { caseInsensitive: true }));
      serviceBindings.set(provider, new NameAllocator());
    }
    const serviceKey = `${resource.provider}\u0000${resource.service}`;
    let service = services.get(serviceKey);
    if (!service) {
      service = {
        name: resource.service,
        dir: serviceDirs.get(provider)!.take(fileName(resource.service)),
        binding: serviceBindings.get(provider)!.take(safeBindingName(resource.service)),
        resources: [],
      };
      services.set(serviceKey, service);
      provider.services.push(service);
      resourceFiles.set(service, new NameAllocator(['index'], { caseInsensitive: true }));
      resourceBindings.set(service, new NameAllocator());
    }
    const file = resourceFiles.get(service)!.take(fileName(resource.name));
    const path = `${provider.dir}/${service.dir}/${file}`;
    service.resources.push({ resource, file, binding: resourceBindings.get(service)!.take(safeBindingName(resource.name)), path });
    paths.set(resource.id, path);
  }
  return { providers: [...providers.values()], paths };
}

export function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function sortByPath<T extends { path: string }>(files: T[]): T[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function fileName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[-_.]*$/, '_') || '_';
}

/** `../` for each folder of a `<provider>/<service>/<file>` path under a top-level folder: back to the output root. */
export function upFrom(path: string): string {
  return '../'.repeat(path.split('/').length);
}
