// The data CanDo keeps in storage.local (never sync: packs can exceed its quotas), its format
// version and the migrations between versions. Everything read back from storage goes through
// `migrateStoredData`/`migrateStats`, which also repair what a crash or an older build left behind:
// a malformed field is dropped, never trusted.

/** storage.local keys. Statistics have their own key so counting a finding never rewrites the packs. */
export const STORE_KEY = 'cando';
export const STATS_KEY = 'cando-stats';
/** A copy of stored data CanDo could not read, kept aside (never overwritten) so nothing a manager had is lost. */
export const UNREADABLE_KEY = 'cando-unreadable';
/** How many suggestion cards the agent has read (a count, nothing else): the colour legend shows on the first few. */
export const CARDS_READ_KEY = 'cando-cards-read';

export const STORE_VERSION = 1;

/** Days of statistics kept. */
export const STATS_DAYS = 90;

export interface SubscriptionState {
  url: string;
  /** Added by enterprise policy: agents cannot remove it. */
  managed: boolean;
  /** The last version that validated and passed its examples (absent until the first good fetch). */
  spec?: unknown;
  /** SHA-256 of the last body received (hex): a body with the same hash is "unchanged". */
  bodyHash?: string;
  /** When the current `spec` was fetched (ms since epoch). */
  lastGoodAt?: number;
  /** The last attempt, whatever came of it. */
  lastCheckedAt?: number;
  /** The last check that got the pack from the host (a new version or the same one). */
  lastSuccessAt?: number;
  /** What the last check did, for the options page's status line. */
  lastOutcome?: SubscriptionOutcome;
  /** The host asked (429/503 Retry-After) not to be asked again before this time. */
  retryAfter?: number;
  /** Why the last refresh did not replace the pack (network failure or a refused version). */
  lastError?: { message: string; at: number };
  /** Consecutive network failures, for the back-off. */
  failures: number;
}

export const SUBSCRIPTION_OUTCOMES = ['updated', 'unchanged', 'refused', 'failed'] as const;
export type SubscriptionOutcome = (typeof SUBSCRIPTION_OUTCOMES)[number];

export interface ImportedPack {
  spec: unknown;
  installedAt: number;
}

export interface StoredData {
  version: typeof STORE_VERSION;
  /** Packs imported from a file, by pack id. */
  imported: Record<string, ImportedPack>;
  /** Subscriptions (the agent's and the policy's), by URL. */
  subscriptions: Record<string, SubscriptionState>;
  /** Pack ids switched off. */
  disabledPacks: string[];
  /** Full rule ids (`pack-id/rule-id`) switched off. */
  disabledRules: string[];
  /** Custom help-desk origins (`https://support.example.com`) CanDo also runs on. */
  customSites: string[];
  /** Origins where coaching is paused. */
  pausedOrigins: string[];
}

/**
 * Counts per day (`YYYY-MM-DD`, UTC) per full rule id: [underlines shown, applied, dismissed,
 * disabled, cards opened]. Cards opened came last, so counts stored before it read as 0 opened.
 */
export type StatCounts = [number, number, number, number, number];
export interface StoredStats {
  version: 1;
  days: Record<string, Record<string, StatCounts>>;
  /** Per day, how many replies showed each strength (what the agent did well; once per reply), by strength id. */
  strengths: Record<string, Record<string, number>>;
}

