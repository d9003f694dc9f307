import { ActionIcon, Anchor, Badge, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Can } from '../../auth/AuthProvider';
import { formatDate, formatQuantity, relativeDays } from '../../ui/format';
import { LotLink } from '../../ui/LotLink';
import { notifyError, notifySuccess } from '../../ui/notify';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { expiryHref } from '../expiry/expiryApi';
import { openAlertsQuery } from './dashboardQueries';

type Alert = components['schemas']['Alert'];

const KINDS: Record<Alert['kind'], { label: string; color: string }> = {
  'lot.expired': { label: 'Expired', color: 'red' },
  'lot.expiring': { label: 'Expiring', color: 'orange' },
  'lot.sell_by': { label: 'Sell-by', color: 'yellow' },
};

const SHOWN = 6;

/** The date the alert is about, named, and how far off it is. */
function when(alert: Alert): string {
  return `${alert.kind === 'lot.sell_by' ? 'sell-by' : 'expiry'} ${formatDate(alert.date)}, ${relativeDays(alert.daysLeft)}`;
}

/** The newest open expiry alerts; QA acknowledges them here once dealt with. */
export function AlertsPanel() {
  const alerts = useQuery(openAlertsQuery);
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id } }, body: {} })),
    onSuccess: (alert) => notifySuccess(`${alert.sku} ${alert.lot}: alert acknowledged.`),
    onError: (error) => notifyError(error, 'The alert was not acknowledged'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dashboard-alerts" h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={4} id="dashboard-alerts">
          Expiry alerts
        </Title>
        {alerts.isSuccess && alerts.data.items.length > SHOWN && (
          <Text size="sm" c="dimmed">
            newest {SHOWN} of {alerts.data.items.length}
            {alerts.data.nextCursor ? '+' : ''}
          </Text>
        )}
      </Group>
      {alerts.isPending ? (
        <Loading />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} title="Alerts could not be loaded" />
      ) : alerts.data.items.length === 0 ? (
        <Empty>
          No open alerts. <Anchor component={Link} to={expiryHref({})} size="sm">See what expires soon</Anchor>
        </Empty>
      ) : (
        <Stack gap="xs">
          {alerts.data.items.slice(0, SHOWN).map((alert) => (
            <Group key={alert.id} justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Badge color={KINDS[alert.kind].color} variant="light" tt="none" size="sm" miw="max-content">
                    {KINDS[alert.kind].label}
                  </Badge>
                  <LotLink sku={alert.sku} lot={alert.lot} showSku />
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {when(alert)} · {formatQuantity(alert.quantity, alert.uom)} · {alert.itemName}
                </Text>
              </Stack>
              <Can permission="qa">
                <Tooltip label="Acknowledge">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    loading={acknowledge.isPending && acknowledge.variables === alert.id}
                    disabled={acknowledge.isPending}
                    onClick={() => acknowledge.mutate(alert.id)}
                    aria-label={`Acknowledge the ${KINDS[alert.kind].label.toLowerCase()} alert for ${alert.sku} ${alert.lot}`}
                  >
                    <IconCheck size={16} />
                  </ActionIcon>
                </Tooltip>
              </Can>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
