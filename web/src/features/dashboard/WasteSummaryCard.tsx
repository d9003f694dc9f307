import { BarChart } from '@mantine/charts';
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatMoney, formatQuantity } from '../../ui/format';
import { ErrorState, Loading } from '../../ui/states';
import { WasteChange } from '../waste/WasteChange';
import { compareLastMonths, monthLabel, wasteReportQuery, type WasteReport, type WasteRow } from '../waste/wasteApi';
import { metricFormatter, metricLabel, metricOf, type WasteMetric } from '../waste/wasteMetric';

/** A month's waste; with mixed units its value leads, because the quantities do not add up. */
function MonthFigures({ row, report, caption }: { row: WasteRow & { period: string }; report: WasteReport; caption: string }) {
  const unit = report.units.length === 1 ? report.units[0] : undefined;
  const quantity = formatQuantity(row.writtenOff, unit);
  const value = formatMoney(Number(row.value));
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {caption} · {monthLabel(row.period)}
      </Text>
      <Text fw={700} size="lg">
        {report.mixedUnits ? value : quantity}
      </Text>
      <Text size="sm" c="dimmed">
        {report.mixedUnits ? `value · ${quantity} in mixed units` : `value ${value}`}
      </Text>
    </Stack>
  );
}

function WasteSummary({ report }: { report: WasteReport }) {
  const comparison = compareLastMonths(report);
  // Jars and kilograms do not add up: with mixed units the trend is in value.
  const metric: WasteMetric = report.mixedUnits ? 'value' : 'writtenOff';
  const data = report.rows.map((r) => ({ month: monthLabel(r.period ?? ''), amount: metricOf(r, metric) }));
  return (
    <Stack gap="md">
      {comparison && (
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Stack gap={4}>
            <MonthFigures row={comparison.current} report={report} caption="This month" />
            <Group gap={6}>
              {!report.mixedUnits && <WasteChange change={comparison.quantityChange} label="quantity" />}
              <WasteChange change={comparison.valueChange} label="value" />
              <Text size="xs" c="dimmed">
                vs last month
              </Text>
            </Group>
          </Stack>
          <MonthFigures row={comparison.previous} report={report} caption="Last month" />
        </SimpleGrid>
      )}
      <BarChart
        h={180}
        data={data}
        dataKey="month"
        aria-label={`Waste per month, ${monthLabel(report.from)} to ${monthLabel(report.to)}`}
        series={[{ name: 'amount', label: metricLabel(report, metric), color: 'red.6' }]}
        valueFormatter={metricFormatter(metric)}
        xAxisProps={{ interval: 'preserveStartEnd' }}
        tickLine="none"
      />
    </Stack>
  );
}

/** Waste this month against last month, and the last twelve months' trend, in the server's months. */
export function WasteSummaryCard() {
  const report = useQuery(wasteReportQuery({ groupBy: 'month' }));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dashboard-waste" h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={4} id="dashboard-waste">
          Waste
        </Title>
        <Anchor component={Link} to="/waste" size="sm">
          Waste analytics
        </Anchor>
      </Group>
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <ErrorState error={report.error} title="Waste figures could not be loaded" />
      ) : (
        <WasteSummary report={report.data} />
      )}
    </Card>
  );
}
