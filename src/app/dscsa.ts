import { localDate } from '../domain/dates.js';
import { Conflict, NotFound } from '../domain/errors.js';
import type { DocumentRef } from '../domain/ledger.js';
import { fromMicro } from '../domain/quantity.js';
import { findEvents } from '../store/events.repository.js';
import { findLotsByIds } from '../store/lots.repository.js';
import { findLocations, findParties } from '../store/master-data.repository.js';
import { cteLines } from '../store/regulatory.repository.js';
import { inReadTransaction } from '../store/transaction.js';
import type { App } from './context.js';
import { collectTrace } from './trace.js';
import { parseDocuments } from './views.js';

/** The DSCSA transaction statement (FD&C Act § 581(27)) the seller makes with every transaction. */
export const DSCSA_TRANSACTION_STATEMENT =
  'The seller of this product (A) is authorized as required under the Drug Supply Chain Security Act; ' +
  '(B) received the product from a person that is authorized as required under the Drug Supply Chain Security Act; ' +
  '(C) received transaction information and a transaction statement from the prior owner of the product, as required under section 582 of the FD&C Act; ' +
  '(D) did not knowingly ship a suspect or illegitimate product; ' +
  '(E) had systems and processes in place to comply with verification requirements under section 582 of the FD&C Act; ' +
  '(F) did not knowingly provide false transaction information; and ' +
  '(G) did not knowingly alter the transaction history.';

export interface TradingPartner {
  code: string;
  name: string;
  address: string | null;
}

export interface DscsaHistoryEntry {
  type: 'receipt' | 'production';
  sku: string;
  lot: string;
  event: string;
  date: string;
  quantity: number;
  /** For receipts: the supplier the product was bought from. */
  from: TradingPartner | null;
  /** Where it was received or made. */
  location: string;
  documents: DocumentRef[];
  /** For productions: the lots consumed. */
  inputs: { sku: string; lot: string; quantity: number }[];
}

export interface DscsaView {
  shipment: string;
  transactionDate: string;
  shipmentDate: string;
  seller: TradingPartner & { gln: string | null };
  buyer: TradingPartner;
  documents: DocumentRef[];
  transactionInformation: {
    productName: string;
    strength: string | null;
    dosageForm: string | null;
    ndc: string;
    containerSize: string | null;
    numberOfContainers: number;
    sku: string;
    lotNumber: string;
  }[];
  /** Per shipped lot, its receipts and productions back to the manufacturer, newest first. */
  transactionHistory: { sku: string; lot: string; transactions: DscsaHistoryEntry[] }[];
  transactionStatement: string;
}

/** Transaction information, history and statement of a shipment's NDC-coded lines. */
export async function shipmentDscsa(app: App, id: string): Promise<DscsaView> {
  const day = (time: string) => localDate(new Date(time), app.timeZone);
  return inReadTransaction(app.store, async (trx) => {
    const [event] = await findEvents(trx, [id]);
    if (!event || event.type !== 'shipment') throw new NotFound(`shipment "${id}" not found`);
    const lines = (await cteLines(trx, [id])).filter((l) => l.movement === 'shipment' && l.ndc !== null);
    if (lines.length === 0) throw new Conflict(`shipment "${id}" has no line of an item with an NDC`);
    const [location] = await findLocations(trx, [event.location ?? '']);
    const roots = [...new Map(lines.map((l) => [l.lot_id, l])).values()];
    const rootRows = (await findLotsByIds(trx, roots.map((r) => r.lot_id))).map((r) => ({ ...r, id: Number(r.id) }));
    const trace = await collectTrace(app, trx, rootRows, 'backward');
    const byId = new Map(trace.lots.map((l) => [l.id, l]));
    const made = new Map((await findEvents(trx, trace.lots.filter((l) => l.origin === 'production').map((l) => l.created_event_id))).map((e) => [e.id, e]));
    const parties = new Map((await findParties(trx, [event.party ?? '', ...trace.movements.map((m) => m.party)])).map((p) => [p.code, p]));
    const partner = (code: string): TradingPartner => ({ code, name: parties.get(code)?.name ?? code, address: parties.get(code)?.address ?? null });

    // Each lot's own history entries: its receipts, or the production that made it.
    const entriesOf = new Map<number, DscsaHistoryEntry[]>();
    const add = (lotId: number, entry: DscsaHistoryEntry) => entriesOf.set(lotId, [...(entriesOf.get(lotId) ?? []), entry]);
    for (const m of trace.movements) {
      if (m.type !== 'receipt') continue;
      const l = byId.get(m.lot_id)!;
      add(m.lot_id, { type: 'receipt', sku: l.sku, lot: l.code, event: m.event_id, date: day(m.time), quantity: fromMicro(m.quantity), from: partner(m.party), location: m.location, documents: m.documents, inputs: [] });
    }
    for (const l of trace.lots) {
      const e = made.get(l.created_event_id);
      if (l.origin !== 'production' || !e) continue;
      const inputs = trace.links
        .filter((k) => k.to_lot_id === l.id && k.event_id === e.id)
        .map((k) => ({ sku: byId.get(k.from_lot_id)!.sku, lot: byId.get(k.from_lot_id)!.code, quantity: fromMicro(k.quantity) }));
      add(l.id, { type: 'production', sku: l.sku, lot: l.code, event: e.id, date: day(e.time), quantity: fromMicro(trace.balanceByLot.get(l.id)?.produced ?? 0), from: null, location: e.location ?? '', documents: parseDocuments(e.documents), inputs });
    }
    // Walk back from each shipped lot through the links of the closure.
    const history = roots.map((root) => {
      const seen = new Set<number>();
      const out: DscsaHistoryEntry[] = [];
      const visit = (lotId: number) => {
        if (seen.has(lotId)) return;
        seen.add(lotId);
        out.push(...(entriesOf.get(lotId) ?? []));
        for (const k of trace.links) if (k.to_lot_id === lotId) visit(k.from_lot_id);
      };
      visit(root.lot_id);
      out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
      return { sku: root.sku, lot: root.lot, transactions: out };
    });

    return {
      shipment: event.id,
      transactionDate: day(event.time),
      shipmentDate: day(event.time),
      seller: { code: event.location ?? '', name: location?.name ?? event.location ?? '', address: location?.address ?? null, gln: location?.gln ?? null },
      buyer: partner(event.party ?? ''),
      documents: parseDocuments(event.documents),
      transactionInformation: lines.map((l) => ({
        productName: l.name,
        strength: l.strength,
        dosageForm: l.dosage_form,
        ndc: l.ndc!,
        containerSize: l.container_size,
        numberOfContainers: fromMicro(Math.abs(l.quantity)),
        sku: l.sku,
        lotNumber: l.lot,
      })),
      transactionHistory: history,
      transactionStatement: DSCSA_TRANSACTION_STATEMENT,
    };
  });
}
