import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect, Store } from './db.js';
import * as ledger from './migrations/2026-11-24-001-ledger.js';
import * as recalls from './migrations/2026-11-25-002-recalls.js';
import * as expiryAlerts from './migrations/2026-11-26-003-expiry-alerts.js';
import * as orders from './migrations/2026-11-27-004-orders.js';
import * as authAudit from './migrations/2026-11-28-005-auth-audit.js';
import * as lotFlows from './migrations/2026-11-29-006-lot-flows.js';
import * as epcis from './migrations/2026-11-30-007-epcis.js';
import * as regulatoryItems from './migrations/2026-12-01-008-regulatory-items.js';
import * as partyMovements from './migrations/2026-12-02-009-party-movements.js';
import * as datedBalances from './migrations/2026-12-04-011-dated-balances.js';
import * as fefoIndexes from './migrations/2026-12-05-012-fefo-indexes.js';
import * as pickingFacts from './migrations/2026-12-07-013-picking-facts.js';
import * as coveringPickingIndex from './migrations/2026-12-08-014-covering-picking-index.js';
import * as balanceFactsOnInsert from './migrations/2026-12-08-015-balance-facts-on-insert.js';

// Migrations are listed here, not read from disk, so the compiled package
// and the tests run exactly the same set. Names sort by date.
const MIGRATIONS: Record<string, { up: (db: Parameters<Migration['up']>[0], dialect: Dialect) => Promise<void> }> = {
  '2026-11-24-001-ledger': ledger,
  '2026-11-25-002-recalls': recalls,
  '2026-11-26-003-expiry-alerts': expiryAlerts,
  '2026-11-27-004-orders': orders,
  '2026-11-28-005-auth-audit': authAudit,
  '2026-11-29-006-lot-flows': lotFlows,
  '2026-11-30-007-epcis': epcis,
  '2026-12-01-008-regulatory-items': regulatoryItems,
  '2026-12-02-009-party-movements': partyMovements,
  '2026-12-04-011-dated-balances': datedBalances,
  '2026-12-05-012-fefo-indexes': fefoIndexes,
  '2026-12-07-013-picking-facts': pickingFacts,
  '2026-12-08-014-covering-picking-index': coveringPickingIndex,
  '2026-12-08-015-balance-facts-on-insert': balanceFactsOnInsert,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => m.up(db, this.dialect) };
    return out;
  }
}

/** Brings the schema up to date; safe to call at every start and from several processes. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  // Without a schema, Kysely looks for its migration tables in every schema of the database, so
  // another schema's (another app's, a parallel test's) would be taken for ours: name our own.
  const current = store.dialect === 'postgres' ? await sql<{ schema: string | null }>`select current_schema() as schema`.execute(store.db) : undefined;
  const migrationTableSchema = current?.rows[0]?.schema ?? undefined;
  const migrator = new Migrator({ db: store.db, provider: new StaticProvider(store.dialect), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
