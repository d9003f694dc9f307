import { Option, type Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../app/actor.js';
import { createUser, disableUser, listUsers } from '../../app/users.js';
import { printJson, renderTable } from '../output.js';
import { allPages } from '../pages.js';
import { CliFailure, withApp, type CommandContext } from '../runtime.js';

export function registerUser(program: Command, ctx: CommandContext): void {
  const user = program.command('user').description('manage users who sign in to the web UI and API');
  user
    .command('add <username>')
    .description('create a user; prints a generated password once unless --password-env names a variable holding one')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .option('--password-env <name>', 'read the password from this environment variable (never from the command line)')
    .action(async (username: string, opts: { role: Role; passwordEnv?: string }) => {
      const given = opts.passwordEnv === undefined ? undefined : ctx.env[opts.passwordEnv];
      if (opts.passwordEnv !== undefined && !given) throw new CliFailure(`environment variable ${opts.passwordEnv} is not set`);
      const password = given ?? randomBytes(18).toString('base64url');
      const created = await withApp(ctx, (app) => createUser(app, { username, password, role: opts.role }));
      ctx.io.out(`created ${created.role} user ${created.username}`);
      if (given === undefined) ctx.io.out(`password (shown only now): ${password}`);
    });
  user
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withApp(ctx, (app) => allPages((page) => listUsers(app, page)));
      if (opts.json) return printJson(ctx.io, rows);
      if (rows.length === 0) return ctx.io.out('no users');
      ctx.io.out(renderTable(['Username', 'Role', 'Created', 'Disabled'], rows.map((r) => [r.username, r.role, r.createdAt, r.disabledAt ?? '—'])));
    });
  user
    .command('disable <username>')
    .description('disable a user: their sessions end and their API tokens stop working')
    .action(async (username: string) => {
      await withApp(ctx, (app) => disableUser(app, username));
      ctx.io.out(`disabled user ${username}`);
    });
}
