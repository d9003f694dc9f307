import { formatQuantity, formatTime } from '../../ui/format';
import { lotKey } from '../../ui/lotKey';
import { LotLink } from '../../ui/LotLink';
import { NameAndCode } from '../../ui/NameAndCode';
import { PagedTable } from '../../ui/PagedTable';
import type { LotRef, Recall } from './api';

/** Units of the affected lots customers sent back: what the recall has recovered so far. */
export function ReturnsTable({ recall, uomOf }: { recall: Recall; uomOf: (ref: LotRef) => string }) {
  const names = new Map(recall.customers.map((c) => [c.code, c.name]));
  const returns = [...recall.returns].sort((a, b) => b.time.localeCompare(a.time));
  return (
    <PagedTable
      rows={returns}
      columns={[
        { header: 'Returned', cell: (r) => formatTime(r.time) },
        { header: 'Customer', cell: (r) => <NameAndCode name={names.get(r.customer)} code={r.customer} /> },
        { header: 'Lot', cell: (r) => <LotLink sku={r.sku} lot={r.lot} showSku /> },
        { header: 'Into', cell: (r) => r.location },
        { header: 'Quantity', cell: (r) => formatQuantity(r.quantity, uomOf(r)), numeric: true },
      ]}
      rowKey={(r) => `${r.event}/${lotKey(r)}/${r.location}`}
      label="Recovered units"
      noun="returns"
      empty="Nothing has come back yet. Customer returns of the affected lots show here."
      minWidth={640}
    />
  );
}
