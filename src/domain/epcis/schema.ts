import { z } from 'zod';

/**
 * The EPCIS 2.0 JSON / JSON-LD capture document, checked with the rules of the GS1 EPCIS 2.0
 * JSON schema (EPCIS-JSON-Schema.json) that Lotline relies on. No npm package ships that schema,
 * so its rules are written here as zod schemas:
 *
 * - the document needs `@context`, `type: "EPCISDocument"`, `schemaVersion`, `creationDate` and
 *   `epcisBody.eventList`;
 * - every event needs `type`, `eventTime` and `eventTimeZoneOffset` in their standard formats;
 *   ObjectEvent, AggregationEvent, TransactionEvent and AssociationEvent need `action`
 *   (ADD | OBSERVE | DELETE); an ObjectEvent needs `epcList` or `quantityList`;
 * - `bizStep` and `disposition` are a CBV 2.0 value or a URI / CURIE (anything with a ":");
 * - quantity elements are `{epcClass, quantity?: number, uom?}` and nothing else;
 * - `certificationInfo` is a URI or a list of URIs;
 * - keys the standard does not define (user extensions) must be namespaced (`prefix:name` or a
 *   URI), on events, in `ilmd`, sensor data and the other extensible structures.
 */

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';

export const CBV_BIZ_STEPS = [
  'accepting', 'arriving', 'assembling', 'collecting', 'commissioning', 'consigning', 'creating_class_instance',
  'cycle_counting', 'decommissioning', 'departing', 'destroying', 'disassembling', 'dispensing', 'encoding',
  'entering_exiting', 'holding', 'inspecting', 'installing', 'killing', 'loading', 'other', 'packing', 'picking',
  'receiving', 'removing', 'repackaging', 'repairing', 'replacing', 'reserving', 'retail_selling', 'sampling',
  'sensor_reporting', 'shipping', 'staging_outbound', 'stock_taking', 'stocking', 'storing', 'transporting',
  'unloading', 'unpacking', 'void_shipping',
] as const;

export const CBV_DISPOSITIONS = [
  'active', 'available', 'completeness_verified', 'completeness_inferred', 'conformant', 'container_closed',
  'container_open', 'damaged', 'destroyed', 'dispensed', 'disposed', 'encoded', 'expired', 'in_progress',
  'in_transit', 'inactive', 'mismatch_instance', 'mismatch_class', 'mismatch_quantity', 'needs_replacement',
  'no_pedigree_match', 'non_conformant', 'non_sellable_other', 'partially_dispensed', 'recalled', 'reserved',
  'retail_sold', 'returned', 'sellable_accessible', 'sellable_not_accessible', 'stolen', 'unavailable', 'unknown',
] as const;

export const EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] as const;
export type EpcisEventType = (typeof EVENT_TYPES)[number];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const isNamespaced = (key: string): boolean => key.includes(':') || key.startsWith('@');

const dateTime = z.string().refine((s) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time with a time zone, e.g. 2026-07-22T06:45:00+02:00');
const timeZoneOffset = z.string().regex(/^[+-]([01]\d|2[0-3]):[0-5]\d$/, 'must be a time zone offset such as +02:00');
const uri = z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/, 'must be a URI');
const uriOrCbv = (values: readonly string[], what: string) =>
  z.string().refine((s) => values.includes(s) || /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(s), `must be a CBV ${what} (${values.slice(0, 4).join(', ')}, …) or a URI`);

