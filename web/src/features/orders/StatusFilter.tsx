import { Select } from '@mantine/core';

/** The status filter of an order list; empty means every status. */
export function StatusFilter({ statuses, value, onChange }: { statuses: readonly string[]; value: string | null; onChange: (status: string | null) => void }) {
  return (
    <Select
      label="Status"
      placeholder="Any status"
      clearable
      data={statuses.map((s) => ({ value: s, label: s.replaceAll('_', ' ') }))}
      value={value}
      onChange={onChange}
      w={200}
    />
  );
}

/** A list filter kept in the address (shareable, and Back returns to the same list). */
export function filterParam<T extends string>(params: URLSearchParams, name: string, allowed?: readonly T[]): T | null {
  const value = params.get(name);
  if (!value) return null;
  return !allowed || (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

/** Sets or clears one filter of the address, keeping the others. */
export function setFilterParam(params: URLSearchParams, name: string, value: string | null): URLSearchParams {
  if (value) params.set(name, value);
  else params.delete(name);
  return params;
}
