import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useAuth } from '../../auth/AuthProvider';

/**
 * Recording what physically happened is warehouse work; any other role reaching the page (a deep
 * link, a bookmark) learns why it cannot record here instead of meeting a form the server refuses.
 */
export function WarehouseOnly({ action, children }: { action: string; children: ReactNode }) {
  const { can, role } = useAuth();
  if (can('warehouse')) return <>{children}</>;
  return (
    <Alert color="gray" icon={<IconLock size={18} />} title={`Only the warehouse can ${action}`}>
      You are signed in as <b>{role}</b>. Receipts, production batches and shipments are recorded by warehouse users (and admins); ask one of them, or sign in
      with a warehouse account. You can still look up every lot, its stock and its history.
    </Alert>
  );
}
