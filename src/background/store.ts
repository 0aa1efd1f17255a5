// The pack store: storage.local is the only truth. The worker may be stopped at any moment, so the
// in-memory view is a cache rebuilt from storage (and the policy) on wake and after every change;
// changes run one at a time, each reading storage afresh and writing it back whole.
import browser from 'webextension-polyfill';
import builtinPacks from 'cando:builtin-packs';
import { migrateStoredData, STORE_KEY, UNREADABLE_KEY, type StoredData } from '../shared/settings';
import { setActivePacks } from './analysis';
import { buildView, cachedCompiler, teamPacks, type StoreView } from './packs';
import { normalizePolicy, type Policy } from './policy';

export interface StoreSnapshot {
  data: StoredData;
  policy: Policy;
  view: StoreView;
}

export const compile = cachedCompiler();
let current: Promise<StoreSnapshot> | null = null;
/** Serializes changes: each one starts after the previous one has been written. */
let queue: Promise<unknown> = Promise.resolve();

/** What the last read of storage could not understand (shown on the options page). */
let unreadable: string[] = [];

async function readData(): Promise<StoredData> {
  const stored = await browser.storage.local.get([STORE_KEY, UNREADABLE_KEY]);
  const problems: string[] = [];
  const data = migrateStoredData(stored[STORE_KEY], problems);
  const kept = stored[UNREADABLE_KEY] as { unreadable?: unknown } | undefined;
  // The next write drops what could not be read: keep the first damaged copy aside, and keep saying
  // so while it is there. When even the copy does not fit (storage full), the notice still shows.
  if (problems.length && kept === undefined) {
    await browser.storage.local
      .set({ [UNREADABLE_KEY]: { at: Date.now(), unreadable: problems, data: stored[STORE_KEY] } })
      .catch(() => undefined);
  }
  const keptList = Array.isArray(kept?.unreadable) ? kept.unreadable.filter((p): p is string => typeof p === 'string') : [];
  unreadable = [...new Set([...keptList, ...problems])];
  return data;
}

async function readPolicy(): Promise<Policy> {
  try {
    return normalizePolicy(await browser.storage.managed.get());
  } catch {
    // Firefox rejects when no policy exists for the extension; that is "no policy".
    return normalizePolicy(undefined);
  }
}

async function load(): Promise<StoreSnapshot> {
  const [data, policy] = await Promise.all([readData(), readPolicy()]);
  const view = buildView(builtinPacks, policy, data, compile);
  if (unreadable.length) {
    view.problems.push(`CanDo could not read some of its stored data and left it out (a copy is kept in storage under "${UNREADABLE_KEY}"): ${unreadable.join(', ')}.`);
  }
  setActivePacks(view.enabledPacks, view.disabledRules, teamPacks(view));
  return { data, policy, view };
}

/** The current store, loaded from storage on first use in this worker's life. */
export function snapshot(): Promise<StoreSnapshot> {
  // A failed load (storage unavailable for a moment) is tried again by the next request.
  current ??= load().catch((e: unknown) => {
    current = null;
    throw e;
  });
  return current;
}

/**
 * Applies one change to the stored data: `change` mutates a fresh copy read from storage and
 * returns a result; the data is written, the engine gets the new packs, and open help-desk tabs
 * analyze their drafts again. A change that throws writes nothing.
 */
export function update<T>(change: (data: StoredData) => T): Promise<T> {
  const run = queue.then(async () => {
    const data = await readData();
    const result = change(data);
    await browser.storage.local.set({ [STORE_KEY]: data });
    current = null;
    await snapshot();
    await refreshTabs();
    return result;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** The policy changed: rebuild with the new one. */
export function reloadPolicy(): Promise<StoreSnapshot> {
  const run = queue.then(async () => {
    current = null;
    const snap = await snapshot();
    await refreshTabs();
    return snap;
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Tells every tab's content scripts to analyze their drafts again (tabs without CanDo ignore it),
 * and open extension pages (options) to read the store again.
 */
async function refreshTabs(): Promise<void> {
  await browser.runtime.sendMessage({ type: 'refresh' }).catch(() => undefined);
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((t) => (t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, { type: 'refresh' }).catch(() => undefined))),
  );
}
