import type { App } from '../app/context.js';
import { createDemoUsers, ensureFirstAdmin } from '../app/users.js';
import type { CliIo } from './output.js';
import { renderTable } from './output.js';

/**
 * Makes sure someone can sign in, and says how: with freshly seeded demo data, the demo users
 * and their well-known passwords; on a database without users, an `admin` with a one-time random
 * password (only its hash is kept, so this is the only time it is shown).
 */
export async function announceSignIns(app: App, io: CliIo, demoSeeded: boolean): Promise<void> {
  if (demoSeeded) {
    const created = await createDemoUsers(app);
    if (created.length > 0) {
      io.out('demo sign-ins (for the demo only — these passwords are public):');
      io.out(renderTable(['Username', 'Role', 'Password'], created.map((u) => [u.username, u.role, u.password])));
    }
  }
  const first = await ensureFirstAdmin(app);
  if (first) {
    io.out(`created the first user "${first.username}" (role admin) with the one-time password: ${first.password}`);
    io.out('it is shown only now; sign in and create personal users and tokens (lotline user add, POST /api/v1/users)');
  }
}
