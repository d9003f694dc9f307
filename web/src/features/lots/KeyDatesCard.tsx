import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { dayCount, daysBetween, formatDate, relativeDays } from '../../ui/format';
import { deadlineColor } from './ExpiryText';
import type { Lot } from './queries';

function DateField({ label, date, today, deadline }: { label: string; date: string | null; today: string | undefined; deadline?: boolean }) {
  const days = date && today ? daysBetween(today, date) : undefined;
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={500}>
        {formatDate(date)}
      </Text>
      {deadline && days !== undefined && (
        <Text size="sm" c={deadlineColor(days)}>
          {days < 0 ? `passed ${relativeDays(days)}` : days === 0 ? 'today' : `${dayCount(days)} left`}
        </Text>
      )}
    </Stack>
  );
}

/** Production, expiry and sell-by dates, with the days left counted from the server's today. */
export function KeyDatesCard({ lot, today }: { lot: Lot; today: string | undefined }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dates-title">
      <Title order={4} id="dates-title" mb="sm">
        Key dates
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <DateField label="Produced" date={lot.productionDate} today={today} />
        <DateField label="Expires" date={lot.expiryDate} today={today} deadline />
        <DateField label="Sell by" date={lot.sellByDate} today={today} deadline />
      </SimpleGrid>
      {today && (
        <Text size="xs" c="dimmed" mt="sm">
          Days counted from {formatDate(today)}.
        </Text>
      )}
    </Card>
  );
}
