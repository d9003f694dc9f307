import { Text } from '@mantine/core';
import { daysBetween, formatDate } from '../../ui/format';

/** How far a date is from the server's today, in words ("in 12 days", "3 days ago", "today"). */
export function daysLeftText(today: string, date: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  const n = Math.abs(days);
  const unit = n === 1 ? 'day' : 'days';
  return days > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}

/** A date with its distance from today, red once past and orange within `warnDays`. */
export function ExpiryText({ date, today, warnDays = 30 }: { date: string | null; today: string | undefined; warnDays?: number }) {
  if (!date) return <Text size="sm">—</Text>;
  const days = today ? daysBetween(today, date) : undefined;
  const color = days === undefined ? 'dimmed' : days < 0 ? 'red' : days <= warnDays ? 'orange' : 'dimmed';
  return (
    <div>
      <Text size="sm">{formatDate(date)}</Text>
      {today && (
        <Text size="xs" c={color}>
          {daysLeftText(today, date)}
        </Text>
      )}
    </div>
  );
}
