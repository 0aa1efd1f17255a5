// Pack subscriptions by URL: the agent's own (added on the options page) and the policy's. A new
// version replaces the installed one only when it validates and passes its examples; a refused
// version or a network failure keeps the last good one, records the error, and never removes a pack.
import browser from 'webextension-polyfill';
import type { PackError } from '../engine/types';
import { MAX_PACK_CHARS, packTooLarge } from '../shared/limits';
import { hostPattern, type SubscriptionState } from '../shared/settings';
import { subscriptionUrlProblem } from './policy';
import { compile, snapshot, update, type StoreSnapshot } from './store';
import { applyOutcome, REFRESH_ALARM, RETRY_ALARM, retryDelayMinutes, type FetchOutcome } from './subscription-state';

/** Fetches a pack, conditionally when `previous` has validators; validates what arrives. */
async function fetchPack(url: string, previous?: SubscriptionState): Promise<FetchOutcome> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (previous?.spec !== undefined && previous.etag) headers['If-None-Match'] = previous.etag;
  if (previous?.spec !== undefined && previous.lastModified) headers['If-Modified-Since'] = previous.lastModified;
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { headers, cache: 'no-store', credentials: 'omit', redirect: 'follow' });
    if (response.status === 304) return { kind: 'unchanged' };
    if (!response.ok) return { kind: 'network', message: `The server answered ${response.status} ${response.statusText}`.trim() + '.' };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_PACK_CHARS * 4) return refusedTooLarge(declared);
    body = await response.text();
  } catch (e) {
    return { kind: 'network', message: `Could not reach ${url}: ${(e as Error).message}` };
  }
  if (packTooLarge(body.length)) return refusedTooLarge(body.length);
  let spec: unknown;
  try {
    spec = JSON.parse(body);
  } catch (e) {
    return { kind: 'refused', errors: [{ pack: url, message: `Not valid JSON: ${(e as Error).message}` }] };
  }
  const result = compile(spec);
  if (!result.ok) return { kind: 'refused', errors: result.errors };
  return {
    kind: 'new',
    id: result.pack.id,
    spec,
    ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}),
    ...(response.headers.get('last-modified') ? { lastModified: response.headers.get('last-modified')! } : {}),
  };
}

const refusedTooLarge = (size: number): FetchOutcome => ({ kind: 'refused', errors: [{ pack: 'subscription', message: packTooLarge(size)! }] });

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
  const outcome = await fetchPack(url);
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

/**
 * Fetches subscriptions (all, or only those that failed last time) and records the outcomes in
 * one store change. A new version whose id collides with another pack is refused.
 */
export async function refreshSubscriptions({ onlyFailed = false } = {}): Promise<void> {
  const snap = await snapshot();
  const due = Object.values(snap.data.subscriptions).filter((s) => !onlyFailed || s.failures > 0 || s.spec === undefined);
  if (due.length === 0) return;
  const outcomes = await Promise.all(
    due.map(async (s): Promise<[string, FetchOutcome]> => {
      const outcome = await fetchPack(s.url, s);
      if (outcome.kind === 'new') {
        const taken = idTakenBy(snap, outcome.id, s.url);
        if (taken) return [s.url, { kind: 'refused', errors: [{ pack: s.url, message: taken }] }];
      }
      return [s.url, outcome];
    }),
  );
  const now = Date.now();
  await update((data) => {
    for (const [url, outcome] of outcomes) applyOutcome(data, url, outcome, now);
  });
  await scheduleRetry();
}

/** After network failures, one retry alarm for the subscription that failed most often. */
async function scheduleRetry(): Promise<void> {
  const snap = await snapshot();
  const failures = Math.max(0, ...Object.values(snap.data.subscriptions).map((s) => s.failures));
  await browser.alarms.clear(RETRY_ALARM);
  if (failures === 0) return;
  await browser.alarms.create(RETRY_ALARM, { delayInMinutes: retryDelayMinutes(failures, snap.policy.refreshMinutes) });
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
  if (added.length > 0) await refreshSubscriptions({ onlyFailed: true });
  return added.length > 0;
}
