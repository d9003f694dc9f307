import { Loader, TextInput } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import { useState } from 'react';
import { readScan, type Scanned } from './scan';

/**
 * The scan input above a line editor. A scanner types the barcode and presses Enter; so does a
 * person typing a bracketed GS1 string or a lot code. Enter here reads the scan and never submits
 * the form. What it read goes to `onScan`, the field clears for the next scan.
 */
export function ScanField({
  label,
  description,
  onScan,
  autoFocus,
  findItem,
}: {
  label: string;
  description?: string;
  onScan: (scanned: Scanned) => void;
  autoFocus?: boolean;
  /** A plain lot code also fills its item (for lots that exist: stock going out). */
  findItem?: boolean;
}) {
  const [value, setValue] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const read = async () => {
    if (pending || value.trim() === '') return;
    setPending(true);
    setError(null);
    try {
      const scanned = await readScan(value, { findItem });
      setValue('');
      onScan(scanned);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <TextInput
      label={label}
      description={description ?? 'Scan a GS1 barcode or type (01)…(10)…(17)…, or a lot code, then Enter'}
      placeholder="Scan here"
      autoFocus={autoFocus}
      autoComplete="off"
      spellCheck={false}
      value={value}
      error={error}
      leftSection={pending ? <Loader size={14} /> : <IconBarcode size={18} stroke={1.6} />}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        setError(null);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          void read();
        }
      }}
    />
  );
}
