import type { Party } from '../api/master-data';

type ShelfLifeTerms = Pick<Party, 'minShelfLifeDays' | 'minShelfLifePercent'>;

/** A customer's shelf-life policy in words, or null when it accepts any lot that has not expired. */
export function shelfLifePolicy(party: ShelfLifeTerms): string | null {
  const parts: string[] = [];
  if (party.minShelfLifeDays) parts.push(`${party.minShelfLifeDays} days`);
  if (party.minShelfLifePercent) parts.push(`${party.minShelfLifePercent} % of the total shelf life`);
  return parts.length > 0 ? `at least ${parts.join(' and ')} left on the ship date` : null;
}

/** The same policy as a phrase after the customer's name: "accepts lots with at least 30 days left…". */
export function shelfLifeTerms(party: ShelfLifeTerms): string {
  const policy = shelfLifePolicy(party);
  return policy ? `accepts lots with ${policy}` : 'no minimum shelf life';
}
