import { SimpleGrid, TextInput } from '@mantine/core';

export interface DocumentNumbers {
  invoice: string;
  bol: string;
}

export const NO_DOCUMENTS: DocumentNumbers = { invoice: '', bol: '' };

/** The invoice and bill of lading that travel with a receipt or shipment (the order is added by the server). */
export function DocumentFields({ value, onChange, errors }: { value: DocumentNumbers; onChange: (value: DocumentNumbers) => void; errors: Record<string, string> }) {
  const error = errors.documents ?? errors['documents.0.number'] ?? errors['documents.1.number'];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label="Invoice number" value={value.invoice} onChange={(e) => onChange({ ...value, invoice: e.currentTarget.value })} error={error} />
      <TextInput label="Bill of lading" value={value.bol} onChange={(e) => onChange({ ...value, bol: e.currentTarget.value })} />
    </SimpleGrid>
  );
}

/** The documents of a request body; undefined when none was given. */
export function documentsBody(value: DocumentNumbers): { type: string; number: string }[] | undefined {
  const documents = [
    { type: 'invoice', number: value.invoice.trim() },
    { type: 'BOL', number: value.bol.trim() },
  ].filter((d) => d.number !== '');
  return documents.length > 0 ? documents : undefined;
}
