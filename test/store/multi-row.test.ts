import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeForRows } from '../../src/store/multi-row.js';
import { DIALECTS, openTestApp, type TestContext } from '../helpers/test-app.js';

/** Statements over many rows compiled once per shape and row count: the same rows as Kysely's own. */
for (const dialect of DIALECTS) {
  describe(`executeForRows (${dialect})`, () => {
    let t: TestContext;
    const db = () => t.app.store.db;
    const location = (i: number) => ({ code: `L${i}`, name: `Location ${i}`, gln: null, address: i % 2 === 0 ? null : `Street ${i}`, created_at: '2026-06-01T00:00:00.000Z' });
    const stored = async () => (await db().selectFrom('locations').selectAll().execute()).sort((a, b) => a.code.localeCompare(b.code));
    const byCode = <R extends { code: string }>(rows: R[]) => [...rows].sort((a, b) => a.code.localeCompare(b.code));

    beforeEach(async () => {
      t = await openTestApp(dialect);
    });
    afterEach(() => t.close());

    it('writes every row, a given number per statement, and returns what the statement returns', async () => {
      const rows = Array.from({ length: 7 }, (_, i) => location(i));
      t.resetQueries();
      const returned = await executeForRows(db(), rows, (part) => db().insertInto('locations').values(part).returning(['code', 'name']), 3);
      expect(t.queries.filter((q) => q.startsWith('insert into "locations"'))).toHaveLength(3);
      expect(returned.map((r) => r.code).sort()).toEqual(rows.map((r) => r.code).sort());
      expect(await stored()).toEqual(rows);
      // The same shape and row counts again: the texts compiled before serve, with the new values.
      const more = Array.from({ length: 7 }, (_, i) => location(i + 10));
      await executeForRows(db(), more, (part) => db().insertInto('locations').values(part), 3);
      expect(await stored()).toEqual(byCode([...rows, ...more]));
    });

    it('reads by a list of keys and takes the values of rows by key, whatever their order', async () => {
      const rows = Array.from({ length: 5 }, (_, i) => location(i));
      const reordered = rows.map((r, i) => (i % 2 === 0 ? r : { created_at: r.created_at, address: r.address, gln: r.gln, name: r.name, code: r.code }));
      await executeForRows(db(), reordered, (part) => db().insertInto('locations').values(part), 2);
      expect(await stored()).toEqual(rows);
      const keys = [{ code: 'L4', name: 'Location 4' }, { code: 'L1', name: 'Location 1' }, { code: 'L9', name: 'Location 9' }];
      const found = await executeForRows(db(), keys, (part) =>
        db().selectFrom('locations').select(['code', 'address']).where((eb) => eb(eb.refTuple('code', 'name'), 'in', part.map((k) => eb.tuple(k.code, k.name)))),
      );
      expect(found.sort((a, b) => a.code.localeCompare(b.code))).toEqual([{ code: 'L1', address: 'Street 1' }, { code: 'L4', address: null }]);
    });

    it('leaves rows that differ in keys, or hold undefined values, to Kysely', async () => {
      const { gln: _, ...withoutGln } = location(2);
      await executeForRows(db(), [{ ...location(1), gln: '4012345000009' }, withoutGln, { ...location(3), gln: undefined }], (part) => db().insertInto('locations').values(part));
      expect((await stored()).map((r) => [r.code, r.gln, r.address])).toEqual([
        ['L1', '4012345000009', 'Street 1'],
        ['L2', null, null],
        ['L3', null, 'Street 3'],
      ]);
    });

    it('refuses a statement that takes other values than the rows’, or takes them in another order', async () => {
      const rows = [location(1)];
      await expect(executeForRows(db(), rows, (part) => db().insertInto('locations').values(part.map((r) => ({ ...r, name: 'fixed' }))))).rejects.toThrow(/must take the values of code, name/);
      const keys = [{ code: 'L1', name: 'Location 1' }];
      await expect(
        executeForRows(db(), keys, (part) => db().selectFrom('locations').selectAll().where((eb) => eb(eb.refTuple('name', 'code'), 'in', part.map((k) => eb.tuple(k.name, k.code))))),
      ).rejects.toThrow(/in that order/);
      expect(await stored()).toEqual([]);
    });
  });
}
