import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app/context.js';
import { createItem, getItem, listItems } from '../../app/items.js';
import { createLocation, getLocation, listLocations } from '../../app/locations.js';
import { createParty, getParty, listParties } from '../../app/parties.js';
import { ALLOCATION_METHODS, type AllocationMethod } from '../../domain/fefo.js';
import { code, errorResponses, page, pageQuery, quantity, text } from '../schemas/common.js';
import { item, location, party } from '../schemas/resources.js';

const days = z.number().int().min(0).max(100_000);

/** Items, parties (suppliers and customers) and locations. */
export const masterDataRoutes = (app: App): FastifyPluginAsyncZod => async (server) => {
  server.post(
    '/items',
    {
      schema: {
        tags: ['master data'],
        summary: 'Create an item',
        body: z.strictObject({
          sku: code,
          name: text(200),
          uom: text(16).optional().meta({ description: 'Unit of measure, default "ea"' }),
          gtin: z.string().optional().meta({ description: 'GTIN-8/12/13/14; the check digit is verified' }),
          shelfLifeDays: days.optional(),
          sellByDays: days.optional().meta({ description: 'Days before expiry by which it must be sold' }),
          unitCost: quantity.optional(),
          allocation: z.enum(ALLOCATION_METHODS as [AllocationMethod, ...AllocationMethod[]]).optional().meta({ description: 'fefo (default): first expiry first out; fifo: first in first out' }),
          expiryFromInputs: z.boolean().optional().meta({ description: "Cap an output lot's default expiry at its earliest input lot's expiry" }),
          ftl: z.boolean().optional().meta({ description: 'On the FDA Food Traceability List: its events go into the FSMA 204 export' }),
          ndc: text(16).optional().meta({ description: 'DSCSA National Drug Code, e.g. 12345-678-90' }),
          strength: text(64).optional().meta({ description: 'DSCSA: strength, e.g. 10 mg' }),
          dosageForm: text(64).optional().meta({ description: 'DSCSA: dosage form, e.g. tablet' }),
          containerSize: text(64).optional().meta({ description: 'DSCSA: container size, e.g. 100 tablets' }),
        }),
        response: { 201: item, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createItem(app, request.body)),
  );
  server.get(
    '/items',
    { schema: { tags: ['master data'], summary: 'List items', querystring: z.strictObject(pageQuery), response: { 200: page(item), ...errorResponses } } },
    async (request) => listItems(app, request.query),
  );
  server.get(
    '/items/:sku',
    { schema: { tags: ['master data'], summary: 'Get an item', params: z.object({ sku: z.string() }), response: { 200: item, ...errorResponses } } },
    async (request) => getItem(app, request.params.sku),
  );

  server.post(
    '/parties',
    {
      schema: {
        tags: ['master data'],
        summary: 'Create a supplier and/or customer',
        body: z.strictObject({
          code,
          name: text(200),
          roles: z.array(z.enum(['supplier', 'customer'])).min(1),
          email: z.email().optional(),
          phone: text(64).optional(),
          address: text(500).optional(),
          minShelfLifeDays: days.optional().meta({ description: 'Customer accepts only lots with at least this many days left on the ship date' }),
          minShelfLifePercent: z.number().int().min(0).max(100).optional().meta({ description: "Customer accepts only lots with at least this share of their total shelf life left on the ship date" }),
        }),
        response: { 201: party, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createParty(app, { ...request.body, roles: [...new Set(request.body.roles)] })),
  );
  server.get(
    '/parties',
    {
      schema: {
        tags: ['master data'],
        summary: 'List parties',
        querystring: z.strictObject({
          role: z.enum(['supplier', 'customer']).optional(),
          q: z.string().max(200).optional().meta({ description: 'Text the code or name contains, case-insensitively' }),
          ...pageQuery,
        }),
        response: { 200: page(party), ...errorResponses },
      },
    },
    async (request) => listParties(app, { role: request.query.role, q: request.query.q }, request.query),
  );
  server.get(
    '/parties/:code',
    { schema: { tags: ['master data'], summary: 'Get a party', params: z.object({ code: z.string() }), response: { 200: party, ...errorResponses } } },
    async (request) => getParty(app, request.params.code),
  );

  server.post(
    '/locations',
    {
      schema: {
        tags: ['master data'],
        summary: 'Create a warehouse or site',
        body: z.strictObject({ code, name: text(200), gln: z.string().optional().meta({ description: 'GS1 Global Location Number' }), address: text(500).optional() }),
        response: { 201: location, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createLocation(app, request.body)),
  );
  server.get(
    '/locations',
    { schema: { tags: ['master data'], summary: 'List locations', querystring: z.strictObject(pageQuery), response: { 200: page(location), ...errorResponses } } },
    async (request) => listLocations(app, request.query),
  );
  server.get(
    '/locations/:code',
    { schema: { tags: ['master data'], summary: 'Get a location', params: z.object({ code: z.string() }), response: { 200: location, ...errorResponses } } },
    async (request) => getLocation(app, request.params.code),
  );
};
