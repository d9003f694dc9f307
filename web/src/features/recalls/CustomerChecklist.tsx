import { Button, Group, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconBell, IconCircleCheck, IconSearch, IconThumbUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { formatTime } from '../../ui/format';
import { NameAndCode } from '../../ui/NameAndCode';
import { notifyError, notifySuccess } from '../../ui/notify';
import { Empty } from '../../ui/states';
import { usePage } from '../../ui/usePage';
import { useMarkCustomer, type LotRef, type Recall, type RecallCustomer } from './api';
import { Contact } from './Contact';
import { formatLotLines } from './units';

type Step = 'notified' | 'acknowledged';
type Filter = 'all' | 'not-notified' | 'not-acknowledged';

function ProgressLine({ label, done, total, color }: { label: string; done: number; total: number; color: string }) {
  const value = total === 0 ? 0 : (done / total) * 100;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label} {done} of {total}
        </Text>
        <Text size="sm" c="dimmed">
          {Math.round(value)} %
        </Text>
      </Group>
      <Progress value={value} color={color} size="lg" aria-label={`${label} ${done} of ${total}`} />
    </Stack>
  );
}

/** The moment a step was done, or the button that records it (QA, open recall), or "not yet". */
function StepCell({
  customer,
  step,
  canAct,
  mark,
}: {
  customer: RecallCustomer;
  step: Step;
  canAct: boolean;
  mark: ReturnType<typeof useMarkCustomer>;
}) {
  const at = step === 'notified' ? customer.notifiedAt : customer.acknowledgedAt;
  if (at)
    return (
      <Group gap={4} wrap="nowrap">
        <IconCircleCheck size={16} color="var(--mantine-color-green-6)" aria-hidden />
        <Text size="sm">{formatTime(at)}</Text>
      </Group>
    );
  if (!canAct)
    return (
      <Text size="sm" c="dimmed">
        not yet
      </Text>
    );
  const pending = mark.isPending && mark.variables.code === customer.code && mark.variables.step === step;
  return (
    <Button
      size="xs"
      variant={step === 'notified' ? 'light' : 'default'}
      leftSection={step === 'notified' ? <IconBell size={14} /> : <IconThumbUp size={14} />}
      loading={pending}
      aria-label={`Mark ${customer.name} ${step}`}
      onClick={() =>
        mark.mutate(
          { code: customer.code, step },
          {
            onSuccess: () => notifySuccess(`${customer.name} marked ${step}.`),
            onError: (error) => notifyError(error, `${customer.name} could not be marked ${step}`),
          },
        )
      }
    >
      {step === 'notified' ? 'Mark notified' : 'Mark acknowledged'}
    </Button>
  );
}

/**
 * Who must be told of the recall and who has confirmed it: the checklist a recall coordinator
 * works through, biggest exposure first.
 */
export function CustomerChecklist({ recall, uomOf }: { recall: Recall; uomOf: (ref: LotRef) => string }) {
  const { can } = useAuth();
  const canAct = can('qa') && recall.status === 'open';
  const mark = useMarkCustomer(recall.id);
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');

  const { customers, counts } = recall;
  const needle = search.trim().toLowerCase();
  const shown = customers
    .filter((c) => (filter === 'not-notified' ? !c.notifiedAt : filter === 'not-acknowledged' ? !c.acknowledgedAt : true))
    .filter((c) => !needle || c.name.toLowerCase().includes(needle) || c.code.toLowerCase().includes(needle))
    .sort((a, b) => b.quantity - a.quantity || a.code.localeCompare(b.code));
  const { rows, pager } = usePage(shown, 'customers');

  if (customers.length === 0) return <Empty>No affected lot was shipped to a customer: nobody needs to be notified.</Empty>;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <ProgressLine label="Notified" done={counts.customersNotified} total={counts.customers} color="blue" />
        <ProgressLine label="Acknowledged" done={counts.customersAcknowledged} total={counts.customers} color="green" />
      </SimpleGrid>
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          aria-label="Show customers"
          data={[
            { value: 'all', label: `All (${counts.customers})` },
            { value: 'not-notified', label: `Not yet notified (${counts.customers - counts.customersNotified})` },
            { value: 'not-acknowledged', label: `Not yet acknowledged (${counts.customers - counts.customersAcknowledged})` },
          ]}
        />
        <TextInput
          aria-label="Find a customer"
          placeholder="Find a customer"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 240 }}
        />
      </Group>
      {shown.length === 0 ? (
        <Empty>{filter === 'all' ? 'No customer matches.' : 'Every customer in this view is done.'}</Empty>
      ) : (
        <>
          <Table.ScrollContainer minWidth={880}>
            <Table striped highlightOnHover aria-label="Customer checklist">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Contact</Table.Th>
                  <Table.Th ta="right">Shipped</Table.Th>
                  <Table.Th ta="right">Recovered</Table.Th>
                  <Table.Th>Notified</Table.Th>
                  <Table.Th>Acknowledged</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.code} data-customer={c.code}>
                    <Table.Td>
                      <NameAndCode name={c.name} code={c.code} />
                      {c.note && (
                        <Text size="xs" fs="italic">
                          {c.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Contact email={c.email} phone={c.phone} />
                    </Table.Td>
                    <Table.Td ta="right">{formatLotLines(c.lots, 'shipped', uomOf)}</Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c={c.outstanding === 0 ? 'green' : undefined}>
                        {formatLotLines(c.lots, 'returned', uomOf)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StepCell customer={c} step="notified" canAct={canAct} mark={mark} />
                    </Table.Td>
                    <Table.Td>
                      <StepCell customer={c} step="acknowledged" canAct={canAct} mark={mark} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pager}
        </>
      )}
    </Stack>
  );
}
