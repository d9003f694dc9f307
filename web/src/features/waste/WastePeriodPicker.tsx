import '@mantine/dates/styles.css';
import { Button, Group } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';

interface Props {
  from: string;
  to: string;
  /** The server's current month: the latest that can be chosen. */
  latest: string | undefined;
  onChange(period: { from: string; to: string }): void;
  onReset(): void;
}

const asDate = (month: string) => `${month}-01`;
const asMonth = (date: string) => date.slice(0, 7);

/** From and to month of the report; "Last 12 months" goes back to the server's default period. */
export function WastePeriodPicker({ from, to, latest, onChange, onReset }: Props) {
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <MonthPickerInput
        label="From month"
        leftSection={<IconCalendar size={16} />}
        valueFormat="MMM YYYY"
        w={150}
        value={asDate(from)}
        maxDate={asDate(to)}
        onChange={(value) => value && onChange({ from: asMonth(value), to })}
      />
      <MonthPickerInput
        label="To month"
        leftSection={<IconCalendar size={16} />}
        valueFormat="MMM YYYY"
        w={150}
        value={asDate(to)}
        minDate={asDate(from)}
        maxDate={latest ? asDate(latest) : undefined}
        onChange={(value) => value && onChange({ from, to: asMonth(value) })}
      />
      <Button variant="default" onClick={onReset}>
        Last 12 months
      </Button>
    </Group>
  );
}
