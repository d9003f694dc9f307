import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { lotPath } from '../api/client';

/** The lot code as a link to its page. */
export function LotLink({ sku, lot, showSku = false }: { sku: string; lot: string; showSku?: boolean }) {
  return (
    <Anchor component={Link} to={`/lots/${lotPath(sku, lot)}`} ff="monospace" size="sm">
      {showSku ? `${sku} · ${lot}` : lot}
    </Anchor>
  );
}
