// Local statistics: counts per rule per day (UTC), and per strength per day, for the last 90 days.
// Counts only: no draft text, no ticket, no site; nothing leaves the machine.
import browser from 'webextension-polyfill';
import { countStatEvent, countStrength, migrateStats, STATS_KEY, type StatEvent, type StoredStats } from '../shared/settings';

let queue: Promise<unknown> = Promise.resolve();

export async function readStats(): Promise<StoredStats> {
  const stored = await browser.storage.local.get(STATS_KEY);
  return migrateStats(stored[STATS_KEY]);
}

/** Changes the stored statistics with `count`; changes are written one after another so none is lost to a race. */
function update(count: (stats: StoredStats, now: number) => void): Promise<void> {
  const run = queue.then(async () => {
    const stats = await readStats();
    count(stats, Date.now());
    await browser.storage.local.set({ [STATS_KEY]: stats });
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Counts one event for a rule. */
export const recordEvent = (ruleId: string, event: StatEvent): Promise<void> => update((stats, now) => countStatEvent(stats, ruleId, event, now));

/** Counts one reply showing the strength `id`. */
export const recordStrength = (id: string): Promise<void> => update((stats, now) => countStrength(stats, id, now));
