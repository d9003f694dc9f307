/** The browser tests' "now": a fixed business date, so screens and screenshots are the same on any day. */
export const DEMO_NOW = '2026-11-24T09:00:00Z';
export const DEMO_TODAY = '2026-11-24';
export const DEMO_TIME_ZONE = 'UTC';
