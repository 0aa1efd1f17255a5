// What one fetch of a subscription does to its stored state: pure, so the rules (a pack is replaced
// only by a valid new version; failures keep the last good one and back off) are tested in node.
import type { PackError } from '../engine/types';
import type { StoredData, SubscriptionState } from '../shared/settings';
import { describeError } from './packs';

export type FetchOutcome =
  | { kind: 'new'; id: string; spec: unknown; bodyHash: string }
  /** The host sent the pack CanDo has (same bytes, or the same pack written differently). */
  | { kind: 'unchanged'; bodyHash: string }
  | { kind: 'refused'; errors: PackError[] }
  /** No pack could be read; `retryAfter` when the host said when to come back (429/503). */
  | { kind: 'network'; message: string; retryAfter?: number };

/** Records one fetch's outcome in the stored subscription. */
export function applyOutcome(data: StoredData, url: string, outcome: FetchOutcome, now: number): void {
  const sub = data.subscriptions[url];
  if (!sub) return; // removed while fetching
  sub.lastCheckedAt = now;
  delete sub.retryAfter;
  switch (outcome.kind) {
    case 'new':
      sub.spec = outcome.spec;
      sub.bodyHash = outcome.bodyHash;
      sub.lastGoodAt = now;
      sub.lastSuccessAt = now;
      sub.lastOutcome = 'updated';
      sub.failures = 0;
      delete sub.lastError;
      break;
    case 'unchanged':
      sub.bodyHash = outcome.bodyHash;
      sub.lastSuccessAt = now;
      sub.lastOutcome = 'unchanged';
      sub.failures = 0;
      delete sub.lastError;
      break;
    case 'refused':
      sub.failures = 0;
      sub.lastOutcome = 'refused';
      sub.lastError = { message: `The new version was refused: ${outcome.errors.map(describeError).join('; ')}`, at: now };
      break;
    case 'network':
      sub.failures += 1;
      sub.lastOutcome = 'failed';
      sub.lastError = { message: outcome.message, at: now };
      if (outcome.retryAfter !== undefined) sub.retryAfter = outcome.retryAfter;
      break;
  }
}

/** The browser alarms of the schedule: the periodic refresh, and the retry after network failures. */
export const REFRESH_ALARM = 'cando-refresh';
export const RETRY_ALARM = 'cando-retry';

/** Network failures back off: 1, 2, 4 … minutes after the last one, never longer than the refresh period. */
export const retryDelayMinutes = (failures: number, refreshMinutes: number): number => Math.min(refreshMinutes, 2 ** Math.max(0, failures - 1));

/**
 * When a failed subscription is tried again: at the time its host asked for (Retry-After), else after
 * its back-off. Undefined when it has not failed (the periodic refresh takes it).
 */
export function retryDueAt(sub: SubscriptionState, refreshMinutes: number): number | undefined {
  if (sub.failures === 0) return undefined;
  return sub.retryAfter ?? (sub.lastCheckedAt ?? 0) + retryDelayMinutes(sub.failures, refreshMinutes) * 60_000;
}

/** The longest wait a host's Retry-After may impose: a broken header must not stop updates for days. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/** The time a `Retry-After` header (seconds, or an HTTP date) asks for, or undefined when it says nothing usable. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const at = /^\d+$/.test(value) ? now + Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(at) || at <= now) return undefined;
  return Math.min(at, now + MAX_RETRY_AFTER_MS);
}
