import { Button, Tooltip } from '@mantine/core';
import { IconAlertOctagon, IconHandStop, IconLockOpen, IconRoute, IconTag } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { download, lotPath } from '../../api/client';
import type { Item } from '../../api/master-data';
import { Can, useAuth } from '../../auth/AuthProvider';
import { notifyError } from '../../ui/notify';
import { HoldReleaseModal, type HoldAction } from './HoldReleaseModal';
import type { Lot } from './queries';

/** What can be done with a lot; QA actions only for roles that may take them. */
export function LotActions({ lot, item }: { lot: Lot; item: Item | undefined }) {
  const auth = useAuth();
  const [action, setAction] = useState<HoldAction | null>(null);
  const [labelling, setLabelling] = useState(false);
  const path = lotPath(lot.sku, lot.lot);
  // Hold and recall are QA's stored decisions (released the same way); expired stock may still be
  // held, e.g. pending an investigation; a depleted lot has nothing left to hold.
  const held = lot.status === 'hold' || lot.status === 'recalled';
  const holdable = lot.status === 'available' || lot.status === 'expired';

  const downloadLabel = async () => {
    setLabelling(true);
    try {
      await download(`/api/v1/labels/${path}?format=png`, `label-${lot.sku}-${lot.lot}.png`);
    } catch (error) {
      notifyError(error, 'The label could not be made');
    } finally {
      setLabelling(false);
    }
  };

  const noGtin = item !== undefined && !item.gtin;
  return (
    <>
      <Button component={Link} to={`/trace/${path}`} leftSection={<IconRoute size={16} />}>
        Trace
      </Button>
      <Tooltip label="The item has no GTIN, so a GS1 label cannot carry it" disabled={!noGtin}>
        <Button
          variant="default"
          leftSection={<IconTag size={16} />}
          loading={labelling}
          // data-disabled, not disabled: a disabled button gets no hover, so the tooltip could not say why.
          data-disabled={noGtin || undefined}
          aria-disabled={noGtin}
          onClick={() => {
            if (!noGtin) void downloadLabel();
          }}
        >
          Label
        </Button>
      </Tooltip>
      {auth.can('qa') && held && (
        <Button variant="light" color="green" leftSection={<IconLockOpen size={16} />} onClick={() => setAction('release')}>
          Release
        </Button>
      )}
      {auth.can('qa') && holdable && (
        <Button variant="light" color="yellow" leftSection={<IconHandStop size={16} />} onClick={() => setAction('hold')}>
          Hold
        </Button>
      )}
      <Can permission="qa">
        <Button
          component={Link}
          to={`/recalls/new?${new URLSearchParams({ sku: lot.sku, lot: lot.lot }).toString()}`}
          color="red"
          variant="light"
          leftSection={<IconAlertOctagon size={16} />}
        >
          Start recall
        </Button>
      </Can>
      <HoldReleaseModal sku={lot.sku} lot={lot.lot} action={action} onClose={() => setAction(null)} />
    </>
  );
}
