import { SingleBar } from 'cli-progress';
import type { App } from '../app/context.js';
import { seedDemo, type DemoOptions, type DemoSummary } from '../app/demo/seed.js';
import { renderFields, type CliIo } from './output.js';

/** Seeds the demo with a progress bar on a terminal (silent otherwise) and reports how long it took. */
export async function seedDemoWithProgress(app: App, io: CliIo, options: Omit<DemoOptions, 'onProgress'>): Promise<{ summary: DemoSummary; seconds: number }> {
  const bar = io.progress
    ? new SingleBar({ stream: io.progress, format: 'seeding demo [{bar}] {percentage}% | ETA {eta}s', hideCursor: true, clearOnComplete: true, etaBuffer: 200 })
    : undefined;
  const started = performance.now();
  try {
    const summary = await seedDemo(app, {
      ...options,
      onProgress: (done, total) => {
        if (!bar) return;
        // The total is only known once seeding has begun.
        if (done === 1) bar.start(total, 0);
        bar.update(done);
      },
    });
    return { summary, seconds: (performance.now() - started) / 1000 };
  } finally {
    bar?.stop();
  }
}

/** The demo's counts as a table, for `demo` and `serve --demo`. */
export function renderDemoSummary(summary: DemoSummary): string {
  return renderFields([
    ['History', `${summary.from} … ${summary.to}`],
    ['Items', summary.items],
    ['Parties', `${summary.suppliers + summary.customers} (${summary.suppliers} suppliers, ${summary.customers} customers)`],
    ['Locations', summary.locations],
    ['Lots', summary.lots],
    ['Events', summary.events],
    ...Object.entries(summary.eventsByType).map(([type, n]): [string, number] => [`  ${type}`, n]),
    ['Expired lots on hand', summary.expiredLots],
    ['Lots past sell-by', summary.pastSellByLots],
    ['Lots on hold', summary.heldLots],
  ]);
}
