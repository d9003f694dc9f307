import { describe, expect, it } from 'vitest';
import { ApiError, lotPath, unwrap } from './client';

const response = (status: number) => new Response(null, { status });

describe('unwrap', () => {
  it('returns the data of a successful call', async () => {
    await expect(unwrap(Promise.resolve({ data: { id: 'e1' }, response: response(201) }))).resolves.toEqual({ id: 'e1' });
  });

  it("throws the server's code, message and field details on an error answer", async () => {
    const body = { error: { code: 'conflict', message: 'lot L1 has 5 ea at WH1, 8 requested', details: [{ path: 'lines.0.quantity', message: 'exceeds stock' }] } };
    const error = await unwrap(Promise.resolve({ error: body, response: response(409) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'lot L1 has 5 ea at WH1, 8 requested', details: body.error.details });
  });

  it('names the status when the body is not the error shape, and the network when there is no answer', async () => {
    await expect(unwrap(Promise.resolve({ error: 'Bad Gateway', response: response(502) }))).rejects.toMatchObject({ status: 502, message: 'the server answered 502' });
    await expect(unwrap(Promise.reject(new TypeError('fetch failed')))).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

describe('lotPath', () => {
  it('encodes both segments, so lot codes with slashes and spaces stay one segment', () => {
    expect(lotPath('JAM 500', 'L/2026/01')).toBe('JAM%20500/L%2F2026%2F01');
  });
});
