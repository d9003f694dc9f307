import { Badge } from '@mantine/core';
import type { ExpiryBasis } from './expiryApi';

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** Colour for days left: expired red, under a week orange, under a month yellow. */
export function daysLeftColor(daysLeft: number, expired: boolean): string {
  if (expired) return 'red';
  if (daysLeft < 7) return 'orange';
  if (daysLeft < 30) return 'yellow';
  return 'gray';
}

/** Days to the list's date (the column header names it), in the colour of its urgency. */
export function DaysLeftBadge({ daysLeft, basis, expired }: { daysLeft: number; basis: ExpiryBasis; expired: boolean }) {
  const text = daysLeft > 0 ? days(daysLeft) : daysLeft === 0 ? 'today' : `${days(-daysLeft)} ago`;
  const date = basis === 'expiry' ? 'expiry date' : 'sell-by date';
  return (
    // Never cut short in a tight table column: the words are the point.
    <Badge
      color={daysLeftColor(daysLeft, expired)}
      variant={expired ? 'filled' : 'light'}
      tt="none"
      miw="max-content"
      title={`${date} ${daysLeft > 0 ? `in ${text}` : text}${expired ? ' · expired' : ''}`}
    >
      {text}
    </Badge>
  );
}
