import { Grid, SimpleGrid, Stack } from '@mantine/core';
import { IconAlertOctagon, IconBell, IconCalendarDue, IconCalendarX, IconHandStop, IconTag } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../ui/PageHeader';
import { expiryHref, expirySummaryQuery } from '../expiry/expiryApi';
import { AlertsPanel } from './AlertsPanel';
import { countText, heldLotsQuery, openAlertsQuery, openRecallsQuery } from './dashboardQueries';
import { RecentEventsCard } from './RecentEventsCard';
import { StatCard } from './StatCard';
import { WasteSummaryCard } from './WasteSummaryCard';

const WINDOW_DAYS = 30;

function lots(count: string): string {
  return count === '1' ? '1 lot' : `${count} lots`;
}

/** What needs attention today: recalls, holds, stock running out of date, alerts, waste, and the latest events. */
export function DashboardPage() {
  const recalls = useQuery(openRecallsQuery);
  const held = useQuery(heldLotsQuery);
  const alerts = useQuery(openAlertsQuery);
  // One list serves two cards: within 30 days of expiry it holds the upcoming and the already expired.
  const expiry = useQuery(expirySummaryQuery('expiry', WINDOW_DAYS));
  const sellBy = useQuery(expirySummaryQuery('sellBy', WINDOW_DAYS));

  return (
    <>
      <PageHeader title="Dashboard" description="What needs attention now, and how much stock was lost to waste." />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <StatCard
            title="Open recalls"
            icon={IconAlertOctagon}
            color="red"
            query={recalls}
            to="/recalls"
            linkLabel="Recalls"
            figure={(d) => ({
              value: countText(d.recalls, d.truncated),
              attention: d.recalls > 0,
              detail: d.drills > 0 ? `and ${d.drills} mock recall ${d.drills === 1 ? 'drill' : 'drills'}` : 'no mock recall drills open',
            })}
          />
          <StatCard
            title="Lots on hold"
            icon={IconHandStop}
            color="yellow"
            query={held}
            to="/lots?status=hold"
            linkLabel="Held lots"
            figure={(d) => ({ value: countText(d.lots, d.truncated), attention: d.lots > 0, detail: 'awaiting a QA decision' })}
          />
          <StatCard
            title="Expired stock on hand"
            icon={IconCalendarX}
            color="red"
            query={expiry}
            to={expiryHref({ expiredOnly: true })}
            linkLabel="Expired stock"
            figure={(d) => ({ value: countText(d.pastLots, d.pastTruncated), attention: d.pastLots > 0, detail: d.pastLots > 0 ? 'lots to write off' : 'nothing past its expiry date' })}
          />
          <StatCard
            title={`Expiring in ${WINDOW_DAYS} days`}
            icon={IconCalendarDue}
            color="orange"
            query={expiry}
            to={expiryHref({ withinDays: WINDOW_DAYS })}
            linkLabel="Expiring stock"
            figure={(d) => ({ value: countText(d.upcomingLots, d.truncated), attention: d.upcomingLots > 0, detail: 'lots with stock on hand, not yet expired' })}
          />
          <StatCard
            title={`Reaching sell-by in ${WINDOW_DAYS} days`}
            icon={IconTag}
            color="yellow"
            query={sellBy}
            to={expiryHref({ withinDays: WINDOW_DAYS, basis: 'sellBy' })}
            linkLabel="Sell-by dates"
            figure={(d) => ({
              value: countText(d.upcomingLots, d.truncated),
              attention: d.upcomingLots > 0,
              detail: d.pastLots > 0 ? `${lots(countText(d.pastLots, d.pastTruncated))} already past sell-by` : 'none past sell-by',
            })}
          />
          <StatCard
            title="Open alerts"
            icon={IconBell}
            color="orange"
            query={alerts}
            figure={(d) => ({
              value: countText(d.items.length, d.nextCursor !== null),
              attention: d.items.length > 0,
              detail: d.items.length > 0 ? 'expiry and sell-by alerts, listed below' : 'no expiry or sell-by alerts',
            })}
          />
        </SimpleGrid>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <WasteSummaryCard />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <AlertsPanel />
          </Grid.Col>
        </Grid>
        <RecentEventsCard />
      </Stack>
    </>
  );
}
