import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Can } from '../../auth/AuthProvider';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/states';
import { PAGE_SIZE, Pager, useCursorPager } from './pager';
import { filterParam, setFilterParam, StatusFilter } from './StatusFilter';

/** What an order list asks the API for: the filters in the address and the page's cursor. */
export interface ListQuery<S extends string> {
  status: S | null;
  /** The list's second filter (customer, supplier or item). */
  filter: string | null;
  limit: number;
  cursor: string | undefined;
}

/**
 * The frame of the sales, purchase and production order lists: the title with "New … order" for
 * the warehouse, a status filter and one more (both kept in the address), the table a page at a
 * time, and the create modal.
 */
export function OrderListPage<S extends string, O>({
  title,
  description,
  newLabel,
  newModal: NewModal,
  statuses,
  filter,
  queryKey,
  list,
  noun,
  table,
}: {
  title: string;
  description: string;
  newLabel: string;
  newModal: ComponentType<{ opened: boolean; onClose: () => void }>;
  statuses: readonly S[];
  /** The second filter: its name in the address and its picker. */
  filter: { name: string; picker: (value: string | null, onChange: (value: string | null) => void) => ReactNode };
  queryKey: QueryKey;
  list: (query: ListQuery<S>) => Promise<{ items: O[]; nextCursor: string | null }>;
  /** "sales order": for the empty list. */
  noun: string;
  table: (orders: O[]) => ReactNode;
}) {
  const [params, setParams] = useSearchParams();
  const status = filterParam(params, 'status', statuses);
  const value = filterParam(params, filter.name);
  const pager = useCursorPager(`${status}|${value}`);
  const [creating, { open, close }] = useDisclosure(false);
  const query = useQuery({
    queryKey: [...queryKey, 'list', { status, [filter.name]: value, cursor: pager.cursor }],
    queryFn: () => list({ status, filter: value, limit: PAGE_SIZE, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
  });
  const setFilter = (name: string, next: string | null) => setParams((p) => setFilterParam(p, name, next));

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          <Can permission="warehouse">
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              {newLabel}
            </Button>
          </Can>
        }
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <StatusFilter statuses={statuses} value={status} onChange={(s) => setFilter('status', s)} />
        {filter.picker(value, (v) => setFilter(filter.name, v))}
      </Group>
      <QueryState query={query} empty={status || value ? `No ${noun} matches these filters.` : `No ${noun}s yet.`}>
        {(page) => (
          <>
            {table(page.items)}
            <Pager pager={pager} nextCursor={page.nextCursor} shown={page.items.length} loading={query.isFetching} />
          </>
        )}
      </QueryState>
      <NewModal opened={creating} onClose={close} />
    </>
  );
}
