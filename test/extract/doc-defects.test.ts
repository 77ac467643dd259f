// Doc defects: what the docs make impossible to call or run, reported by generate and skipped, with
// the same reason, by the contract suites.
import { describe, expect, it } from 'vitest';
import { ambiguousSelects, methodDefects, missingRequired, typeWordValues, unknownColumnsRead, unknownFunctions } from '../../generator/core/doc-defects.ts';
import { example, field, method } from '../emit/fixtures.ts';
import { exampleStatement } from '../../generator/core/example-statement.ts';

describe('doc defects', () => {
  it('SELECT methods with the same required params cannot be told apart', () => {
    const [get, list, agg] = [method('get', 'select', ['project', 'id']), method('list', 'select', ['project']), method('aggregated_list', 'select', ['project'])];
    expect([...ambiguousSelects([get, list, agg]).keys()].map((m) => m.name)).toEqual(['list', 'aggregated_list']);
    expect(methodDefects([get, list], [])).toEqual([]);
  });

  it('a SELECT method on a page that says SELECT is not supported cannot be called', () => {
    const get = method('get', 'select', ['location']);
    expect(methodDefects([get], [], { selectNotSupported: true }).map((d) => d.code)).toEqual(['methods/select-not-supported']);
    expect(methodDefects([get], [], { selectNotSupported: false })).toEqual([]);
  });

  it('a DELETE with no param and no WHERE in its example has nothing to say which row', () => {
    const del = method('delete_account', 'delete');
    expect(methodDefects([del], [example('delete_account', 'DELETE FROM p.s.r;')]).map((d) => d.code)).toEqual(['methods/delete-without-where']);
    expect(methodDefects([del], [example('delete_account', "DELETE FROM p.s.r WHERE id = 'x';")])).toEqual([]);
  });

  it('an example calling a function StackQL does not have cannot run', () => {
    expect(unknownFunctions(example('update', "UPDATE p.s.r SET PatchDocument = string('{{ x }}') WHERE Identifier = 'i';"))).toBe("it calls string(), which StackQL's SQL does not have");
    expect(unknownFunctions(example('list', "SELECT json_extract(a, '$.b') FROM p.s.r WHERE region = 'r';"))).toBeUndefined();
  });

  it('a SELECT example whose expression reads a column the resource does not have cannot run', () => {
    const r = { id: 'p.s.r', fields: [field('storage_lens_configuration'), field('region')], params: [], methods: [method('list', 'select', ['region'])] };
    expect(unknownColumnsRead(example('list', "SELECT region, storage_lens_configuration/id FROM p.s.r WHERE region = 'r';"), r)).toBe("it reads 'id', which the resource does not have");
    expect(unknownColumnsRead(example('list', "SELECT region, json_extract(storage_lens_configuration, '$.id') AS id, other_column FROM p.s.r WHERE region = 'r';"), r)).toBeUndefined();
    // The same example on the view without a page that the list method reads.
    const onView = { ...example('list', "SELECT region, storage_lens_configuration/id FROM p.s.r_list_only WHERE region = 'r';"), target: 'p.s.r_list_only' };
    expect(unknownColumnsRead(onView, r)).toBe("it reads 'id', which the resource does not have");
  });

  it('an INSERT example that leaves out a required column of every INSERT method cannot run', () => {
    const methods = [method('create_resource', 'insert', ['SyncName', 'region'])];
    expect(missingRequired(example('create_resource', "INSERT INTO p.s.r (BucketName, region) SELECT 'b', 'r';"), 'p.s.r', methods)).toBe(
      'it leaves out a required param of every INSERT method (create_resource needs SyncName)',
    );
    expect(missingRequired(example('create_resource', "INSERT INTO p.s.r (SyncName, region) SELECT 's', 'r';"), 'p.s.r', methods)).toBeUndefined();
  });

  it('a SELECT example that leaves out a required param of every SELECT method cannot run', () => {
    const methods = [method('get_resources', 'select', ['Identifier', 'region'])];
    expect(missingRequired(example('get_resources', "SELECT region FROM p.s.r WHERE region = '{{ region }}';"), 'p.s.r', methods)).toBe(
      'it leaves out a required param of every SELECT method (get_resources needs Identifier)',
    );
    expect(missingRequired(example('get_resources', "SELECT region FROM p.s.r WHERE region = 'r' AND data__Identifier = 'i';"), 'p.s.r', methods)).toBeUndefined();
  });
});

describe('SET values written as a schema type word', () => {
  it('are found in UPDATE/REPLACE SET only: bare, unqualified, unquoted type words', () => {
    const update = example('patch', "UPDATE p.s.r SET name = '{{ name }}', goal = number, on = boolean, a = other, b = \"number\", c = t.number, d = number + 1 WHERE name = 'x';");
    expect(typeWordValues(exampleStatement(update))).toEqual([{ column: 'goal', word: 'number' }, { column: 'on', word: 'boolean' }]);
    expect(typeWordValues(exampleStatement(example('list', "SELECT number FROM p.s.r WHERE number = 'x';")))).toEqual([]);
  });
});
