import { Group, Input, NumberInput, SegmentedControl, Switch } from '@mantine/core';
import { useState } from 'react';
import { LocationSelect } from '../../ui/pickers';
import { WITHIN_PRESETS, type ExpiryBasis, type ExpiryFilters } from './expiryApi';

const CUSTOM = 'custom';

/** The window, the date that counts, the location and "expired only"; every change goes to the URL. */
export function ExpiryFilterBar({ filters, onChange }: { filters: ExpiryFilters; onChange: (next: ExpiryFilters) => void }) {
  const preset = (WITHIN_PRESETS as readonly number[]).includes(filters.withinDays);
  // "Custom" stays chosen while the typed number happens to match a preset.
  const [custom, setCustom] = useState(!preset);
  const windowValue = custom || !preset ? CUSTOM : String(filters.withinDays);
  const disabled = filters.expiredOnly;

  return (
    <Group align="flex-end" gap="md" wrap="wrap" mb="md">
      <Input.Wrapper label="Within" id="expiry-within" labelElement="div">
        <SegmentedControl
          display="flex"
          aria-labelledby="expiry-within-label"
          disabled={disabled}
          value={windowValue}
          onChange={(value) => {
            if (value === CUSTOM) return setCustom(true);
            setCustom(false);
            onChange({ ...filters, withinDays: Number(value) });
          }}
          data={[...WITHIN_PRESETS.map((d) => ({ value: String(d), label: `${d} days` })), { value: CUSTOM, label: 'Custom' }]}
        />
      </Input.Wrapper>
      {windowValue === CUSTOM && (
        <NumberInput
          label="Days"
          w={110}
          min={0}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          disabled={disabled}
          value={filters.withinDays}
          onChange={(value) => {
            if (typeof value === 'number' && Number.isInteger(value)) onChange({ ...filters, withinDays: value });
          }}
        />
      )}
      <Input.Wrapper label="Date" id="expiry-basis" labelElement="div">
        <SegmentedControl
          display="flex"
          aria-labelledby="expiry-basis-label"
          disabled={disabled}
          value={filters.basis}
          onChange={(value) => onChange({ ...filters, basis: value as ExpiryBasis })}
          data={[
            { value: 'expiry', label: 'Expiry' },
            { value: 'sellBy', label: 'Sell-by' },
          ]}
        />
      </Input.Wrapper>
      <LocationSelect label="Location" placeholder="All locations" clearable searchable w={220} value={filters.location} onChange={(value) => onChange({ ...filters, location: value })} />
      <Switch
        label="Expired only"
        color="red"
        mb={8}
        checked={filters.expiredOnly}
        onChange={(event) => onChange({ ...filters, expiredOnly: event.currentTarget.checked })}
      />
    </Group>
  );
}
