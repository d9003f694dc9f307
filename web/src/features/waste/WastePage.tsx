import { Alert, Card, Group, Loader, SegmentedControl, Tabs } from '@mantine/core';
import { IconCalendarStats, IconCategory, IconInfoCircle, IconPackage } from '@tabler/icons-react';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, Loading } from '../../ui/states';
import { WASTE_GROUPS, wasteReportQuery, type WasteGroup, type WasteReport } from './wasteApi';
import { WasteByItem } from './WasteByItem';
import { WasteByMonth } from './WasteByMonth';
import { WasteByReason } from './WasteByReason';
import type { WasteMetric } from './wasteMetric';
import { WastePeriodPicker } from './WastePeriodPicker';
import { WasteTotals } from './WasteTotals';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function monthParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value && MONTH.test(value) ? value : undefined;
}

function ReportState({ query, children }: { query: UseQueryResult<WasteReport>; children: (report: WasteReport) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} title="The waste report could not be loaded" />;
  return <>{children(query.data)}</>;
}

/** Written-off stock over a period by month, item and reason, with its value and the waste rate. */
export function WastePage() {
  const [params, setParams] = useSearchParams();
  const from = monthParam(params, 'from');
  const to = monthParam(params, 'to');
  const group: WasteGroup = WASTE_GROUPS.find((g) => g === params.get('group')) ?? 'month';

  // Without a period the server reports its last twelve months: its clock decides "this month".
  const current = useQuery(wasteReportQuery({ groupBy: 'month' }));
  const months = useQuery(wasteReportQuery({ from, to, groupBy: 'month' }));
  const grouped = useQuery({ ...wasteReportQuery({ from, to, groupBy: group }), enabled: group !== 'month' });

  // Quantities of different units do not add up, so such a report starts with value.
  const metric: WasteMetric = params.get('show') === 'value' || (!params.has('show') && months.data?.mixedUnits) ? 'value' : 'writtenOff';
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    setParams(next, { replace: true });
  };
  const shownFrom = from ?? months.data?.from;
  const shownTo = to ?? months.data?.to;

  return (
    <>
      <PageHeader
        title="Waste"
        description="Stock written off (expired, damaged, recalled, scrapped returns), its value, and the waste rate against what was shipped."
        actions={
          shownFrom && shownTo ? (
            <WastePeriodPicker
              from={shownFrom}
              to={shownTo}
              latest={current.data?.to}
              onChange={(period) => update(period)}
              onReset={() => update({ from: null, to: null })}
            />
          ) : (
            months.isPending && <Loader size="sm" aria-label="Loading the period" />
          )
        }
      />
      <ReportState query={months}>
        {(report) => (
          <>
            <WasteTotals report={report} />
            {report.mixedUnits && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
                The items written off are counted in different units ({report.units.join(', ')}), so quantities added across items mix
                them: compare value instead.
              </Alert>
            )}
          </>
        )}
      </ReportState>
      <Card withBorder padding="md">
        <Tabs value={group} onChange={(value) => update({ group: value === 'month' ? null : value })} keepMounted={false}>
          <Group justify="space-between" wrap="wrap" mb="md">
            <Tabs.List>
              <Tabs.Tab value="month" leftSection={<IconCalendarStats size={16} />}>
                By month
              </Tabs.Tab>
              <Tabs.Tab value="item" leftSection={<IconPackage size={16} />}>
                By item
              </Tabs.Tab>
              <Tabs.Tab value="reason" leftSection={<IconCategory size={16} />}>
                By reason
              </Tabs.Tab>
            </Tabs.List>
            <SegmentedControl
              aria-label="Chart shows"
              size="xs"
              value={metric}
              onChange={(value) => update({ show: value === 'value' ? 'value' : 'quantity' })}
              data={[
                { value: 'writtenOff', label: 'Quantity' },
                { value: 'value', label: 'Value' },
              ]}
            />
          </Group>
          <Tabs.Panel value="month">
            <ReportState query={months}>{(report) => <WasteByMonth report={report} metric={metric} />}</ReportState>
          </Tabs.Panel>
          <Tabs.Panel value="item">
            <ReportState query={grouped}>{(report) => <WasteByItem report={report} metric={metric} />}</ReportState>
          </Tabs.Panel>
          <Tabs.Panel value="reason">
            <ReportState query={grouped}>{(report) => <WasteByReason report={report} metric={metric} />}</ReportState>
          </Tabs.Panel>
        </Tabs>
      </Card>
    </>
  );
}
