import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { invalidateAfterStockChange } from '../../api/invalidate';
import type { components } from '../../api/schema';

export type Recall = components['schemas']['Recall'];
export type RecallSummary = components['schemas']['RecallSummary'];
export type RecallCustomer = Recall['customers'][number];
export type Trace = components['schemas']['Trace'];
export type TraceLot = components['schemas']['TraceLot'];
export type TraceOnHand = components['schemas']['TraceOnHand'];
export interface LotRef {
  sku: string;
  lot: string;
}

export interface RecallFilter {
  status?: 'open' | 'closed';
  drill?: 'true' | 'false';
}

export const recallKeys = {
  all: ['recalls'] as const,
  list: (filter: RecallFilter) => ['recalls', 'list', filter] as const,
  detail: (id: string) => ['recalls', 'detail', id] as const,
};

const PAGE_SIZE = 50;

/** One filtered list of recalls, a page at a time. */
export function useRecallList(filter: RecallFilter) {
  return useInfiniteQuery({
    queryKey: recallKeys.list(filter),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/recalls', { params: { query: { ...filter, limit: PAGE_SIZE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useRecall(id: string) {
  return useQuery({ queryKey: recallKeys.detail(id), queryFn: () => unwrap(api.GET('/api/v1/recalls/{id}', { params: { path: { id } } })) });
}

/**
 * Every answer of a recall action is the whole recall, fresh: it replaces the cached one at once,
 * and the lists (counts, progress) are refetched.
 */
function useRecallUpdate() {
  const queryClient = useQueryClient();
  return (recall: Recall) => {
    queryClient.setQueryData(recallKeys.detail(recall.id), recall);
    return queryClient.invalidateQueries({ queryKey: [...recallKeys.all, 'list'] });
  };
}

export function useMarkCustomer(recallId: string) {
  const update = useRecallUpdate();
  return useMutation({
    mutationFn: ({ code, step }: { code: string; step: 'notified' | 'acknowledged' }) =>
      step === 'notified'
        ? unwrap(api.POST('/api/v1/recalls/{id}/customers/{code}/notified', { params: { path: { id: recallId, code } }, body: {} }))
        : unwrap(api.POST('/api/v1/recalls/{id}/customers/{code}/acknowledged', { params: { path: { id: recallId, code } }, body: {} })),
    onSuccess: update,
  });
}

export function useCloseRecall(recallId: string) {
  const update = useRecallUpdate();
  return useMutation({
    mutationFn: (note: string) => unwrap(api.POST('/api/v1/recalls/{id}/close', { params: { path: { id: recallId } }, body: { note } })),
    onSuccess: update,
  });
}

export interface NewRecall {
  lots: LotRef[];
  reason: string;
  drill: boolean;
  hold: boolean;
}

export function useCreateRecall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recall, idempotencyKey }: { recall: NewRecall; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/recalls', {
          params: { header: { 'idempotency-key': idempotencyKey } },
          // A drill may not name `hold` at all (the server refuses hold: true for drills).
          body: recall.drill ? { lots: recall.lots, reason: recall.reason, drill: true } : { lots: recall.lots, reason: recall.reason, hold: recall.hold },
        }),
      ),
    onSuccess: (recall) => {
      queryClient.setQueryData(recallKeys.detail(recall.id), recall);
      // A recall changes the status of every affected lot wherever it is shown (lists, lot pages, traces,
      // dashboards), so all data but this fresh recall is refetched when next shown.
      return invalidateAfterStockChange(queryClient, (key) => key[1] === 'detail' && key[2] === recall.id);
    },
  });
}
