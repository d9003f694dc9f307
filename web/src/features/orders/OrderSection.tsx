import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Empty } from '../../ui/states';
import { EventCard } from './EventCard';

/** A titled part of an order's page (its lines, reservations, receipts), named for screen readers. */
export function OrderSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

/** The ledger events an order recorded, each with the lots it moved; `empty` shows while there are none. */
export function OrderEvents({ title, events, empty }: { title: string; events: readonly string[]; empty?: string }) {
  if (events.length === 0 && !empty) return null;
  return (
    <OrderSection title={title}>
      {events.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <Stack>
          {events.map((e) => (
            <EventCard key={e} id={e} />
          ))}
        </Stack>
      )}
    </OrderSection>
  );
}
