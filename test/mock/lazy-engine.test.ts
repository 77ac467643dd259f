// The engine behind the generated mock entries (mocks/engine/lazy.ts): services are loaded when a
// request names them, listings load every service, fixtures wait for their services, and a chunk is
// read once however many engines the entry makes.
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../generator/core/model.ts';
import { createLazyEngine, serviceIndex, type ServiceModel } from '../../mocks/engine/lazy.ts';
import { modelFromDocs } from '../../mocks/server/model.ts';

const model = await modelFromDocs('docs');
const byService = new Map<string, Resource[]>();
for (const r of model.resources) byService.set(`${r.provider}.${r.service}`, [...(byService.get(`${r.provider}.${r.service}`) ?? []), r]);

function index() {
  const reads: string[] = [];
  const services = serviceIndex(
    Object.fromEntries(
      [...byService.keys()].map((key) => [
        key,
        async () => {
          reads.push(key);
          return { resources: byService.get(key)!, needs: [] } satisfies ServiceModel;
        },
      ]),
    ),
  );
  return { services, reads };
}

describe('createLazyEngine', () => {
  it('loads the service a statement names, and no other', async () => {
    const { services, reads } = index();
    const engine = createLazyEngine({ seed: 3 }, services);
    const res = await engine.query({ query: 'SELECT id, email FROM confluent.iam.invitations' });
    expect(res.status).toBe(200);
    expect(engine.loadedServices()).toEqual(['confluent.iam']);
    expect(reads).toEqual(['confluent.iam']);
    // The same answer as an engine given the whole model.
    const { createMockEngine } = await import('../../mocks/engine/index.ts');
    const whole = createMockEngine({ model, seed: 3 });
    expect((await engine.query({ query: 'SELECT id, email FROM confluent.iam.invitations', showMetadata: false })).body).toEqual(
      (await whole.query({ query: 'SELECT id, email FROM confluent.iam.invitations', showMetadata: false })).body,
    );
  });

  it('loads every service for a listing, and a second engine of the index reads nothing again', async () => {
    const { services, reads } = index();
    const engine = createLazyEngine({}, services);
    const res = await engine.query({ query: 'SHOW SERVICES IN google' });
    expect(res.status).toBe(200);
    expect(engine.loadedServices()).toEqual([...byService.keys()].sort());
    const again = createLazyEngine({}, services);
    await again.handle('GET', '/providers');
    expect(again.loadedServices()).toEqual([...byService.keys()].sort());
    expect(reads.length).toBe(byService.size);
  });

  it('applies fixtures once their service is loaded, before the first answer', async () => {
    const { services } = index();
    const engine = createLazyEngine({ fixtures: { 'confluent.iam.invitations': [{ rows: [{ id: 'fx-1', email: 'fx@example.com' }] }] } }, services);
    const res = await engine.query({ query: "SELECT id FROM confluent.iam.invitations WHERE id = 'fx-1'", showMetadata: false });
    expect(res.body).toEqual({ data: [{ id: 'fx-1' }] });
  });

  it('refuses synchronous calls on a service not loaded yet, naming ready(), and an id of no service', async () => {
    const { services } = index();
    const engine = createLazyEngine({}, services);
    expect(() => engine.load({ 'confluent.iam.invitations': [] })).toThrow(/await engine\.ready\('confluent\.iam\.invitations'\)/);
    await expect(engine.ready('nope.nothing.here')).rejects.toThrow(/names no service/);
    await engine.ready('confluent.iam.invitations');
    expect(() => engine.load({ 'confluent.iam.invitations': [] })).not.toThrow();
  });

  it('takes a promise of its index (the generated entries read it from a file): nothing is answered, or loaded, before it is known', async () => {
    const { services, reads } = index();
    let give: (index: typeof services) => void = () => {};
    const engine = createLazyEngine({}, new Promise<typeof services>((ok) => (give = ok)));
    expect(() => engine.override('confluent.iam.invitations', { latencyMs: 1 })).toThrow(/index is not read yet.*await engine\.ready\('confluent\.iam\.invitations'\)/);
    const answer = engine.query({ query: 'SELECT id FROM confluent.iam.invitations' });
    await Promise.resolve();
    expect(reads).toEqual([]);
    give(services);
    expect((await answer).status).toBe(200);
    expect(engine.loadedServices()).toEqual(['confluent.iam']);
    // An index that cannot be read fails every request with its error.
    const broken = createLazyEngine({}, Promise.reject(new Error('no index here')));
    await expect(broken.query({ query: 'SELECT id FROM confluent.iam.invitations' })).rejects.toThrow('no index here');
  });
});
