import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.js';

describe('the web UI typed client', () => {
  it('is generated from the OpenAPI document the server publishes now (run `npm run api:types` after an API change)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8') === (await generateApiTypes())).toBe(true);
  });
});
