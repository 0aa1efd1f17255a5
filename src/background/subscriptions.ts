// Pack subscriptions by URL: the agent's own (added on the options page) and the policy's. A new
// version replaces the installed one only when it validates and passes its examples; a refused
// version or a network failure keeps the last good one, records the error, and never removes a pack.
import browser from 'webextension-polyfill';
import type { PackError } from '../engine/types';
import type { RefreshSummary } from '../shared/protocol';
import { hostPattern, type SubscriptionState } from '../shared/settings';
import { fetchPack, type FetchSettings } from './pack-fetch';
import { subscriptionUrlProblem } from './policy';
import { snapshot, update, type StoreSnapshot } from './store';
import { applyOutcome, REFRESH_ALARM, RETRY_ALARM, retryDueAt, type FetchOutcome } from './subscription-state';

const fetchSettings = ({ policy }: StoreSnapshot): FetchSettings => ({ timeoutMs: policy.fetchTimeoutSeconds * 1000, refreshMinutes: policy.refreshMinutes });

/** Whether a pack id would collide with a pack of another source or subscription. */
function idTakenBy(snap: StoreSnapshot, id: string, url: string): string | null {
  const owner = snap.view.entries.find((e) => e.id === id && e.subscriptionUrl !== url);
  return owner ? `A ${owner.source} pack with the id "${id}" is already installed.` : null;
}

/**
 * The options page's "Subscribe": the page has already been granted the URL's origin. The first
 * fetch must deliver a valid pack, or nothing is stored.
 */
export async function subscribe(url: string): Promise<{ type: 'ok' } | { type: 'refused'; errors: PackError[] } | { type: 'error'; message: string }> {
  const problem = subscriptionUrlProblem(url);
  if (problem) return { type: 'error', message: problem };
  if (!(await browser.permissions.contains({ origins: [hostPattern(url)] }))) {
    return { type: 'error', message: `CanDo has no permission to read ${new URL(url).origin}.` };
  }
  const snap = await snapshot();
  if (!snap.policy.allowImport) return { type: 'error', message: 'Your organisation has turned off adding packs.' };
  if (snap.data.subscriptions[url]) return { type: 'error', message: 'You are already subscribed to this URL.' };
  const outcome = await fetchPack(url, undefined, fetchSettings(snap));
  if (outcome.kind === 'refused') return { type: 'refused', errors: outcome.errors };
  if (outcome.kind !== 'new') return { type: 'error', message: outcome.kind === 'network' ? outcome.message : 'The server sent no pack.' };
  const taken = idTakenBy(snap, outcome.id, url);
  if (taken) return { type: 'error', message: taken };
  await update((data) => {
    data.subscriptions[url] = { url, managed: false, failures: 0 };
    applyOutcome(data, url, outcome, Date.now());
  });
  return { type: 'ok' };
}

/** Which subscriptions a refresh fetches; a host that asked to wait (Retry-After) is left alone until then. */
type Due = 'all' | 'retries' | 'never-fetched';
const isDue = (due: Due, s: SubscriptionState, now: number): boolean => {
  if ((s.retryAfter ?? 0) > now) return false;
  if (due === 'never-fetched') return s.spec === undefined;
  // The retry alarm, set for the earliest due one, retries every failed one (as the periodic refresh would).
  if (due === 'retries') return s.failures > 0;
  return true;
};

/**
 * Fetches the due subscriptions and records the outcomes in one store change; says what came of
 * each. A new version whose id collides with another pack is refused.
 */
export async function refreshSubscriptions(due: Due = 'all'): Promise<RefreshSummary> {
  const snap = await snapshot();
  const started = Date.now();
  const all = Object.values(snap.data.subscriptions);
  const chosen = all.filter((s) => isDue(due, s, started));
  const outcomes = await Promise.all(
    chosen.map(async (s): Promise<[string, FetchOutcome]> => {
      const outcome = await fetchPack(s.url, s, fetchSettings(snap));
      if (outcome.kind === 'new') {
        const taken = idTakenBy(snap, outcome.id, s.url);
        if (taken) return [s.url, { kind: 'refused', errors: [{ pack: s.url, message: taken }] }];
      }
      return [s.url, outcome];
    }),
  );
  const now = Date.now();
  if (outcomes.length > 0) {
    await update((data) => {
      for (const [url, outcome] of outcomes) applyOutcome(data, url, outcome, now);
    });
  }
  await scheduleRetry();
  const count = (kind: FetchOutcome['kind']) => outcomes.filter(([, o]) => o.kind === kind).length;
  return {
    type: 'refresh-summary',
    updated: count('new'),
    unchanged: count('unchanged'),
    refused: count('refused'),
    failed: count('network'),
    waiting: all.filter((s) => (s.retryAfter ?? 0) > started).length,
  };
}

/** After network failures, one retry alarm, for the subscription due first. */
async function scheduleRetry(): Promise<void> {
  const { data, policy } = await snapshot();
  const dueTimes = Object.values(data.subscriptions).flatMap((s) => retryDueAt(s, policy.refreshMinutes) ?? []);
  await browser.alarms.clear(RETRY_ALARM);
  if (dueTimes.length === 0) return;
  // A second late: an alarm may fire a little early, and a host's Retry-After is never anticipated.
  await browser.alarms.create(RETRY_ALARM, { when: Math.max(Date.now(), Math.min(...dueTimes)) + 1000 });
}

/** Keeps the periodic refresh alarm at the policy's period (default 6 h). */
export async function ensureRefreshAlarm(): Promise<void> {
  const { policy } = await snapshot();
  const alarm = await browser.alarms.get(REFRESH_ALARM);
  if (alarm?.periodInMinutes === policy.refreshMinutes) return;
  await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: policy.refreshMinutes, periodInMinutes: policy.refreshMinutes });
}

/**
 * Makes the stored managed subscriptions match the policy's URLs; new ones are fetched now.
 * Returns whether any was added.
 */
export async function syncManagedSubscriptions(): Promise<boolean> {
  const { policy, data } = await snapshot();
  const wanted = new Set(policy.subscriptionUrls);
  const stale = Object.values(data.subscriptions).filter((s) => s.managed && !wanted.has(s.url));
  const added = policy.subscriptionUrls.filter((url) => !data.subscriptions[url]);
  // The agent's own subscription to a URL the policy now lists becomes the policy's.
  const adopted = policy.subscriptionUrls.filter((url) => data.subscriptions[url] && !data.subscriptions[url].managed);
  if (stale.length === 0 && added.length === 0 && adopted.length === 0) return false;
  await update((d) => {
    for (const s of stale) delete d.subscriptions[s.url];
    for (const url of added) d.subscriptions[url] = { url, managed: true, failures: 0 };
    for (const url of adopted) if (d.subscriptions[url]) d.subscriptions[url].managed = true;
  });
  if (added.length > 0) await refreshSubscriptions('never-fetched');
  return added.length > 0;
}
