import { Invalid } from '../domain/errors.js';
import type { DocumentRef } from '../domain/ledger.js';

/** Validates the business documents attached to an event (PO, invoice, bill of lading, …). */
export function checkDocuments(documents: readonly DocumentRef[] | undefined): DocumentRef[] {
  const out: DocumentRef[] = [];
  (documents ?? []).forEach((d, i) => {
    if (d.type.trim() === '' || d.type.length > 32) throw Invalid.at(`documents.${i}.type`, 'must be 1 to 32 characters');
    if (d.number.trim() === '' || d.number.length > 128) throw Invalid.at(`documents.${i}.number`, 'must be 1 to 128 characters');
    out.push({ type: d.type, number: d.number });
  });
  return out;
}
