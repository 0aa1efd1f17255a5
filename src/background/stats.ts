// Local statistics: counts per rule per day (UTC), for the last 90 days. Counts only: no draft
// text, no ticket, no site; nothing leaves the machine.
import browser from 'webextension-polyfill';
import { countStatEvent, migrateStats, STATS_KEY, type StatEvent, type StoredStats } from '../shared/settings';

let queue: Promise<unknown> = Promise.resolve();

export async function readStats(): Promise<StoredStats> {
  const stored = await browser.storage.local.get(STATS_KEY);
  return migrateStats(stored[STATS_KEY]);
}

/** Counts one event; events are written one after another so none is lost to a race. */
export function recordEvent(ruleId: string, event: StatEvent): Promise<void> {
  const run = queue.then(async () => {
    const stats = await readStats();
    countStatEvent(stats, ruleId, event, Date.now());
    await browser.storage.local.set({ [STATS_KEY]: stats });
  });
  queue = run.catch(() => undefined);
  return run;
}
