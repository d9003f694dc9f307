import { Alert, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { traceQuery } from '../../api/trace';
import { formatQuantity } from '../../ui/format';
import { Kpi } from '../../ui/Kpi';
import { lotKey } from '../../ui/lotKey';
import { LotLink } from '../../ui/LotLink';
import { NameAndCode } from '../../ui/NameAndCode';
import { PagedTable } from '../../ui/PagedTable';
import { ErrorState, Loading } from '../../ui/states';
import { formatTotals, totalsByUom, uomLookup } from '../../ui/totals';
import { AffectedLotsTable } from './AffectedLotsTable';
import type { LotRef, Trace } from './api';
import { Contact } from './Contact';
import type { Impact, ImpactCustomer } from './impact';
import { OnHandTable } from './OnHandTable';
import { formatLotLines } from './units';

// Module-level, so that TanStack Query memoises the combined result between renders.
function combineTraces(results: readonly UseQueryResult<Trace>[]) {
  const error = results.find((r) => r.isError)?.error ?? null;
  const traces = results.every((r) => r.isSuccess) ? results.map((r) => r.data as Trace) : null;
  return { error, traces };
}

/** Where a recall of the chosen lots would reach (what POST /recalls traces): their forward traces, all of them or the first failure. */
export function useImpact(lots: readonly LotRef[]) {
  return useQueries({ queries: lots.map((lot) => traceQuery(lot, 'forward')), combine: combineTraces });
}

// A customer of a sugar lot may have had dozens of its jam lots; the first few are enough to recognise it.
const SHOWN_LOTS = 3;

function CustomersTable({ customers, uomOf }: { customers: readonly ImpactCustomer[]; uomOf: (ref: LotRef) => string }) {
  return (
    <PagedTable
      rows={customers}
      columns={[
        { header: 'Customer', cell: (c) => <NameAndCode name={c.name} code={c.code} /> },
        { header: 'Contact', cell: (c) => <Contact email={c.email} phone={c.phone} /> },
        { header: 'Shipped', cell: (c) => formatLotLines(c.lots, 'shipped', uomOf), numeric: true },
        {
          header: 'Lots',
          cell: (c) => (
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
          ),
        },
      ]}
      rowKey={(c) => c.code}
      label="Customers to notify"
      noun="customers"
      empty="No affected lot has been shipped to a customer."
      minWidth={640}
    />
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
