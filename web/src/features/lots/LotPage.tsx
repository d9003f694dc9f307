import { Alert, Button, Center, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconHandStop, IconPackageOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { lotQuery } from '../../api/lots';
import { useItems } from '../../api/master-data';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, Loading } from '../../ui/states';
import { StatusBadge } from '../../ui/StatusBadge';
import { EventHistory } from './EventHistory';
import { KeyDatesCard } from './KeyDatesCard';
import { LotActions } from './LotActions';
import { MassBalanceCard } from './MassBalanceCard';
import { OriginCard } from './OriginCard';
import { StockCard } from './StockCard';

function NoSuchLot({ sku, lot }: { sku: string; lot: string }) {
  return (
    <Center py={60}>
      <Stack align="center" gap="xs" maw={480} ta="center">
        <IconPackageOff size={40} stroke={1.4} color="var(--mantine-color-dimmed)" />
        <Title order={3}>
          No lot {lot} of item {sku}
        </Title>
        <Text c="dimmed" size="sm">
          Nothing was ever received or produced under this code. Check the code, or search for it among all lots.
        </Text>
        <Button component={Link} to={`/lots?${new URLSearchParams({ q: lot }).toString()}`} variant="light" mt="sm">
          Search lots for “{lot}”
        </Button>
      </Stack>
    </Center>
  );
}

/** One lot: status, dates, origin, stock, mass balance and its full history, with QA's actions. */
export function LotPage() {
  const { sku = '', lot = '' } = useParams();
  const { bySku } = useItems();
  const { today } = useAuth();
  const query = useQuery({
    ...lotQuery(sku, lot),
    // A lot that does not exist will not appear by asking again.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 1,
  });

  if (query.isPending) return <Loading label={`Loading lot ${lot}…`} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NoSuchLot sku={sku} lot={lot} />;
    return <ErrorState error={query.error} title={`Lot ${lot} could not be loaded`} />;
  }

  const data = query.data;
  const item = bySku.get(sku);
  return (
    <>
      <PageHeader
        title={`Lot ${data.lot}`}
        description={
          <Group gap="xs" component="span">
            <span>
              {item?.name ?? sku} · {sku}
            </span>
            {/* A live region: assistive technology hears the status change after a hold or release. */}
            <span role="status" aria-label="Lot status">
              <StatusBadge status={data.status} />
            </span>
          </Group>
        }
        actions={<LotActions lot={data} item={item} />}
      />
      {data.holdReason && (data.status === 'hold' || data.status === 'recalled') && (
        <Alert color={data.status === 'recalled' ? 'red' : 'yellow'} icon={<IconHandStop size={18} />} title={data.status === 'recalled' ? 'Recalled' : 'On hold'} mb="md">
          {data.holdReason}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            {/* Days left matter only while some of the lot is still in stock. */}
            <KeyDatesCard lot={data} today={data.totals.onHand > 0 ? today : undefined} />
            <OriginCard lot={data} uom={item?.uom} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <StockCard lot={data} uom={item?.uom} />
            <MassBalanceCard balance={data.massBalance} uom={item?.uom} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <EventHistory sku={sku} lot={lot} />
        </Grid.Col>
      </Grid>
    </>
  );
}
