// Enterprise policy: what a manager set in storage.managed (Chrome policy `3rdparty` extension
// policy, Firefox policies.json `3rdparty`). Read at start and on change; anything malformed is
// ignored field by field, so a typo in one pack never turns off the rest of the policy.
import { packTooLarge } from '../shared/limits';
import { isHttpsOrLocal } from '../shared/settings';

export const DEFAULT_REFRESH_MINUTES = 6 * 60;
/** Chrome's alarms fire at most every 30 s; CanDo does not poll pack servers more than every 15 min. */
const MIN_REFRESH_MINUTES = 15;
/** How long a pack host may take to send the whole pack before the check counts as failed. */
export const DEFAULT_FETCH_TIMEOUT_SECONDS = 30;
const FETCH_TIMEOUT_RANGE = [1, 300] as const;

export interface Policy {
  /** A policy is in force (the options page says so). */
  present: boolean;
  /** Packs written into the policy itself. */
  inlinePacks: unknown[];
  /** Pack URLs the store subscribes to on the policy's behalf. */
  subscriptionUrls: string[];
  /** Packs that cannot be switched off, with all their rules. */
  lockedPacks: string[];
  /** Rules (`pack-id/rule-id`) that cannot be switched off. */
  lockedRules: string[];
  /** False: agents cannot import packs or subscribe to URLs. */
  allowImport: boolean;
  refreshMinutes: number;
  fetchTimeoutSeconds: number;
  /** Entries the store ignored, for the options page. */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.length > 0) : []);

export function normalizePolicy(raw: unknown): Policy {
  const policy: Policy = {
    present: false,
    inlinePacks: [],
    subscriptionUrls: [],
    lockedPacks: [],
    lockedRules: [],
    allowImport: true,
    refreshMinutes: DEFAULT_REFRESH_MINUTES,
    fetchTimeoutSeconds: DEFAULT_FETCH_TIMEOUT_SECONDS,
    problems: [],
  };
  if (!isObject(raw) || Object.keys(raw).length === 0) return policy;
  policy.present = true;
  const packs = Array.isArray(raw.packs) ? raw.packs : [];
  packs.forEach((entry, i) => {
    if (isObject(entry) && typeof entry.url === 'string') {
      const problem = subscriptionUrlProblem(entry.url);
      if (problem) policy.problems.push(`Policy pack ${i + 1}: ${problem}`);
      else policy.subscriptionUrls.push(entry.url);
    } else if (isObject(entry) && typeof entry.json === 'string') {
      // The JSON-string form carries what Chrome's policy schema cannot type (transform suggestions).
      const tooLarge = packTooLarge(entry.json.length);
      if (tooLarge) policy.problems.push(`Policy pack ${i + 1}: ${tooLarge}`);
      else {
        try {
          policy.inlinePacks.push(JSON.parse(entry.json));
        } catch (e) {
          policy.problems.push(`Policy pack ${i + 1}: its json is not valid JSON (${(e as Error).message}).`);
        }
      }
    } else if (isObject(entry) && isObject(entry.pack)) {
      policy.inlinePacks.push(entry.pack);
    } else {
      policy.problems.push(`Policy pack ${i + 1}: needs "url", "pack" or "json".`);
    }
  });
  policy.lockedPacks = strings(raw.lockedPacks);
  policy.lockedRules = strings(raw.lockedRules);
  if (raw.allowImport === false) policy.allowImport = false;
  if (typeof raw.refreshMinutes === 'number' && Number.isFinite(raw.refreshMinutes)) {
    policy.refreshMinutes = Math.max(MIN_REFRESH_MINUTES, Math.round(raw.refreshMinutes));
  }
  if (typeof raw.fetchTimeoutSeconds === 'number' && Number.isFinite(raw.fetchTimeoutSeconds)) {
    const [min, max] = FETCH_TIMEOUT_RANGE;
    policy.fetchTimeoutSeconds = Math.min(max, Math.max(min, Math.round(raw.fetchTimeoutSeconds)));
  }
  return policy;
}

/**
 * Why a URL cannot be a pack subscription, or null: https only, plain http only for the local
 * machine (a pack server during development or in tests).
 */
export function subscriptionUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL.`;
  }
  if (isHttpsOrLocal(parsed)) return null;
  return `"${url}" is not an https:// address (plain http is accepted only for localhost).`;
}
