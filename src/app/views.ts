import type { AllocationMethod } from '../domain/fefo.js';
import type { DocumentRef } from '../domain/ledger.js';
import { lotStatus, type LotStatus } from '../domain/lot-status.js';
import { fromMicro } from '../domain/quantity.js';
import type { ItemRow, LocationRow, PartyRow } from '../store/master-data.repository.js';
import type { LotRow } from '../store/lots.repository.js';

/** API shapes of master data and lots, mapped from rows in one place. */

export interface ItemView {
  sku: string;
  name: string;
  uom: string;
  gtin: string | null;
  shelfLifeDays: number | null;
  sellByDays: number | null;
  unitCost: number | null;
  allocation: AllocationMethod;
  expiryFromInputs: boolean;
  ftl: boolean;
  ndc: string | null;
  strength: string | null;
  dosageForm: string | null;
  containerSize: string | null;
  createdAt: string;
}

export function itemView(r: ItemRow): ItemView {
  return {
    sku: r.sku,
    name: r.name,
    uom: r.uom,
    gtin: r.gtin,
    shelfLifeDays: r.shelf_life_days,
    sellByDays: r.sell_by_days,
    unitCost: r.unit_cost === null ? null : fromMicro(Number(r.unit_cost)),
    allocation: r.allocation,
    expiryFromInputs: Number(r.expiry_from_inputs) === 1,
    ftl: Number(r.ftl) === 1,
    ndc: r.ndc,
    strength: r.strength,
    dosageForm: r.dosage_form,
    containerSize: r.container_size,
    createdAt: r.created_at,
  };
}

export type PartyRole = 'supplier' | 'customer';

export interface PartyView {
  code: string;
  name: string;
  roles: PartyRole[];
  email: string | null;
  phone: string | null;
  address: string | null;
  minShelfLifeDays: number | null;
  minShelfLifePercent: number | null;
  createdAt: string;
}

export function partyView(r: PartyRow): PartyView {
  const roles: PartyRole[] = [];
  if (r.is_supplier) roles.push('supplier');
  if (r.is_customer) roles.push('customer');
  return {
    code: r.code,
    name: r.name,
    roles,
    email: r.email,
    phone: r.phone,
    address: r.address,
    minShelfLifeDays: r.min_shelf_life_days,
    minShelfLifePercent: r.min_shelf_life_percent,
    createdAt: r.created_at,
  };
}

export interface LocationView {
  code: string;
  name: string;
  gln: string | null;
  address: string | null;
  createdAt: string;
}

export function locationView(r: LocationRow): LocationView {
  return { code: r.code, name: r.name, gln: r.gln, address: r.address, createdAt: r.created_at };
}

export interface LotSummary {
  sku: string;
  lot: string;
  status: LotStatus;
  origin: 'receipt' | 'production';
  supplier: string | null;
  supplierLot: string | null;
  productionDate: string | null;
  expiryDate: string | null;
  sellByDate: string | null;
  holdReason: string | null;
}

export function lotSummary(r: LotRow, onHand: number, today: string): LotSummary {
  return {
    sku: r.sku,
    lot: r.code,
    status: lotStatus({ holdState: r.hold_state, expiryDate: r.expiry_date }, onHand, today),
    origin: r.origin,
    supplier: r.supplier,
    supplierLot: r.supplier_lot,
    productionDate: r.production_date,
    expiryDate: r.expiry_date,
    sellByDate: r.sell_by_date,
    holdReason: r.hold_reason,
  };
}

export function parseDocuments(json: string): DocumentRef[] {
  return JSON.parse(json) as DocumentRef[];
}
