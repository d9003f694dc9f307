import type { TraceView } from '../app/trace.js';
import { formatQuantity } from './output.js';

type Lot = TraceView['lots'][number];
const key = (sku: string, lot: string) => `${sku}/${lot}`;

function documentsText(documents: { type: string; number: string }[]): string {
  return documents.length === 0 ? '' : ` [${documents.map((d) => `${d.type} ${d.number}`).join(', ')}]`;
}

function lotText(l: Lot): string {
  const dates = [l.productionDate && `made ${l.productionDate}`, l.expiryDate && `exp ${l.expiryDate}`].filter(Boolean).join(', ');
  return `${key(l.sku, l.lot)}  ${l.status}${dates ? `, ${dates}` : ''}, on hand ${formatQuantity(l.onHand)} ${l.uom}`;
}

/**
 * The trace as an indented tree read from the traced lot outwards: backward through the inputs to
 * the suppliers' receipts, forward through the outputs to the customers' shipments. A lot met a
 * second time (a lot used in two branches, or a rework cycle) is named but not expanded again, so
 * the tree stays as long as the trace, not as the number of paths through it.
 */
export function traceTree(trace: TraceView, direction: 'backward' | 'forward'): string[] {
  const lots = new Map(trace.lots.map((l) => [key(l.sku, l.lot), l]));
  const next = new Map<string, { lot: string; quantity: number }[]>();
  for (const link of trace.links) {
    const [from, to] = [key(link.from.sku, link.from.lot), key(link.to.sku, link.to.lot)];
    const [parent, child] = direction === 'backward' ? [to, from] : [from, to];
    const list = next.get(parent) ?? [];
    list.push({ lot: child, quantity: link.quantity });
    next.set(parent, list);
  }
  const receipts = new Map<string, TraceView['receipts']>();
  for (const r of trace.receipts) receipts.set(key(r.sku, r.lot), [...(receipts.get(key(r.sku, r.lot)) ?? []), r]);
  const shipments = new Map<string, TraceView['shipments']>();
  for (const s of trace.shipments) shipments.set(key(s.sku, s.lot), [...(shipments.get(key(s.sku, s.lot)) ?? []), s]);
  const names = new Map(trace.customers.map((c) => [c.code, c.name]));

  const out: string[] = [];
  const shown = new Set<string>();
  const walk = (id: string, prefix: string, childPrefix: string, via: string) => {
    const lot = lots.get(id);
    if (!lot) return;
    if (shown.has(id)) {
      out.push(`${prefix}${id}${via}  (shown above)`);
      return;
    }
    shown.add(id);
    out.push(`${prefix}${lotText(lot)}${via}`);
    const leaves =
      direction === 'backward'
        ? (receipts.get(id) ?? []).map((r) => `received from ${r.supplier} (${r.supplierName})${r.supplierLot ? `, supplier lot ${r.supplierLot}` : ''}: ${formatQuantity(r.quantity)} ${lot.uom} on ${r.time.slice(0, 10)} at ${r.location}${documentsText(r.documents)}`)
        : (shipments.get(id) ?? []).map((s) => `shipped to ${s.customer} (${names.get(s.customer) ?? s.customer}): ${formatQuantity(s.quantity)} ${lot.uom} on ${s.time.slice(0, 10)} from ${s.location}${documentsText(s.documents)}`);
    const children = [...(next.get(id) ?? [])].sort((a, b) => (a.lot < b.lot ? -1 : 1));
    const items = [...leaves.map((text) => ({ text })), ...children.map((c) => ({ child: c }))];
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      const branch = `${childPrefix}${last ? '└─ ' : '├─ '}`;
      const below = `${childPrefix}${last ? '   ' : '│  '}`;
      if ('text' in item) out.push(`${branch}${item.text}`);
      else {
        const from = lots.get(item.child.lot);
        const unit = direction === 'backward' ? (from?.uom ?? '') : (lots.get(id)?.uom ?? '');
        walk(item.child.lot, branch, below, `  (${formatQuantity(item.child.quantity)} ${unit} ${direction === 'backward' ? 'used' : 'of it used'})`);
      }
    });
  };
  for (const root of trace.roots) walk(key(root.sku, root.lot), '', '', '');
  return out;
}
