import { Alert, Button, Checkbox, Group, List, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon, IconClockPlay, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useIdempotencyKey } from '../../api/idempotency';
import { useAuth } from '../../auth/AuthProvider';
import { notifySuccess } from '../../ui/notify';
import { ErrorState } from '../../ui/states';
import { useCreateRecall, type LotRef, type NewRecall } from './api';
import type { Impact } from './impact';

/**
 * Step 3: the reason and the hold, then the recall (or drill) is opened. Only QA gets this far;
 * everyone else sees why.
 */
export function ConfirmStep({ lots, impact, drill, onDrillChange }: { lots: LotRef[]; impact: Impact | null; drill: boolean; onDrillChange: (drill: boolean) => void }) {
  const { can, role } = useAuth();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [hold, setHold] = useState(true);
  const create = useCreateRecall();
  // The same request sent twice (a retry after a lost answer) must not open two recalls; a changed one is a new request.
  const idempotency = useIdempotencyKey();

  if (!can('qa'))
    return (
      <Alert color="gray" icon={<IconLock size={18} />} title="Only QA can open a recall or run a drill">
        You are signed in as <b>{role}</b>. Opening a recall puts stock on hold and starts the customer notifications, so it is a QA decision. The
        impact preview shows what it would reach; ask a QA manager to open it.
      </Alert>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const recall: NewRecall = { lots, reason: reason.trim(), drill, hold: !drill && hold };
    create.mutate(
      { recall, idempotencyKey: idempotency.keyFor(recall) },
      {
        onSuccess: (created) => {
          notifySuccess(
            created.drill
              ? `Traced ${created.counts.affectedLots} lots and ${created.counts.customers} customers in ${created.durationMs} ms.`
              : `${created.counts.affectedLots} lots ${created.hold ? 'are on recall hold' : 'are recalled'}; ${created.counts.customers} customers to notify.`,
            created.drill ? 'Drill complete' : 'Recall opened',
          );
          navigate(`/recalls/${encodeURIComponent(created.id)}`);
        },
      },
    );
  };

  const locations = impact ? new Set(impact.onHand.map((l) => l.location)).size : 0;
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} aria-label={drill ? 'Run the drill' : 'Open the recall'}>
        <Stack>
          <TextInput
            label="Reason"
            description="Why the lots are recalled, as it will stand in the report for the regulator"
            placeholder={drill ? 'e.g. Quarterly mock recall' : 'e.g. Listeria found in supplier sample'}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            maxLength={2000}
            data-autofocus
            autoFocus
          />
          <Checkbox
            label="Mock recall drill"
            description="Trace and report only: nothing is put on hold, no customer is affected"
            checked={drill}
            onChange={(e) => onDrillChange(e.currentTarget.checked)}
          />
          {!drill && (
            <Checkbox
              label="Put all affected stock on hold"
              description="The affected lots become 'recalled' at once; nothing can ship or be used in production"
              checked={hold}
              onChange={(e) => setHold(e.currentTarget.checked)}
            />
          )}
          {impact && (
            <List size="sm" spacing={2}>
              <List.Item>
                {lots.length} chosen lot{lots.length === 1 ? '' : 's'}, {impact.lots.length} affected lot{impact.lots.length === 1 ? '' : 's'} in all
              </List.Item>
              <List.Item>{impact.customers.length} customers to notify</List.Item>
              <List.Item>
                {drill || !hold ? 'No stock will be held' : `Stock at ${locations} location${locations === 1 ? '' : 's'} goes on recall hold`}
              </List.Item>
            </List>
          )}
          {create.isError && <ErrorState error={create.error} title={drill ? 'The drill could not be run' : 'The recall could not be opened'} />}
          <Group justify="flex-end">
            {drill ? (
              <Button type="submit" leftSection={<IconClockPlay size={18} />} loading={create.isPending} disabled={!reason.trim()}>
                Run drill
              </Button>
            ) : (
              <Button type="submit" color="red" leftSection={<IconAlertOctagon size={18} />} loading={create.isPending} disabled={!reason.trim()}>
                Open recall
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {drill
              ? 'The drill is listed under "Mock recall drills" with the time the trace took.'
              : 'The recall is recorded in the ledger; customers are then ticked off as they are notified and acknowledge.'}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
