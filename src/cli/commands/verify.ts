import type { Command } from 'commander';
import { verifyLedger, type VerifyReport } from '../../app/verify.js';
import { formatQuantity, printJson, renderTable } from '../output.js';
import { CliFailure, withApp, type CommandContext } from '../runtime.js';

function chainText(chain: VerifyReport['chain']): string {
  if (chain.ok) return `${chain.eventsChecked} events, each hash matches its contents and links to the one before; last hash ${chain.lastHash.slice(0, 16)}…`;
  const b = chain.firstBreak!;
  return `${b.message} (event ${b.id}; expected ${b.expected.slice(0, 16)}…, found ${b.actual.slice(0, 16)}…); ${chain.eventsChecked} events before it are intact`;
}

function auditText(audit: VerifyReport['audit']): string {
  if (audit.ok) return `${audit.entriesChecked} audit entries, each hash matches its contents and links to the one before`;
  const b = audit.firstBreak!;
  return `${b.message} (expected ${b.expected.slice(0, 16)}…, found ${b.actual.slice(0, 16)}…); ${audit.entriesChecked} entries before it are intact`;
}

function balancesText(balances: VerifyReport['balances']): string {
  if (balances.ok) return `${balances.checked} (lot, location) balances equal the sum of their ledger lines`;
  return `${balances.mismatchCount} (lot, location) ${balances.mismatchCount === 1 ? 'balance differs' : 'balances differ'} from the sum of the ledger lines`;
}

function lotFlowsText(flows: VerifyReport['lotFlows']): string {
  if (flows.ok) return `${flows.checked} (lot, movement) totals equal the sum of their ledger lines`;
  return `${flows.mismatchCount} (lot, movement) ${flows.mismatchCount === 1 ? 'total differs' : 'totals differ'} from the sum of the ledger lines`;
}

function partyMovementsText(moved: VerifyReport['partyMovements']): string {
  if (moved.ok) return `${moved.checked} receipt, shipment and return lines, exactly those of the ledger's events not reversed`;
  return `${moved.mismatchCount} receipt, shipment or return ${moved.mismatchCount === 1 ? 'line differs' : 'lines differ'} from the ledger`;
}

export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description('check the event and audit hash chains, that every balance and lot-flow total equals the sum of its ledger lines, and that the party movements match the ledger')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const report = await withApp(ctx, (app) => verifyLedger(app));
      const { io } = ctx;
      if (opts.json) {
        printJson(io, report);
      } else {
        io.out(
          renderTable(
            ['Check', 'Result', 'Detail'],
            [
              ['hash chain', report.chain.ok ? 'ok' : 'FAILED', chainText(report.chain)],
              ['audit chain', report.audit.ok ? 'ok' : 'FAILED', auditText(report.audit)],
              ['balances', report.balances.ok ? 'ok' : 'FAILED', balancesText(report.balances)],
              ['lot flows', report.lotFlows.ok ? 'ok' : 'FAILED', lotFlowsText(report.lotFlows)],
              ['party movements', report.partyMovements.ok ? 'ok' : 'FAILED', partyMovementsText(report.partyMovements)],
            ],
          ),
        );
        if (report.balances.mismatches.length > 0) {
          io.out(
            renderTable(
              ['SKU', 'Lot', 'Location', 'Ledger lines', 'Balance table'],
              report.balances.mismatches.map((m) => [m.sku, m.lot, m.location, formatQuantity(m.ledger), formatQuantity(m.projection)]),
              { align: ['left', 'left', 'left', 'right', 'right'] },
            ),
          );
        }
        if (report.lotFlows.mismatches.length > 0) {
          io.out(
            renderTable(
              ['SKU', 'Lot', 'Movement', 'Ledger lines', 'Lot-flow table'],
              report.lotFlows.mismatches.map((m) => [m.sku, m.lot, m.movement, formatQuantity(m.ledger), formatQuantity(m.projection)]),
              { align: ['left', 'left', 'left', 'right', 'right'] },
            ),
          );
        }
        if (report.partyMovements.mismatches.length > 0) {
          io.out(
            renderTable(
              ['Event', 'Seq', 'Line', 'SKU', 'Lot', 'Problem'],
              report.partyMovements.mismatches.map((m) => [m.event, String(m.seq), String(m.line), m.sku, m.lot, m.problem]),
              { align: ['left', 'right', 'right', 'left', 'left', 'left'] },
            ),
          );
        }
      }
      if (!report.ok) {
        const problems = [
          ...(report.chain.firstBreak ? [`hash chain broken at event #${report.chain.firstBreak.seq}`] : []),
          ...(report.audit.firstBreak ? [`audit chain broken at entry #${report.audit.firstBreak.seq}`] : []),
          ...(report.balances.ok ? [] : [`${report.balances.mismatchCount} balance(s) differ from the ledger`]),
          ...(report.lotFlows.ok ? [] : [`${report.lotFlows.mismatchCount} lot flow total(s) differ from the ledger`]),
          ...(report.partyMovements.ok ? [] : [`${report.partyMovements.mismatchCount} party movement(s) differ from the ledger`]),
        ];
        throw new CliFailure(`verify: the ledger failed verification: ${problems.join('; ')}`);
      }
    });
}
