import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { fieldErrors } from './field-errors';

describe('fieldErrors', () => {
  it('maps the server’s field messages by path, the first message per field', () => {
    const error = new ApiError(400, 'invalid_request', 'lines.0.quantity: must be greater than 0', [
      { path: 'lines.0.quantity', message: 'must be greater than 0' },
      { path: 'lines.0.quantity', message: 'second' },
      { path: 'customer', message: 'unknown party "X"' },
      { message: 'no path' },
    ]);
    expect(fieldErrors(error)).toEqual({ 'lines.0.quantity': 'must be greater than 0', customer: 'unknown party "X"' });
    expect(fieldErrors(new Error('network'))).toEqual({});
  });
});
