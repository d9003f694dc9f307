import { useEffect, useRef } from 'react';

/**
 * Focuses a scan field when its form appears, so a scanner can fire right away, without
 * scrolling the page past the order above it (which `autoFocus` would do).
 */
export function useScanFocus<T extends HTMLElement = HTMLInputElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}
