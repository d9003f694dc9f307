import type { Party } from './types';

/** A customer's shelf-life policy in words, or null when it accepts any lot that has not expired. */
export function shelfLifePolicy(party: Pick<Party, 'minShelfLifeDays' | 'minShelfLifePercent'>): string | null {
  const parts: string[] = [];
  if (party.minShelfLifeDays) parts.push(`${party.minShelfLifeDays} days`);
  if (party.minShelfLifePercent) parts.push(`${party.minShelfLifePercent} % of the total shelf life`);
  return parts.length > 0 ? `at least ${parts.join(' and ')} left on the ship date` : null;
}
