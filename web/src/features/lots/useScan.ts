import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { lotPath } from '../../api/client';
import { resolveScan } from './scan';

/**
 * Acts on a scan or typed code: opens the lot, or shows the matches (in the lot list, unless the
 * caller shows them itself), or keeps the reason it found nothing in `error`.
 */
export function useScan(onSeveral?: (text: string) => void) {
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Resolves `text`; true when it led somewhere (the input may then be cleared for the next scan). */
  const submit = useCallback(
    async (text: string): Promise<boolean> => {
      setPending(true);
      setError(null);
      try {
        const result = await resolveScan(text);
        if (result.kind === 'error') {
          setError(result.message);
          return false;
        }
        if (result.kind === 'lot') void navigate(`/lots/${lotPath(result.sku, result.lot)}`);
        else if (onSeveral) onSeveral(result.text);
        else void navigate(`/lots?${new URLSearchParams({ q: result.text }).toString()}`);
        return true;
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
        return false;
      } finally {
        setPending(false);
      }
    },
    [navigate, onSeveral],
  );

  const clearError = useCallback(() => setError(null), []);
  return { submit, pending, error, clearError };
}
