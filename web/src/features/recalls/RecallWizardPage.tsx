import { Badge, Button, Group, Stepper } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { lotQuery } from '../../api/lots';
import { lotKey } from '../../ui/lotKey';
import { notifyError } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import type { LotRef } from './api';
import { ConfirmStep } from './ConfirmStep';
import { mergeTraces } from './impact';
import { ImpactStep, useImpact } from './ImpactStep';
import { LotsStep } from './LotsStep';

function lotsFromAddress(params: URLSearchParams): LotRef[] {
  const sku = params.get('sku');
  const lot = params.get('lot');
  return sku && lot ? [{ sku, lot }] : [];
}

/** Recall (or drill) in three steps: which lots, what they reach, and the confirmation. */
export function RecallWizardPage() {
  const [params] = useSearchParams();
  const [lots, setLots] = useState<LotRef[]>(() => lotsFromAddress(params));
  const [drill, setDrill] = useState(params.get('drill') === '1');
  const [active, setActive] = useState(0);

  const details = useQueries({
    queries: lots.map(({ sku, lot }) => lotQuery(sku, lot)),
  });
  const impact = useImpact(lots);
  const merged = useMemo(() => (impact.traces ? mergeTraces(impact.traces) : null), [impact.traces]);

  const lotsReady = lots.length > 0 && details.every((d) => d.isSuccess);
  const canAdvance = active === 0 ? lotsReady : active === 1 ? merged !== null : false;

  const add = (lot: LotRef) => {
    if (lots.some((l) => lotKey(l) === lotKey(lot))) {
      notifyError(`${lot.sku} · ${lot.lot} is already in the recall.`, 'Already chosen');
      return;
    }
    setLots([...lots, lot]);
  };
  const remove = (lot: LotRef) => setLots(lots.filter((l) => lotKey(l) !== lotKey(lot)));

  return (
    <>
      <PageHeader
        title={drill ? 'Mock recall drill' : 'New recall'}
        description={
          drill
            ? 'Trace the chosen lots to every customer and every shelf, time it, and hold nothing.'
            : 'Choose the suspect lots, see every customer and stock they reached, then recall them.'
        }
        actions={drill ? <Badge color="grape">Drill: nothing will be held</Badge> : undefined}
      />
      <Stepper active={active} onStepClick={setActive} allowNextStepsSelect={false} size="sm">
        <Stepper.Step label="Lots" description="What to recall">
          <LotsStep lots={lots} details={details} onAdd={add} onRemove={remove} />
        </Stepper.Step>
        <Stepper.Step label="Impact" description="Who and what it reaches">
          <ImpactStep error={impact.error} impact={merged} drill={drill} />
        </Stepper.Step>
        <Stepper.Step label="Confirm" description={drill ? 'Reason, then run' : 'Reason and hold'}>
          <ConfirmStep lots={lots} impact={merged} drill={drill} onDrillChange={setDrill} />
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between" mt="lg">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setActive(active - 1)} disabled={active === 0}>
          Back
        </Button>
        {active < 2 && (
          <Button rightSection={<IconArrowRight size={16} />} onClick={() => setActive(active + 1)} disabled={!canAdvance}>
            {active === 0 ? 'Show impact' : 'Continue'}
          </Button>
        )}
      </Group>
    </>
  );
}
