import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/db.js';
import { DIALECTS, POSTGRES_URL } from '../helpers/test-app.js';

// CI sets LOTLINE_REQUIRE_POSTGRES so a missing or unreachable PostgreSQL fails the run instead
// of silently testing SQLite alone.
describe.runIf(process.env.LOTLINE_REQUIRE_POSTGRES === '1')('PostgreSQL is part of this run', () => {
  it('has a reachable PostgreSQL test database and includes it in every dialect loop', async () => {
    expect(POSTGRES_URL, 'LOTLINE_TEST_POSTGRES_URL').toBeTruthy();
    expect(DIALECTS).toContain('postgres');
    const store = createStore(POSTGRES_URL!);
    try {
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(rows[0]?.one).toBe(1);
    } finally {
      await store.close();
    }
  });
});
