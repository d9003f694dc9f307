import { Button, Stack, Tabs } from '@mantine/core';
import { IconAlertOctagon, IconClockPlay } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { Can } from '../../auth/AuthProvider';
import { PageHeader } from '../../ui/PageHeader';
import { RecallsTable } from './RecallsTable';

const OPEN = { status: 'open', drill: 'false' } as const;
const CLOSED = { status: 'closed', drill: 'false' } as const;
const DRILLS = { drill: 'true' } as const;

/** Recalls, open ones first, and the mock recall drills in their own tab. */
export function RecallsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'drills' ? 'drills' : 'recalls';
  return (
    <>
      <PageHeader
        title="Recalls"
        description="Every recall with who was told and how much came back; drills prove a recall could be run in time."
        actions={
          <Can permission="qa">
            <Button component={Link} to="/recalls/new" color="red" leftSection={<IconAlertOctagon size={18} />}>
              New recall
            </Button>
            <Button component={Link} to="/recalls/new?drill=1" variant="default" leftSection={<IconClockPlay size={18} />}>
              Run a drill
            </Button>
          </Can>
        }
      />
      {/* The tab is in the address so that "back" from a drill returns to the drills. */}
      <Tabs value={tab} onChange={(value) => setParams(value === 'drills' ? { tab: 'drills' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="recalls" leftSection={<IconAlertOctagon size={16} />}>
            Recalls
          </Tabs.Tab>
          <Tabs.Tab value="drills" leftSection={<IconClockPlay size={16} />}>
            Mock recall drills
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="recalls">
          <Stack gap="xl">
            <RecallsTable title="Open recalls" filter={OPEN} empty="No recall is open." />
            <RecallsTable title="Closed recalls" filter={CLOSED} empty="No recall has been closed yet." />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="drills">
          <RecallsTable filter={DRILLS} drills empty="No mock recall drill has been run yet. A drill traces a lot to every customer without holding any stock." />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
