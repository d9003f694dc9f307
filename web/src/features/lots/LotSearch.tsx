import { Loader, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconBarcode } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { looksLikeGs1 } from '../../api/gs1';
import { useScan } from './useScan';

/**
 * The lot list's big scan-and-search box: typing narrows the list as you go; Enter (which a
 * scanner sends) opens the lot when the text names exactly one, or reads a GS1 barcode.
 */
export function LotSearch({ q, onSearch }: { q: string | undefined; onSearch: (q: string | undefined) => void }) {
  const [text, setText] = useState(q ?? '');
  const { submit, pending, error, clearError } = useScan(onSearch);
  // GS1 data is not a lot code: searching the list for it would only empty the table.
  const apply = useDebouncedCallback((value: string) => onSearch(looksLikeGs1(value.trim()) ? undefined : value.trim() || undefined), 300);

  // The address can change under the box (the header's scan box, a cleared filter, back/forward).
  useEffect(() => {
    if (!apply.isPending()) setText((current) => (current.trim() === (q ?? '') ? current : (q ?? '')));
  }, [q]); // not on `apply`: only a change of q from outside matters

  const gs1 = looksLikeGs1(text.trim());
  return (
    <TextInput
      size="lg"
      label="Find a lot"
      description={gs1 ? 'GS1 barcode data: press Enter to open its lot' : 'Scan a barcode, or type part of a lot code or supplier lot; Enter opens a single match'}
      placeholder="Scan or type a lot code"
      autoFocus
      autoComplete="off"
      spellCheck={false}
      leftSection={pending ? <Loader size="sm" /> : <IconBarcode size={22} stroke={1.6} />}
      value={text}
      error={error}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setText(value);
        clearError();
        apply(value);
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || pending || text.trim() === '') return;
        event.preventDefault();
        apply.cancel();
        if (!gs1) onSearch(text.trim());
        void submit(text);
      }}
    />
  );
}
