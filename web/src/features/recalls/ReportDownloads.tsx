import { Button, Group, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { download } from '../../api/client';
import { notifyError } from '../../ui/notify';

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'XLSX' },
  { format: 'pdf', label: 'PDF' },
  { format: 'json', label: 'JSON' },
] as const;

/** The regulator's report of the recall in each format the server writes. */
export function ReportDownloads({ recallId }: { recallId: string }) {
  const [pending, setPending] = useState<string | null>(null);
  const get = async (format: string) => {
    setPending(format);
    try {
      await download(`/api/v1/recalls/${encodeURIComponent(recallId)}/report?format=${format}`, `recall-${recallId}.${format}`);
    } catch (error) {
      notifyError(error, 'The report could not be downloaded');
    } finally {
      setPending(null);
    }
  };
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed">
        Report
      </Text>
      <Button.Group>
        {FORMATS.map(({ format, label }) => (
          <Button
            key={format}
            variant="default"
            size="sm"
            leftSection={format === 'csv' ? <IconDownload size={16} /> : undefined}
            loading={pending === format}
            disabled={pending !== null && pending !== format}
            onClick={() => get(format)}
            aria-label={`Download report as ${label}`}
          >
            {label}
          </Button>
        ))}
      </Button.Group>
    </Group>
  );
}
