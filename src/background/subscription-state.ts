// What one fetch of a subscription does to its stored state: pure, so the rules (a pack is replaced
// only by a valid new version; failures keep the last good one and back off) are tested in node.
import type { PackError } from '../engine/types';
import type { StoredData } from '../shared/settings';
import { describeError } from './packs';

export type FetchOutcome =
  | { kind: 'new'; id: string; spec: unknown; etag?: string; lastModified?: string }
  | { kind: 'unchanged' }
  | { kind: 'refused'; errors: PackError[] }
  | { kind: 'network'; message: string };

/** Records one fetch's outcome in the stored subscription. */
export function applyOutcome(data: StoredData, url: string, outcome: FetchOutcome, now: number): void {
  const sub = data.subscriptions[url];
  if (!sub) return; // removed while fetching
  sub.lastCheckedAt = now;
  switch (outcome.kind) {
    case 'new':
      sub.spec = outcome.spec;
      sub.etag = outcome.etag;
      sub.lastModified = outcome.lastModified;
      sub.lastGoodAt = now;
      sub.failures = 0;
      delete sub.lastError;
      break;
    case 'unchanged':
      sub.lastGoodAt = now;
      sub.failures = 0;
      delete sub.lastError;
      break;
    case 'refused':
      sub.failures = 0;
      sub.lastError = { message: `The new version was refused: ${outcome.errors.map(describeError).join('; ')}`, at: now };
      break;
    case 'network':
      sub.failures += 1;
      sub.lastError = { message: outcome.message, at: now };
      break;
  }
}

/** The browser alarms of the schedule: the periodic refresh, and the retry after network failures. */
export const REFRESH_ALARM = 'cando-refresh';
export const RETRY_ALARM = 'cando-retry';

/** Network failures back off: 1, 2, 4 … minutes after the last one, never longer than the refresh period. */
export const retryDelayMinutes = (failures: number, refreshMinutes: number): number => Math.min(refreshMinutes, 2 ** Math.max(0, failures - 1));
