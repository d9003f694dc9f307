import { Card, Group, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMoney, formatPercent, formatQuantity } from '../../ui/format';
import { WasteChange } from './WasteChange';
import { compareLastMonths, monthLabel, type WasteReport } from './wasteApi';

function Stat({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
      {children}
    </Card>
  );
}

/** The period's totals and its last month against the month before (from a month-grouped report). */
export function WasteTotals({ report }: { report: WasteReport }) {
  const unit = report.units.length === 1 ? report.units[0] : undefined;
  const { totals } = report;
  const comparison = compareLastMonths(report);
  // Quantities in different units do not compare month to month; their value does.
  const figure = (row: { writtenOff: number; value: string }) =>
    report.mixedUnits ? formatMoney(Number(row.value)) : formatQuantity(row.writtenOff, unit);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="md">
      <Stat label="Written off" value={formatQuantity(totals.writtenOff, unit)}>
        <Text size="xs" c="dimmed">
          {monthLabel(report.from)} – {monthLabel(report.to)}
        </Text>
      </Stat>
      <Stat label="Value written off" value={formatMoney(Number(totals.value))}>
        {!totals.valueComplete && (
          <Text size="xs" c="dimmed">
            items without unit cost left out
          </Text>
        )}
      </Stat>
      <Stat label="Waste rate" value={formatPercent(totals.wasteRate, 2)}>
        <Text size="xs" c="dimmed">
          of {formatQuantity(totals.shipped + totals.writtenOff, unit)} shipped or written off
        </Text>
      </Stat>
      <Stat
        label={comparison ? `${monthLabel(comparison.current.period)} vs ${monthLabel(comparison.previous.period)}` : 'Month over month'}
        value={comparison ? figure(comparison.current) : '—'}
      >
        {comparison ? (
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              was {figure(comparison.previous)}
            </Text>
            {!report.mixedUnits && <WasteChange change={comparison.quantityChange} label="quantity" />}
            <WasteChange change={comparison.valueChange} label="value" />
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            choose at least two months
          </Text>
        )}
      </Stat>
    </SimpleGrid>
  );
}
