import { formatQuantity } from '../../ui/format';
import { lotKey } from '../../ui/lotKey';
import { LotLink } from '../../ui/LotLink';
import { PagedTable } from '../../ui/PagedTable';
import { StatusBadge } from '../../ui/StatusBadge';
import { StockByLocation } from '../../ui/StockByLocation';
import type { LotRef, TraceOnHand } from './api';

/** Stock of the affected lots by location: what the warehouse must find, quarantine or destroy. */
export function OnHandTable({ onHand, uomOf }: { onHand: readonly TraceOnHand[]; uomOf: (ref: LotRef) => string }) {
  return (
    <>
      <StockByLocation lines={onHand.map((line) => ({ ...line, uom: uomOf(line) }))} />
      <PagedTable
        rows={onHand}
        columns={[
          { header: 'Location', cell: (line) => line.location },
          { header: 'Lot', cell: (line) => <LotLink sku={line.sku} lot={line.lot} showSku /> },
          { header: 'Quantity', cell: (line) => formatQuantity(line.quantity, uomOf(line)), numeric: true },
          { header: 'Status', cell: (line) => <StatusBadge status={line.status} /> },
        ]}
        rowKey={(line) => `${lotKey(line)}@${line.location}`}
        label="Stock on hand"
        noun="stock lines"
        empty="None of the affected lots has stock on hand."
        minWidth={560}
      />
    </>
  );
}
