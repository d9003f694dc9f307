import { Alert, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { LotLink } from '../../ui/LotLink';
import { formatQuantity } from '../../ui/format';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { AffectedLotsTable } from './AffectedLotsTable';
import { Contact } from './Contact';
import { forwardTraceQuery, type LotRef, type Trace } from './api';
import type { Impact, ImpactCustomer } from './impact';
import { Kpi } from './Kpi';
import { OnHandTable } from './OnHandTable';
import { formatLotLines, formatTotals, lotKey, totalsByUom, uomLookup } from './units';
import { usePage } from './usePage';

// Module-level, so that TanStack Query memoises the combined result between renders.
function combineTraces(results: readonly UseQueryResult<Trace>[]) {
  const error = results.find((r) => r.isError)?.error ?? null;
  const traces = results.every((r) => r.isSuccess) ? results.map((r) => r.data as Trace) : null;
  return { error, traces };
}

/** The forward traces of the chosen lots; all of them, or the first failure. */
export function useImpact(lots: readonly LotRef[]) {
  return useQueries({ queries: lots.map(forwardTraceQuery), combine: combineTraces });
}

// A customer of a sugar lot may have had dozens of its jam lots; the first few are enough to recognise it.
const SHOWN_LOTS = 3;

function CustomersTable({ customers, uomOf }: { customers: readonly ImpactCustomer[]; uomOf: (ref: LotRef) => string }) {
  const { rows, pager } = usePage(customers, 'customers');
  if (customers.length === 0) return <Empty>No affected lot has been shipped to a customer.</Empty>;
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label="Customers to notify">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Contact</Table.Th>
              <Table.Th ta="right">Shipped</Table.Th>
              <Table.Th>Lots</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {c.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Contact email={c.email} phone={c.phone} />
                </Table.Td>
                <Table.Td ta="right">{formatLotLines(c.lots, 'shipped', uomOf)}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {c.lots.slice(0, SHOWN_LOTS).map((l) => (
                      <Text key={lotKey(l)} size="xs">
                        <LotLink sku={l.sku} lot={l.lot} /> {formatQuantity(l.shipped, uomOf(l))}
                      </Text>
                    ))}
                    {c.lots.length > SHOWN_LOTS && (
                      <Text size="xs" c="dimmed">
                        and {c.lots.length - SHOWN_LOTS} more lots
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pager}
    </>
  );
}

/** Who and what a recall of the chosen lots reaches, before anything is recorded. */
export function ImpactPreview({ impact, drill }: { impact: Impact; drill: boolean }) {
  const uomOf = uomLookup(impact.lots);
  const shipped = totalsByUom(impact.customers.flatMap((c) => c.lots.map((l) => ({ quantity: l.shipped, uom: uomOf(l) }))));
  const stock = totalsByUom(impact.onHand.map((l) => ({ quantity: l.quantity, uom: uomOf(l) })));
  const locations = new Set(impact.onHand.map((l) => l.location)).size;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Kpi label="Affected lots" value={impact.lots.length} hint="the chosen lots and everything made from them" />
        <Kpi label="Customers" value={impact.customers.length} hint="to notify" color={impact.customers.length ? 'red' : undefined} />
        <Kpi label="Units shipped" value={formatTotals(shipped)} hint="in customers' hands or sold on" />
        <Kpi
          label={drill ? 'Stock on hand' : 'Stock to hold'}
          value={formatTotals(stock)}
          hint={`at ${locations} location${locations === 1 ? '' : 's'}`}
        />
      </SimpleGrid>
      {impact.unbalanced.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Not every unit is accounted for">
          {impact.unbalanced.map((u) => (
            <Text key={lotKey(u)} size="sm">
              {u.sku} · {u.lot}: {formatQuantity(u.difference, uomOf(u))} missing from the mass balance
            </Text>
          ))}
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Title order={4} mb="xs">
          Customers
        </Title>
        <CustomersTable customers={impact.customers} uomOf={uomOf} />
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            {drill ? 'Stock on hand (a drill holds nothing)' : 'Stock on hand that will be put on hold'}
          </Title>
          <OnHandTable onHand={impact.onHand} uomOf={uomOf} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={4} mb="xs">
            Affected lots
          </Title>
          <AffectedLotsTable lots={impact.lots} />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

/** Step 2: the impact preview of the chosen lots, once every trace has arrived. */
export function ImpactStep({ error, impact, drill }: { error: Error | null; impact: Impact | null; drill: boolean }) {
  if (error) return <ErrorState error={error} title="The trace could not be run" />;
  if (!impact) return <Loading label="Tracing every lot made from the chosen lots…" />;
  return <ImpactPreview impact={impact} drill={drill} />;
}
