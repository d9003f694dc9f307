import { MantineProvider } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { QueryState } from './states';

function query<T>(state: Partial<UseQueryResult<T>>): UseQueryResult<T> {
  return { isPending: false, isError: false, ...state } as UseQueryResult<T>;
}

function show<T>(q: UseQueryResult<T>) {
  return render(
    <MantineProvider>
      <QueryState query={q} empty="No lots match.">
        {(data) => <p>data: {JSON.stringify(data)}</p>}
      </QueryState>
    </MantineProvider>,
  );
}

describe('QueryState', () => {
  it('says it is loading while the query is pending', () => {
    show(query({ isPending: true }));
    expect(screen.getByRole('status').textContent).toContain('Loading');
  });

  it("shows the server's message and each field it named when the query failed", () => {
    const error = new ApiError(400, 'invalid_request', 'expiringWithinDays: must be a whole number', [{ path: 'expiringWithinDays', message: 'must be a whole number' }]);
    show(query({ isError: true, error }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('expiringWithinDays: must be a whole number');
    expect(alert.querySelector('li')?.textContent).toBe('expiringWithinDays: must be a whole number');
  });

  it('shows the empty message for an empty page, and the data otherwise', () => {
    const { unmount } = show(query({ data: { items: [], nextCursor: null } }));
    expect(screen.getByText('No lots match.')).toBeTruthy();
    unmount();
    show(query({ data: { items: [1], nextCursor: null } }));
    expect(screen.getByText('data: {"items":[1],"nextCursor":null}')).toBeTruthy();
  });
});
