import { Badge, HoverCard, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useMemo } from 'react';
import { formatQuantity } from '../../ui/format';
import { Kpi } from '../../ui/Kpi';
import { formatTotals, totalsByUom, uomLookup } from '../../ui/totals';
import type { Trace } from './traceModel';

/** The trace at a glance: how far it reaches, who received it, how much left and how much is still here. */
export function TraceSummary({ trace }: { trace: Trace }) {
  const figures = useMemo(() => {
    const uomOf = uomLookup(trace.lots);
    return {
      items: new Set(trace.lots.map((l) => l.sku)).size,
      shipped: totalsByUom(trace.shipments),
      onHand: totalsByUom(trace.onHand.map((line) => ({ quantity: line.quantity, uom: uomOf(line) }))),
      returned: totalsByUom(trace.returns.map((r) => ({ quantity: r.quantity, uom: uomOf(r) }))),
      locations: new Set(trace.onHand.map((l) => l.location)).size,
    };
  }, [trace]);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="sm">
      <Kpi compact label="Lots affected" value={trace.lots.length} hint={`${figures.items} ${figures.items === 1 ? 'item' : 'items'}`} />
      <Kpi compact label="Customers" value={trace.customers.length} hint={`${trace.shipments.length} ${trace.shipments.length === 1 ? 'shipment' : 'shipments'}`} />
      <Kpi
        compact
        label="Quantity shipped"
        value={formatTotals(figures.shipped)}
        hint={trace.returns.length > 0 ? `${formatTotals(figures.returned)} returned in ${trace.returns.length} ${trace.returns.length === 1 ? 'return' : 'returns'}` : 'none returned'}
      />
      <Kpi compact label="On hand" value={formatTotals(figures.onHand)} hint={`in ${figures.locations} ${figures.locations === 1 ? 'location' : 'locations'}`} />
    </SimpleGrid>
  );
}

/** Whether every traced lot's quantities add up; the lots that do not, with their difference. */
export function MassBalance({ trace }: { trace: Trace }) {
  const balance = trace.massBalance;
  if (balance.closes) {
    return (
      <Badge color="green" variant="light" leftSection={<IconScale size={12} />} tt="none">
        Mass balance closes for all {balance.lots} lots
      </Badge>
    );
  }
  const uomOf = uomLookup(trace.lots);
  return (
    <HoverCard width={360} position="bottom-end" shadow="md">
      <HoverCard.Target>
        <Badge color="orange" variant="light" leftSection={<IconScale size={12} />} tt="none" tabIndex={0}>
          Mass balance off for {balance.unbalanced.length} of {balance.lots} lots
        </Badge>
      </HoverCard.Target>
      <HoverCard.Dropdown>
        <Stack gap={4}>
          {balance.unbalanced.map((u) => (
            <Text key={`${u.sku} ${u.lot}`} size="sm">
              {u.sku} · {u.lot}: off by {formatQuantity(u.difference, uomOf(u))}
            </Text>
          ))}
        </Stack>
      </HoverCard.Dropdown>
    </HoverCard>
  );
}
