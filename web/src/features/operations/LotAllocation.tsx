import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useItems } from '../../api/master-data';
import type { components } from '../../api/schema';
import { DaysLeftBadge } from '../../ui/DaysLeftBadge';
import { daysBetween, formatDate, formatQuantity } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';

export type PlannedLine = components['schemas']['ShipmentPlan']['lines'][number];

/** How a recorded shipment assigned its lines without a lot (the event's `allocation`). */
interface RecordedAllocation {
  line: number;
  sku: string;
  quantity: number;
  picks: { lot: string; quantity: number; expiryDate: string | null }[];
  skipped: { lot: string; reason: string }[];
}

/**
 * A recorded shipment's allocation in the shape of a plan, days left counted from its ship day.
 * The Event schema leaves `allocation` open (only shipments carry one), hence the check.
 */
export function allocationOf(allocation: unknown, shipDate: string): PlannedLine[] {
  if (!Array.isArray(allocation)) return [];
  return (allocation as RecordedAllocation[]).map((a) => ({
    line: a.line,
    sku: a.sku,
    quantity: a.quantity,
    lot: null,
    picks: a.picks.map((p) => ({ ...p, daysLeft: p.expiryDate === null ? null : daysBetween(shipDate, p.expiryDate) })),
    skipped: a.skipped.map((s) => ({ ...s, expiryDate: null })),
  }));
}

function reasonColor(reason: string): string {
  if (reason.startsWith('on hold')) return 'yellow';
  if (reason.startsWith('recalled')) return 'red';
  if (reason.startsWith('expired')) return 'gray';
  if (reason.startsWith('reserved')) return 'blue';
  return 'orange';
}

/**
 * Which lots each line takes, soonest expiry first, and every lot passed over with the reason
 * (expired, on hold, recalled, reserved for an order, too little shelf life for the customer).
 */
export function LotAllocation({ lines, title }: { lines: readonly PlannedLine[]; title: string }) {
  const { bySku } = useItems();
  return (
    <Stack gap="sm" aria-label={title} role="region">
      {lines.map((line) => {
        const uom = bySku.get(line.sku)?.uom;
        // A recorded allocation names skipped lots without their expiry; the column would be all dashes.
        const skippedExpiry = line.skipped.some((s) => s.expiryDate !== null);
        return (
          <Paper key={line.line} withBorder p="sm" radius="sm">
            <Group gap="xs" mb="xs">
              <Text fw={600} size="sm">
                Line {line.line + 1}: {formatQuantity(line.quantity, uom)} {line.sku}
              </Text>
              <Badge variant="light" tt="none" color={line.lot === null ? 'teal' : 'gray'}>
                {line.lot === null ? 'assigned first-expiry-first-out' : 'lot chosen by you'}
              </Badge>
            </Group>
            <Table.ScrollContainer minWidth={460}>
              <Table withTableBorder aria-label={`Lots taken for line ${line.line + 1}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Lot</Table.Th>
                    <Table.Th>Expiry</Table.Th>
                    <Table.Th>Days left</Table.Th>
                    <Table.Th ta="right">Quantity</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {line.picks.map((p) => (
                    <Table.Tr key={p.lot}>
                      <Table.Td>
                        <LotLink sku={line.sku} lot={p.lot} />
                      </Table.Td>
                      <Table.Td>{formatDate(p.expiryDate)}</Table.Td>
                      <Table.Td>{p.daysLeft === null ? 'no expiry' : <DaysLeftBadge daysLeft={p.daysLeft} basis="expiry" expired={p.daysLeft < 0} />}</Table.Td>
                      <Table.Td ta="right">{formatQuantity(p.quantity, uom)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {line.skipped.length > 0 && (
              <>
                <Text size="sm" fw={500} mt="sm" mb={4}>
                  Passed over
                </Text>
                <Table.ScrollContainer minWidth={460}>
                  <Table withTableBorder aria-label={`Lots passed over for line ${line.line + 1}`}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Lot</Table.Th>
                        {skippedExpiry && <Table.Th>Expiry</Table.Th>}
                        <Table.Th>Why</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {line.skipped.map((s) => (
                        <Table.Tr key={s.lot}>
                          <Table.Td>
                            <LotLink sku={line.sku} lot={s.lot} />
                          </Table.Td>
                          {skippedExpiry && <Table.Td>{formatDate(s.expiryDate)}</Table.Td>}
                          <Table.Td>
                            <Badge color={reasonColor(s.reason)} variant="light" tt="none">
                              {s.reason}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