/** An object with the given standard fields plus any namespaced (extension) keys, and nothing else. */
function extensible<T extends z.ZodRawShape>(shape: T) {
  return z.looseObject(shape).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!(key in shape) && !isNamespaced(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown field "${key}": extension fields must be namespaced (prefix:name)` });
      }
    }
  });
}

/** Extension content (ilmd, sensor metadata): every key namespaced. */
const extensionObject = extensible({});

const quantityElement = z.strictObject({
  epcClass: uri,
  quantity: z.number().nonnegative().optional(),
  uom: z.string().regex(/^[A-Z0-9]{2,3}$/, 'must be a UN/ECE Rec 20 unit code').optional(),
});
const quantityList = z.array(quantityElement);
const epcList = z.array(uri);
const location = extensible({ id: uri });
const bizTransaction = extensible({ type: z.string().optional(), bizTransaction: uri });
const source = extensible({ type: z.string(), source: uri });
const destination = extensible({ type: z.string(), destination: uri });
const sensorReport = extensible({
  type: z.string().optional(),
  exception: z.string().optional(),
  deviceID: uri.optional(),
  deviceMetadata: uri.optional(),
  rawData: uri.optional(),
  dataProcessingMethod: uri.optional(),
  bizRules: uri.optional(),
  time: dateTime.optional(),
  microorganism: uri.optional(),
  chemicalSubstance: uri.optional(),
  coordinateReferenceSystem: uri.optional(),
  value: z.number().optional(),
  component: z.string().optional(),
  stringValue: z.string().optional(),
  booleanValue: z.boolean().optional(),
  hexBinaryValue: z.string().optional(),
  uriValue: uri.optional(),
  minValue: z.number().optional(),
  maxValue: z.number().optional(),
  meanValue: z.number().optional(),
  sDev: z.number().optional(),
  percRank: z.number().optional(),
  percValue: z.number().optional(),
  uom: z.string().optional(),
});
const sensorElement = extensible({
  sensorMetadata: extensible({
    time: dateTime.optional(),
    startTime: dateTime.optional(),
    endTime: dateTime.optional(),
    deviceID: uri.optional(),
    deviceMetadata: uri.optional(),
    rawData: uri.optional(),
    dataProcessingMethod: uri.optional(),
    bizRules: uri.optional(),
  }).optional(),
  sensorReport: z.array(sensorReport),
});

const common = {
  '@context': z.unknown().optional(),
  type: z.enum(EVENT_TYPES),
  eventID: uri.optional(),
  eventTime: dateTime,
  recordTime: dateTime.optional(),
  eventTimeZoneOffset: timeZoneOffset,
  certificationInfo: z.union([uri, z.array(uri)], { error: 'must be a URI or a list of URIs' }).optional(),
  errorDeclaration: extensible({
    declarationTime: dateTime,
    reason: z.string().optional(),
    correctiveEventIDs: z.array(uri).optional(),
  }).optional(),
  bizStep: uriOrCbv(CBV_BIZ_STEPS, 'business step').optional(),
  disposition: uriOrCbv(CBV_DISPOSITIONS, 'disposition').optional(),
  persistentDisposition: z.strictObject({ set: z.array(uriOrCbv(CBV_DISPOSITIONS, 'disposition')).optional(), unset: z.array(uriOrCbv(CBV_DISPOSITIONS, 'disposition')).optional() }).optional(),
  readPoint: location.optional(),
  bizLocation: location.optional(),
  bizTransactionList: z.array(bizTransaction).optional(),
  sourceList: z.array(source).optional(),
  destinationList: z.array(destination).optional(),
  sensorElementList: z.array(sensorElement).optional(),
};
const action = z.enum(['ADD', 'OBSERVE', 'DELETE'], { error: 'must be ADD, OBSERVE or DELETE' });

const objectEvent = extensible({
  ...common,
  type: z.literal('ObjectEvent'),
  action,
  epcList: epcList.optional(),
  quantityList: quantityList.optional(),
  ilmd: extensionObject.optional(),
}).refine((e) => e.epcList !== undefined || e.quantityList !== undefined, { message: 'an ObjectEvent needs epcList or quantityList', path: ['epcList'] });

const aggregationEvent = extensible({
  ...common,
  type: z.literal('AggregationEvent'),
  action,
  parentID: uri.optional(),
  childEPCs: epcList.optional(),
  childQuantityList: quantityList.optional(),
});

const associationEvent = extensible({
  ...common,
  type: z.literal('AssociationEvent'),
  action,
  parentID: uri,
  childEPCs: epcList.optional(),
  childQuantityList: quantityList.optional(),
});

const transactionEvent = extensible({
  ...common,
  type: z.literal('TransactionEvent'),
  action,
  bizTransactionList: z.array(bizTransaction),
  parentID: uri.optional(),
  epcList: epcList.optional(),
  quantityList: quantityList.optional(),
});

const transformationEvent = extensible({
  ...common,
  type: z.literal('TransformationEvent'),
  inputEPCList: epcList.optional(),
  inputQuantityList: quantityList.optional(),
  outputEPCList: epcList.optional(),
  outputQuantityList: quantityList.optional(),
  transformationID: uri.optional(),
  ilmd: extensionObject.optional(),
});

const EVENT_SCHEMAS = {
  ObjectEvent: objectEvent,
  AggregationEvent: aggregationEvent,
  AssociationEvent: associationEvent,
  TransactionEvent: transactionEvent,
  TransformationEvent: transformationEvent,
} as const;

/** An event as captured: the standard fields Lotline reads, everything else kept as given. */
export interface EpcisEvent {
  type: EpcisEventType;
  eventID?: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  action?: 'ADD' | 'OBSERVE' | 'DELETE';
  bizStep?: string;
  disposition?: string;
  readPoint?: { id: string };
  bizLocation?: { id: string };
  epcList?: string[];
  quantityList?: QuantityElement[];
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
  parentID?: string;
  inputEPCList?: string[];
  inputQuantityList?: QuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: QuantityElement[];
  sourceList?: { type: string; source: string }[];
  destinationList?: { type: string; destination: string }[];
  bizTransactionList?: { type?: string; bizTransaction: string }[];
  ilmd?: Record<string, unknown>;
  [extension: string]: unknown;
}

export interface QuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

const documentSchema = extensible({
  '@context': z.union([z.string(), z.array(z.unknown()).min(1), z.record(z.string(), z.unknown())], { error: 'the JSON-LD @context is required' }),
  type: z.literal('EPCISDocument', { error: 'must be "EPCISDocument"' }),
  schemaVersion: z.string({ error: 'must be a string such as "2.0"' }),
  creationDate: dateTime,
  id: uri.optional(),
  sender: z.string().optional(),
  receiver: z.string().optional(),
  instanceIdentifier: z.string().optional(),
  epcisHeader: z.record(z.string(), z.unknown()).optional(),
  epcisBody: z.strictObject({ eventList: z.array(z.record(z.string(), z.unknown())) }),
});

export interface EpcisDocument {
  '@context': unknown;
  type: 'EPCISDocument';
  schemaVersion: string;
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
  [key: string]: unknown;
}

/** One schema violation, located by an RFC 6901 JSON pointer into the document. */
export interface SchemaViolation {
  pointer: string;
  message: string;
}

const pointer = (path: readonly PropertyKey[]): string => path.map((p) => '/' + String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('');

function violations(error: z.ZodError, base: readonly PropertyKey[]): SchemaViolation[] {
  return error.issues.map((i) => ({ pointer: pointer([...base, ...i.path]), message: i.message }));
}

/** Checks a capture body against the EPCIS 2.0 rules above; every violation is reported, with where it is. */
export function checkEpcisDocument(body: unknown): { document: EpcisDocument; violations: [] } | { document?: undefined; violations: SchemaViolation[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { violations: [{ pointer: '', message: 'must be a JSON object (an EPCISDocument)' }] };
  const doc = documentSchema.safeParse(body);
  const found: SchemaViolation[] = doc.success ? [] : violations(doc.error, []);
  const list = (body as { epcisBody?: { eventList?: unknown } }).epcisBody?.eventList;
  if (Array.isArray(list)) {
    list.forEach((event, i) => {
      const base = ['epcisBody', 'eventList', i];
      const type = (event as { type?: unknown } | null)?.type;
      const schema = typeof type === 'string' ? EVENT_SCHEMAS[type as EpcisEventType] : undefined;
      if (!schema) {
        found.push({ pointer: pointer([...base, 'type']), message: `must be one of ${EVENT_TYPES.join(', ')}` });
        return;
      }
      const result = schema.safeParse(event);
      if (!result.success) found.push(...violations(result.error, base));
    });
  }
  // Element-level problems are reported once, by the event checks above.
  const unique = [...new Map(found.map((v) => [`${v.pointer}\u0000${v.message}`, v])).values()];
  if (unique.length > 0) return { violations: unique };
  return { document: body as EpcisDocument, violations: [] };
}
