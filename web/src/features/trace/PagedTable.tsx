import { Group, Pagination, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Empty } from '../../ui/states';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  numeric?: boolean;
}

const PAGE_SIZE = 25;

/**
 * A trace section's rows, a page at a time, with a filter over the text each row is known by:
 * a hub lot's trace lists hundreds of shipments and customers.
 */
export function PagedTable<T>({
  rows,
  columns,
  rowKey,
  searchText,
  noun,
  minWidth = 720,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey(row: T): string;
  searchText(row: T): string;
  /** What one row is, plural ("customers"), for the filter's label and the empty state. */
  noun: string;
  minWidth?: number;
}) {
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const index = useMemo(() => rows.map((row) => searchText(row).toLowerCase()), [rows, searchText]);
  const matching = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle ? rows.filter((_, i) => index[i]!.includes(needle)) : rows;
  }, [rows, index, filter]);
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = matching.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  if (rows.length === 0) return <Empty>No {noun} in this trace.</Empty>;
  return (
    <>
      <Group justify="space-between" mb="xs">
        <TextInput
          aria-label={`Filter ${noun}`}
          placeholder={`Filter ${noun}…`}
          leftSection={<IconSearch size={14} />}
          value={filter}
          onChange={(event) => {
            setFilter(event.currentTarget.value);
            setPage(1);
          }}
          w={280}
        />
        <Text size="sm" c="dimmed">
          {matching.length === rows.length ? `${rows.length} ${noun}` : `${matching.length} of ${rows.length} ${noun}`}
        </Text>
      </Group>
      {matching.length === 0 ? (
        <Empty>No {noun} match "{filter}".</Empty>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover verticalSpacing={6}>
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
      {pages > 1 && (
        <Group justify="flex-end" mt="xs">
          <Pagination total={pages} value={current} onChange={setPage} size="sm" aria-label={`Pages of ${noun}`} />
        </Group>
      )}
    </>
  );
}
