import { Badge } from '@mantine/core';
import { dayCount, relativeDays } from './format';

/** Colour for days left: expired red, under a week orange, under a month yellow. */
function daysLeftColor(daysLeft: number, expired: boolean): string {
  if (expired) return 'red';
  if (daysLeft < 7) return 'orange';
  if (daysLeft < 30) return 'yellow';
  return 'gray';
}

/** Days to a lot's expiry or sell-by date (the column header names which), in the colour of its urgency. */
export function DaysLeftBadge({ daysLeft, basis, expired }: { daysLeft: number; basis: 'expiry' | 'sellBy'; expired: boolean }) {
  const date = basis === 'expiry' ? 'expiry date' : 'sell-by date';
  return (
    // Never cut short in a tight table column: the words are the point.
    <Badge
      color={daysLeftColor(daysLeft, expired)}
      variant={expired ? 'filled' : 'light'}
      tt="none"
      miw="max-content"
      title={`${date} ${relativeDays(daysLeft)}${expired ? ' · expired' : ''}`}
    >
      {daysLeft > 0 ? dayCount(daysLeft) : relativeDays(daysLeft)}
    </Badge>
  );
}
