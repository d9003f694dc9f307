import { Group, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Empty } from './states';
import { usePage } from './usePage';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  /** Right-aligned and never wrapped: quantities. */
  numeric?: boolean;
}

const NO_FILTER = (): string => '';

/**
 * Rows the API returned whole (a trace's or a recall's customers, lots and stock: hundreds for a
 * hub lot), a page at a time. With `searchText`, a filter over the text each row is known by and
 * the count of matches sit above the table.
 */
export function PagedTable<T>({
  rows,
  columns,
  rowKey,
  label,
  noun,
  empty,
  searchText,
  minWidth = 720,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey(row: T): string;
  /** The table's accessible name. */
  label?: string;
  /** What one row is, plural ("customers"), for the filter, the count and the pager. */
  noun: string;
  /** Shown instead of the table when there are no rows at all. */
  empty: ReactNode;
  searchText?(row: T): string;
  minWidth?: number;
}) {
  const [filter, setFilter] = useState('');
  const textOf = searchText ?? NO_FILTER;
  const index = useMemo(() => rows.map((row) => textOf(row).toLowerCase()), [rows, textOf]);
  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? rows.filter((_, i) => index[i]!.includes(needle)) : rows;
  }, [rows, index, filter]);
  // Each new filter starts at the first page of its matches.
  const { rows: shown, pager } = usePage(matching, noun, { resetKey: filter });

  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <>
      {searchText && (
        <Group justify="space-between" mb="xs">
          <TextInput
            aria-label={`Filter ${noun}`}
            placeholder={`Filter ${noun}…`}
            leftSection={<IconSearch size={14} />}
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            w={280}
          />
          <Text size="sm" c="dimmed">
            {matching.length === rows.length ? `${rows.length} ${noun}` : `${matching.length} of ${rows.length} ${noun}`}
          </Text>
        </Group>
      )}
      {matching.length === 0 ? (
        <Empty>No {noun} match "{filter}".</Empty>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover verticalSpacing={6} aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column.header} ta={column.numeric ? 'right' : undefined}>
                    {column.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <Table.Tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <Table.Td key={column.header} ta={column.numeric ? 'right' : undefined} style={column.numeric ? { whiteSpace: 'nowrap' } : undefined}>
                      {column.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pager}
    </>
  );
}
