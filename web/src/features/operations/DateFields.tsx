import '@mantine/dates/styles.css';
import { DateInput, DateTimePicker, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { useAuth } from '../../auth/AuthProvider';
import { addDays } from '../../ui/format';

/**
 * When the goods moved. Empty means now (the server's clock); a worker booking goods after they
 * moved picks the real time.
 */
export function EventTimeInput({ value, onChange, error }: { value: string | null; onChange: (value: string | null) => void; error?: string }) {
  const { today } = useAuth();
  return (
    <DateTimePicker
      label="Time"
      description="Leave empty for now"
      placeholder="Now"
      valueFormat="YYYY-MM-DD HH:mm"
      clearable
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      // Goods cannot have moved after today; a day's slack leaves room for a browser in another time zone.
      maxDate={addDays(today, 1)}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

/** The picker's local `YYYY-MM-DD HH:mm:ss` as the API's ISO 8601 time with this browser's offset. */
export function eventTimeBody(value: string | null): string | undefined {
  return value ? dayjs(value).format('YYYY-MM-DDTHH:mm:ssZ') : undefined;
}

/** A calendar date typed as YYYY-MM-DD or picked; the API's date fields have no time or zone. */
export function CalendarDateInput(props: Omit<DateInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  const { value, onChange, ...rest } = props;
  return (
    <DateInput
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      clearable
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      {...rest}
      value={value || null}
      onChange={(date) => onChange(date ?? '')}
    />
  );
}
