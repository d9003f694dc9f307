import { v7 as uuidv7 } from 'uuid';
import { isValidTimeZone, localDate } from '../domain/dates.js';
import { createStore, type Store, type StoreOptions } from '../store/db.js';
import { migrateToLatest } from '../store/migrate.js';

/** Where "now" comes from; tests and demos inject a fixed one so results never depend on the date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: string | Date): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

export interface AppConfig {
  databaseUrl: string;
  /** IANA zone of the business: decides which calendar day an event falls on. Default UTC. */
  timeZone?: string;
  clock?: Clock;
  newId?: () => string;
  store?: StoreOptions;
}

/** Everything a use case needs: the store, the clock and the id generator. */
export interface App {
  store: Store;
  clock: Clock;
  timeZone: string;
  newId: () => string;
  /** The business's calendar date now. */
  today(): string;
  close(): Promise<void>;
}

/** Opens the database, brings its schema up to date and returns the app context. */
export async function openApp(config: AppConfig): Promise<App> {
  const timeZone = config.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new Error(`LOTLINE_TIMEZONE "${timeZone}" is not a known time zone`);
  const store = createStore(config.databaseUrl, config.store);
  try {
    await migrateToLatest(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const clock = config.clock ?? systemClock;
  return {
    store,
    clock,
    timeZone,
    newId: config.newId ?? (() => uuidv7()),
    today: () => localDate(clock.now(), timeZone),
    close: () => store.close(),
  };
}
