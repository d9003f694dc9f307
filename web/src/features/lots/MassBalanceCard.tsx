import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { formatQuantity } from '../../ui/format';
import { QuantityCell } from '../../ui/QuantityCell';
import type { Lot } from './queries';

type Balance = Lot['massBalance'];
type Line = [keyof Balance, string];

const INS: Line[] = [
  ['received', 'Received'],
  ['produced', 'Produced'],
  ['returned', 'Returned by customers'],
  ['adjusted', 'Adjusted (count corrections)'],
];
const OUTS: Line[] = [
  ['consumed', 'Consumed in production'],
  ['shipped', 'Shipped'],
  ['writtenOff', 'Written off'],
  ['returnedToSupplier', 'Returned to supplier'],
  ['onHand', 'On hand now'],
];

function Side({ label, lines, balance, uom, total }: { label: string; lines: Line[]; balance: Balance; uom: string | undefined; total: string }) {
  return (
    <Table verticalSpacing={4} aria-label={label}>
      <Table.Tbody>
        {lines.map(([key, name]) => (
          <Table.Tr key={key}>
            <Table.Td>{name}</Table.Td>
            <QuantityCell value={Number(balance[key])} uom={uom} />
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th>{total}</Table.Th>
          <QuantityCell value={lines.reduce((sum, [key]) => sum + Number(balance[key]), 0)} uom={uom} header />
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

/** Where every unit of the lot went: in = out + on hand, with the server's verdict on whether it closes. */
export function MassBalanceCard({ balance, uom }: { balance: Balance; uom: string | undefined }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="mass-balance-title">
      <Group justify="space-between" mb="xs">
        <Title order={4} id="mass-balance-title">
          Mass balance
        </Title>
        {balance.closes ? (
          <Badge color="green" variant="light" leftSection={<IconCircleCheck size={14} />} tt="none">
            Mass balance closes
          </Badge>
        ) : (
          <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={14} />} tt="none">
            Does not close: off by {formatQuantity(balance.difference, uom)}
          </Badge>
        )}
      </Group>
      <Stack gap="xs">
        <Side label="Into the lot" lines={INS} balance={balance} uom={uom} total="Total in" />
        <Side label="Out of the lot and on hand" lines={OUTS} balance={balance} uom={uom} total="Total out + on hand" />
      </Stack>
      {!balance.closes && (
        <Text size="sm" c="red" mt="xs">
          The ledger and the stock of this lot disagree; run <code>lotline verify</code> and tell the administrator.
        </Text>
      )}
    </Card>
  );
}
