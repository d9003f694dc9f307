import { Conflict, type ErrorDetail } from '../domain/errors.js';
import { addMicro } from '../domain/quantity.js';
import { findEvents } from '../store/events.repository.js';
import type { Tx } from '../store/transaction.js';
import type { References } from './references.js';

// Customer returns and returns to a supplier follow one rule, mirrored: goods can only go back
// along the way they came, and no more of them than came. Both record paths use these checks so
// the rule (and its error shape) cannot drift between them.

/**
 * Checks that `id` names the event a return is linked to (the customer's shipment, the
 * supplier's receipt) and that it was with the same party; problems go to `refs` at `path`.
 */
export async function checkReturnSource(
  trx: Tx,
  refs: References,
  source: { path: string; id: string | undefined; type: 'shipment' | 'receipt'; party: string; direction: 'went to' | 'came from' },
): Promise<void> {
  if (source.id === undefined) return;
  const [event] = await findEvents(trx, [source.id]);
  if (!event || event.type !== source.type) refs.fail(source.path, `unknown ${source.type} "${source.id}"`);
  else if (event.party !== source.party) refs.fail(source.path, `${source.type} ${source.id} ${source.direction} ${event.party}, not ${source.party}`);
}

/**
 * Throws a Conflict naming every line that would take a lot past what may still come back
 * (`returnable`, micro units by lot id). Lines of the same lot count together, so splitting a
 * return over several lines cannot get round the limit; `message` words the problem for a line
 * given the most that may come back of its lot.
 */
export function checkReturnable<L>(
  lines: readonly L[],
  quantities: readonly number[],
  lotIds: readonly number[],
  returnable: ReadonlyMap<number, number>,
  message: (line: L, may: number) => string,
): void {
  const asked = new Map<number, number>();
  const problems: ErrorDetail[] = [];
  lines.forEach((line, i) => {
    const lotId = lotIds[i]!;
    asked.set(lotId, addMicro(asked.get(lotId) ?? 0, quantities[i]!));
    const may = returnable.get(lotId) ?? 0;
    if (asked.get(lotId)! > may) problems.push({ path: `lines.${i}.quantity`, message: message(line, may) });
  });
  if (problems.length > 0) throw new Conflict(problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
}
