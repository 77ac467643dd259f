/**
 * engine.addResources: a model that grows after start (the browser page loads one resource at a
 * time). A resource added later answers exactly as in an engine that had it from the start, and
 * what was stored before is kept.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMockEngine, type MockEngine } from '../../mocks/engine/index.ts';
import { docsModel } from '../helpers/model.ts';

const model = docsModel();
const byId = (id: string) => model.resources.find((r) => r.id === id)!;
const engines: MockEngine[] = [];
const engineOf = (ids: string[]) => {
  const engine = createMockEngine({ model: { ...model, resources: ids.map(byId) }, seed: 7, sqliteThreads: 0 });
  engines.push(engine);
  return engine;
};
afterAll(() => Promise.all(engines.map((e) => e.close())));

const query = (engine: MockEngine, sql: string) => engine.query({ query: sql, showMetadata: false });
const INVITATIONS = 'SELECT id, email FROM confluent.iam.invitations';
const USERINVITATIONS = "SELECT name, state FROM google.cloudidentity.userinvitations WHERE customersId = 'C1'";

describe('engine.addResources', () => {
  it('answers for an added resource exactly as an engine that had it from the start, and keeps the rows stored before', async () => {
    const whole = engineOf(model.resources.map((r) => r.id));
    const growing = engineOf(['confluent.iam.invitations']);
    expect(await query(growing, USERINVITATIONS)).toEqual({ status: 400, body: { error: "unknown provider 'google'" } });
    await query(growing, "INSERT INTO confluent.iam.invitations (data__email) SELECT 'before@example.com'");
    const before = await query(growing, INVITATIONS);

    growing.addResources([byId('google.cloudidentity.userinvitations')]);
    expect(await query(growing, USERINVITATIONS)).toEqual(await query(whole, USERINVITATIONS));
    expect(await query(growing, INVITATIONS)).toEqual(before);
    expect((await query(growing, 'SHOW RESOURCES IN google.cloudidentity')).body).toEqual({ data: [{ name: 'userinvitations', id: 'google.cloudidentity.userinvitations' }] });
  });

  it('keeps SHOW in id order when a service gains resources out of order', async () => {
    const engine = engineOf(['example.storage.buckets']);
    engine.addResources([byId('example.workspace.objects'), byId('example.compute.instances')]);
    engine.addResources([byId('example.network.firewalls'), byId('example.registry.images')]);
    const services = (await query(engine, 'SHOW SERVICES IN example')).body as { data: Array<{ name: string }> };
    expect(services.data.map((s) => s.name)).toEqual(['compute', 'network', 'registry', 'storage', 'workspace']);
  });

  it('derives the views an added resource’s examples query, as at start', async () => {
    const engine = engineOf(['confluent.iam.invitations']);
    engine.addResources([byId('example.network.firewalls')]);
    const whole = engineOf(['example.network.firewalls']);
    const view = "SELECT name FROM example.network.vw_firewalls WHERE resourceGroupName = 'rg' AND subscriptionId = 's'";
    const answer = await query(engine, view);
    expect(answer.status).toBe(200);
    expect(answer).toEqual(await query(whole, view));
  });

  it('refuses an id it already has, a derived view included, and then adds nothing of that call', async () => {
    const engine = engineOf(['example.network.firewalls']);
    expect(() => engine.addResources([byId('example.storage.buckets'), byId('example.network.firewalls')])).toThrow(
      "resource 'example.network.firewalls' is already in the model",
    );
    expect((await query(engine, 'SELECT * FROM example.storage.buckets')).status).toBe(400);
    const view = { ...byId('example.storage.buckets'), id: 'example.network.vw_firewalls', service: 'network', name: 'vw_firewalls' };
    expect(() => engine.addResources([view])).toThrow("resource 'example.network.vw_firewalls' is already in the model");
    expect(() => engine.addResources('nope' as never)).toThrow('addResources needs an array of resources');
  });
});
