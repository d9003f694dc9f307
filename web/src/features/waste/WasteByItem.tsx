import { BarChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { Empty } from '../../ui/states';
import type { WasteReport } from './wasteApi';
import { metricFormatter, metricLabel, metricOf, type WasteMetric } from './wasteMetric';
import { WasteTable } from './WasteTable';

/** Waste per item as horizontal bars, most wasted first. */
export function WasteByItem({ report, metric }: { report: WasteReport; metric: WasteMetric }) {
  if (report.rows.length === 0) return <Empty>Nothing was written off in this period.</Empty>;
  const data = report.rows
    .map((r) => ({ item: r.itemName ?? r.sku ?? '', amount: metricOf(r, metric) }))
    .sort((a, b) => b.amount - a.amount);
  return (
    <Stack gap="md">
      <BarChart
        h={Math.max(160, data.length * 40 + 60)}
        data={data}
        dataKey="item"
        orientation="vertical"
        aria-label="Waste per item"
        series={[{ name: 'amount', label: metricLabel(report, metric), color: 'red.6' }]}
        valueFormatter={metricFormatter(metric)}
        yAxisProps={{ width: 220 }}
        maxBarWidth={28}
        tickLine="none"
        gridAxis="x"
      />
      <WasteTable report={report} groupLabel="Item" label={(r) => `${r.itemName ?? ''} (${r.sku ?? ''})`} caption="Waste per item" />
    </Stack>
  );
}