export const emptyStoredData = (): StoredData => ({
  version: STORE_VERSION,
  imported: {},
  subscriptions: {},
  disabledPacks: [],
  disabledRules: [],
  customSites: [],
  pausedOrigins: [],
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringList = (v: unknown): string[] => (Array.isArray(v) ? [...new Set(v.filter((s): s is string => typeof s === 'string'))] : []);
const optionalNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const optionalString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Each step takes data of version N (the index + 1) to version N + 1. */
// None yet: version 1 is the first stored format. When the format changes, bump STORE_VERSION and
// add the step from the previous version here; `migrateStoredData` runs the steps in order.
const MIGRATIONS: ((old: Record<string, unknown>) => Record<string, unknown>)[] = [];

function normalizeSubscription(url: string, raw: unknown): SubscriptionState | null {
  if (!isObject(raw)) return null;
  const error = isObject(raw.lastError) && typeof raw.lastError.message === 'string' ? { message: raw.lastError.message, at: optionalNumber(raw.lastError.at) ?? 0 } : undefined;
  return {
    url,
    managed: raw.managed === true,
    ...(isObject(raw.spec) ? { spec: raw.spec } : {}),
    ...(optionalString(raw.bodyHash) !== undefined ? { bodyHash: raw.bodyHash as string } : {}),
    ...(optionalNumber(raw.lastGoodAt) !== undefined ? { lastGoodAt: raw.lastGoodAt as number } : {}),
    ...(optionalNumber(raw.lastCheckedAt) !== undefined ? { lastCheckedAt: raw.lastCheckedAt as number } : {}),
    ...(optionalNumber(raw.lastSuccessAt) !== undefined ? { lastSuccessAt: raw.lastSuccessAt as number } : {}),
    ...(SUBSCRIPTION_OUTCOMES.includes(raw.lastOutcome as SubscriptionOutcome) ? { lastOutcome: raw.lastOutcome as SubscriptionOutcome } : {}),
    ...(optionalNumber(raw.retryAfter) !== undefined ? { retryAfter: raw.retryAfter as number } : {}),
    ...(error ? { lastError: error } : {}),
    failures: optionalNumber(raw.failures) ?? 0,
  };
}

/**
 * Brings whatever storage holds (nothing, an older version, a damaged object) to the current format.
 * Data from a newer CanDo is read field by field as far as this version understands it. What cannot
 * be read is left out and described in `unreadable`, so the store can say so and set it aside.
 */
export function migrateStoredData(raw: unknown, unreadable: string[] = []): StoredData {
  if (!isObject(raw)) {
    if (raw !== undefined) unreadable.push('the stored settings (not an object)');
    return emptyStoredData();
  }
  let data = raw;
  // A version this CanDo cannot place (0, negative, fractional) is read as the first format, not run through missing migrations.
  let version = Number.isInteger(raw.version) && (raw.version as number) >= 1 ? (raw.version as number) : 1;
  while (version < STORE_VERSION) {
    data = MIGRATIONS[version - 1](data);
    version += 1;
  }
  const imported: Record<string, ImportedPack> = {};
  if (isObject(data.imported)) {
    for (const [id, p] of Object.entries(data.imported)) {
      // JSON from storage can hold an own "__proto__" key; assigning it would replace the record's prototype.
      if (id !== '__proto__' && isObject(p) && isObject(p.spec)) imported[id] = { spec: p.spec, installedAt: optionalNumber(p.installedAt) ?? 0 };
      else unreadable.push(`imported pack "${id}"`);
    }
  } else if (data.imported !== undefined) unreadable.push('the imported packs');
  const subscriptions: Record<string, SubscriptionState> = {};
  if (isObject(data.subscriptions)) {
    for (const [url, s] of Object.entries(data.subscriptions)) {
      const sub = url === '__proto__' ? null : normalizeSubscription(url, s);
      if (sub) subscriptions[url] = sub;
      else unreadable.push(`subscription ${url}`);
    }
  } else if (data.subscriptions !== undefined) unreadable.push('the subscriptions');
  const list = (field: keyof StoredData, label: string): string[] => {
    const value = data[field];
    if (value !== undefined && (!Array.isArray(value) || value.some((s) => typeof s !== 'string'))) unreadable.push(label);
    return stringList(value);
  };
  return {
    version: STORE_VERSION,
    imported,
    subscriptions,
    disabledPacks: list('disabledPacks', 'the packs switched off'),
    disabledRules: list('disabledRules', 'the rules switched off'),
    customSites: list('customSites', 'the custom sites'),
    pausedOrigins: list('pausedOrigins', 'the paused sites'),
  };
}

const STAT_COUNTS = 5;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isCountList = (v: unknown): v is number[] => Array.isArray(v) && (v.length === STAT_COUNTS || v.length === STAT_COUNTS - 1) && v.every(isCount);

/** The well-formed days of `raw` (a stored `days` or `strengths` map), each with the counts `keep` accepts. */
function keptDays<T>(raw: unknown, keep: (counts: unknown) => T | null): Record<string, Record<string, T>> {
  const days: Record<string, Record<string, T>> = {};
  if (!isObject(raw)) return days;
  for (const [day, counted] of Object.entries(raw)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isObject(counted)) continue;
    const kept: Record<string, T> = {};
    for (const [id, counts] of Object.entries(counted)) {
      const k = keep(counts);
      if (k !== null) kept[id] = k;
    }
    days[day] = kept;
  }
  return days;
}

export function migrateStats(raw: unknown): StoredStats {
  const stored = isObject(raw) ? raw : {};
  return {
    version: 1,
    days: keptDays(stored.days, (counts) => (isCountList(counts) ? ([...counts, 0].slice(0, STAT_COUNTS) as StatCounts) : null)),
    strengths: keptDays(stored.strengths, (n) => (isCount(n) ? n : null)),
  };
}

/**
 * The host permission (and content-script match pattern) for a URL or origin. Without a port:
 * Firefox's match patterns have none, and in Chrome a pattern without a port matches every port.
 */
export function hostPattern(urlOrOrigin: string): string {
  const url = new URL(urlOrOrigin);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The origin of a help-desk site as typed by a person (`support.example.com`, a full URL):
 * `https://support.example.com`; plain http only on this machine; null when it is not a site.
 */
export function normalizeOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.includes('://') ? input : `https://${input}`);
  } catch {
    return null;
  }
  return isHttpsOrLocal(url) && !url.username && !url.password ? url.origin : null;
}

/** https anywhere; plain http only on this machine (a pack server or help desk under test). */
export const isHttpsOrLocal = (url: URL): boolean =>
  url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));

/** UTC day key of a timestamp. */
export const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** What the statistics count per rule: an underline shown, a suggestion applied, a finding dismissed, the rule switched off, its card opened by the agent. */
export const STAT_EVENTS = ['shown', 'applied', 'dismissed', 'disabled', 'opened'] as const;
export type StatEvent = (typeof STAT_EVENTS)[number];

const EVENT_INDEX: Record<StatEvent, number> = { shown: 0, applied: 1, dismissed: 2, disabled: 3, opened: 4 };

/** Adds one event to `stats` (in place) and drops days older than the window. */
export function countStatEvent(stats: StoredStats, ruleId: string, event: StatEvent, now: number): void {
  const rules = (stats.days[dayKey(now)] ??= {});
  const counts: StatCounts = (rules[ruleId] ??= [0, 0, 0, 0, 0]);
  counts[EVENT_INDEX[event]] += 1;
  dropOldDays(stats, now);
}

/** Counts one reply showing the strength `id` (what the agent did well), and drops days older than the window. */
export function countStrength(stats: StoredStats, id: string, now: number): void {
  const strengths = (stats.strengths[dayKey(now)] ??= {});
  strengths[id] = (strengths[id] ?? 0) + 1;
  dropOldDays(stats, now);
}

function dropOldDays(stats: StoredStats, now: number): void {
  const oldest = dayKey(now - (STATS_DAYS - 1) * 86_400_000);
  for (const days of [stats.days, stats.strengths]) for (const d of Object.keys(days)) if (d < oldest) delete days[d];
}
