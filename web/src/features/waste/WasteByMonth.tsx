import { CompositeChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { monthLabel, type WasteReport } from './wasteApi';
import { metricLabel, metricOf, type WasteMetric } from './wasteMetric';
import { WasteTable } from './WasteTable';

// One formatter serves the bars and the rate line in the tooltip: two decimals suit both.
const figure = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** Waste per month as bars, with the waste rate as a line on its own axis. */
export function WasteByMonth({ report, metric }: { report: WasteReport; metric: WasteMetric }) {
  const data = report.rows.map((r) => ({
    month: monthLabel(r.period ?? ''),
    amount: metricOf(r, metric),
    // The rate in percent, so the right axis reads like the table.
    rate: r.wasteRate === null ? null : Number((r.wasteRate * 100).toFixed(4)),
  }));
  return (
    <Stack gap="md">
      <CompositeChart
        h={300}
        data={data}
        dataKey="month"
        aria-label={`Waste per month, ${monthLabel(report.from)} to ${monthLabel(report.to)}`}
        series={[
          { name: 'amount', label: metricLabel(report, metric), color: 'red.6', type: 'bar' },
          { name: 'rate', label: 'Waste rate (%)', color: 'blue.6', type: 'line', yAxisId: 'right' },
        ]}
        withLegend
        withRightYAxis
        curveType="linear"
        rightYAxisProps={{ tickFormatter: (v: number) => `${figure.format(v)} %` }}
        valueFormatter={(v) => figure.format(v)}
        maxBarWidth={40}
        tickLine="none"
      />
      <WasteTable report={report} groupLabel="Month" label={(r) => monthLabel(r.period ?? '')} caption="Waste per month" />
    </Stack>
  );
}
