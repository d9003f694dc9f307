import { DonutChart } from '@mantine/charts';
import { Group, Stack } from '@mantine/core';
import { Empty } from '../../ui/states';
import { reasonLabel, type WasteReport } from './wasteApi';
import { metricFormatter, metricOf, type WasteMetric } from './wasteMetric';
import { WasteTable } from './WasteTable';

const COLORS = ['red.6', 'orange.5', 'grape.6', 'yellow.6', 'blue.6', 'teal.6', 'gray.6'];

/** Waste per reason as a donut: the share each reason has of all that was written off. */
export function WasteByReason({ report, metric }: { report: WasteReport; metric: WasteMetric }) {
  if (report.rows.length === 0) return <Empty>Nothing was written off in this period.</Empty>;
  const data = report.rows.map((r, i) => ({ name: reasonLabel(r.reason ?? ''), value: metricOf(r, metric), color: COLORS[i % COLORS.length]! }));
  const format = metricFormatter(metric);
  return (
    <Stack gap="md">
      <Group justify="center">
        <DonutChart
          data={data}
          size={220}
          thickness={34}
          withLabels
          withLabelsLine
          labelsType="percent"
          withLegend
          chartLabel={format(metricOf(report.totals, metric))}
          valueFormatter={format}
          aria-label="Waste per reason"
        />
      </Group>
      <WasteTable report={report} groupLabel="Reason" label={(r) => reasonLabel(r.reason ?? '')} caption="Waste per reason" />
    </Stack>
  );
}
