import { Text } from '@mantine/core';
import { daysBetween, formatDate, relativeDays } from '../../ui/format';

/** Red once past, orange within `warnDays`: the colour of a date by how soon it comes. */
export function deadlineColor(days: number, warnDays = 30): string {
  return days < 0 ? 'red' : days <= warnDays ? 'orange' : 'dimmed';
}

/** A date with its distance from the server's today ("in 12 days", "3 days ago", "today"). */
export function ExpiryText({ date, today, warnDays = 30 }: { date: string | null; today: string | undefined; warnDays?: number }) {
  if (!date) return <Text size="sm">—</Text>;
  const days = today ? daysBetween(today, date) : undefined;
  return (
    <div>
      <Text size="sm">{formatDate(date)}</Text>
      {days !== undefined && (
        <Text size="xs" c={deadlineColor(days, warnDays)}>
          {relativeDays(days)}
        </Text>
      )}
    </div>
  );
}
