// The one typed protocol between CanDo's contexts (content scripts, popup, options page,
// background). Every message that arrives is checked with a parse function before it is used:
// messages can come from a content script running in a hostile page, so the background also
// checks who sent each request (see `isFromExtensionPage`).
import type { Finding, OverriddenBuiltin, PackError, ShadowedExample, TextRange } from '../engine/types';
import { MAX_PACK_CHARS, type SubscriptionOutcome } from './settings';

/** Longest draft the background analyses; longer drafts are coached on their first part only. */
export const MAX_DRAFT_CHARS = 100_000;

export type StatEvent = 'shown' | 'applied' | 'dismissed' | 'disabled';
const STAT_EVENTS: readonly StatEvent[] = ['shown', 'applied', 'dismissed', 'disabled'];

/** Requests to the background. */
export type Request =
  /** Content script: analyse one editor's draft. The site's origin comes from the sender, not the message. */
  | { type: 'analyze'; version: number; text: string; skip: TextRange[] }
  /** Any context: liveness check (also wakes a stopped service worker). */
  | { type: 'ping' }
  /**
   * Content script, after the agent's own click on "Turn off this rule": switch one unlocked rule
   * off. The background counts the 'disabled' statistic itself (also for switches on the options page).
   */
  | { type: 'rule-off'; ruleId: string }
  /** Content script: count one event for a rule in the local statistics (counts only, no text). */
  | { type: 'stat'; ruleId: string; event: StatEvent }
  /** Popup (extension page only): pause or resume coaching on an origin. */
  | { type: 'set-site-paused'; origin: string; paused: boolean }
  | OptionsRequest;

/** Options page (extension page only): read and manage packs, rules, sites and statistics. */
export type OptionsRequest =
  | { type: 'options-state' }
  /** Validate a pack file and run its examples; store nothing. */
  | { type: 'pack-preview'; json: string }
  /** Validate again and install (replacing an imported pack with the same id). */
  | { type: 'pack-import'; json: string }
  | { type: 'pack-set-enabled'; packId: string; enabled: boolean }
  /** Remove an imported pack or the agent's own subscription (never built-in or managed). */
  | { type: 'pack-remove'; packId: string }
  | { type: 'pack-export'; packId: string }
  /** The page asked for the URL's origin permission first (it needs the click). */
  | { type: 'subscribe'; url: string }
  | { type: 'refresh-subscriptions' }
  | { type: 'rule-set-enabled'; ruleId: string; enabled: boolean }
  | { type: 'stats' }
  /** The page asked for the origin's host permission first. */
  | { type: 'site-add'; origin: string }
  | { type: 'site-remove'; origin: string };

export type AnalyzeResponse = {
  type: 'findings';
  version: number;
  findings: Finding[];
  /** The draft was longer than MAX_DRAFT_CHARS and only its start was analysed. */
  truncated: boolean;
  /** Coaching is paused on this site: show nothing. */
  paused: boolean;
  /** Rules a manager locked on: the card offers no "Turn off this rule" for them. */
  lockedRules: string[];
};
export type PingResponse = { type: 'pong' };
export type OkResponse = { type: 'ok' } | { type: 'error'; message: string };

export type PackSource = 'builtin' | 'imported' | 'subscribed' | 'managed';

export interface SubscriptionInfo {
  url: string;
  managed: boolean;
  /** Id and version of the pack it delivers (absent until its first good fetch). */
  packId?: string;
  version?: string;
  /** When the version in use was received. */
  lastGoodAt?: number;
  /** The last attempt, whatever came of it. */
  lastCheckedAt?: number;
  /** The last check that got the pack from the host (new or the same). */
  lastSuccessAt?: number;
  lastOutcome?: SubscriptionOutcome;
  lastError?: { message: string; at: number };
  /** When CanDo asks the host next (a retry, the host's Retry-After, or the periodic refresh). */
  nextTryAt?: number;
}

/** What "Refresh now" did: how many subscriptions came out each way, and how many were left alone because their host asked to wait. */
export type RefreshSummary = { type: 'refresh-summary'; updated: number; unchanged: number; refused: number; failed: number; waiting: number };

export interface PackInfo {
  id: string;
  name: string;
  version: string;
  description?: string;
  source: PackSource;
  enabled: boolean;
  /** Policy keeps it on. */
  locked: boolean;
  /** When this version was installed or fetched (absent for built-in and inline managed packs). */
  updatedAt?: number;
  subscriptionUrl?: string;
  rulesPerCategory: Record<string, number>;
}

export interface RuleInfo {
  ruleId: string;
  packId: string;
  category: string;
  severity: string;
  message: string;
  explanation: string;
  examples: { flag: string[]; pass: string[] };
  enabled: boolean;
  locked: boolean;
}

export interface OptionsState {
  type: 'options-state';
  packs: PackInfo[];
  rules: RuleInfo[];
  subscriptions: SubscriptionInfo[];
  /** Packs that are configured but not in use (refused managed pack, id taken by another pack). */
  problems: string[];
  /** False when policy turned off import and subscriptions for agents. */
  allowImport: boolean;
  /** An enterprise policy is in force. */
  managed: boolean;
  refreshMinutes: number;
  sites: { builtin: string[]; custom: string[]; paused: string[] };
}

export interface RuleChange {
  added: string[];
  changed: string[];
  removed: string[];
}
export type PackPreviewResponse =
  | {
      type: 'pack-preview';
      id: string;
      name: string;
      version: string;
      rulesPerCategory: Record<string, number>;
      /** The installed pack this one would replace, and how its rules differ. */
      replaces?: { version: string; source: PackSource; changes: RuleChange };
      /** Flag examples another active pack's rule would take: the agent would see that rule instead. */
      shadowed: ShadowedExample[];
      /** Flag examples a built-in rule also flags, where this pack's rule is shown instead. */
      overrides: OverriddenBuiltin[];
    }
  | PackRefused;
export type PackRefused = { type: 'refused'; errors: PackError[] };
export type StatsResponse = { type: 'stats'; days: Record<string, Record<string, [number, number, number, number]>> };

export interface ResponseFor {
  analyze: AnalyzeResponse;
  ping: PingResponse;
  'rule-off': OkResponse;
  stat: OkResponse;
  'set-site-paused': OkResponse;
  'options-state': OptionsState;
  'pack-preview': PackPreviewResponse;
  'pack-import': OkResponse | PackRefused;
  'pack-set-enabled': OkResponse;
  'pack-remove': OkResponse;
  'pack-export': { type: 'pack-json'; json: string } | OkResponse;
  subscribe: OkResponse | PackRefused;
  'refresh-subscriptions': RefreshSummary | OkResponse;
  'rule-set-enabled': OkResponse;
  stats: StatsResponse;
  'site-add': OkResponse;
  'site-remove': OkResponse;
}

/** Messages from the background (or popup) to a tab's content scripts. */
export type TabMessage =
  /** Packs or settings changed: analyse every coached draft again. */
  | { type: 'refresh' }
  /** Popup: is CanDo active here, and how many findings does the focused draft have? */
  | { type: 'tab-status' };
export type TabStatusResponse = { type: 'tab-status'; active: boolean; paused: boolean; editors: number; focusedFindings: number };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShortString = (v: unknown, max = 300): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

function isRangeList(v: unknown, textLength: number): v is TextRange[] {
  return (
    Array.isArray(v) &&
    v.length <= 10_000 &&
    v.every((r) => isObject(r) && isInt(r.start) && isInt(r.end) && r.start <= r.end && r.end <= textLength)
  );
}

/** Returns the request if `raw` is a well-formed one, otherwise null. */
export function parseRequest(raw: unknown): Request | null {
  if (!isObject(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'analyze':
      if (!isInt(raw.version) || typeof raw.text !== 'string') return null;
      if (!isRangeList(raw.skip, raw.text.length)) return null;
      return { type: 'analyze', version: raw.version, text: raw.text, skip: raw.skip.map(({ start, end }) => ({ start, end })) };
    case 'ping':
      return { type: 'ping' };
    case 'rule-off':
      return isShortString(raw.ruleId) ? { type: 'rule-off', ruleId: raw.ruleId } : null;
    case 'stat':
      if (!isShortString(raw.ruleId) || !STAT_EVENTS.includes(raw.event as StatEvent)) return null;
      return { type: 'stat', ruleId: raw.ruleId, event: raw.event as StatEvent };
    case 'set-site-paused':
      if (!isShortString(raw.origin, 2000) || typeof raw.paused !== 'boolean') return null;
      return { type: 'set-site-paused', origin: raw.origin, paused: raw.paused };
    default:
      return parseOptionsRequest(raw);
  }
}

function parseOptionsRequest(raw: Record<string, unknown>): OptionsRequest | null {
  switch (raw.type) {
    case 'options-state':
    case 'refresh-subscriptions':
    case 'stats':
      return { type: raw.type };
    case 'pack-preview':
    case 'pack-import':
      return isShortString(raw.json, MAX_PACK_CHARS) ? { type: raw.type, json: raw.json } : null;
    case 'pack-set-enabled':
      return isShortString(raw.packId) && typeof raw.enabled === 'boolean' ? { type: raw.type, packId: raw.packId, enabled: raw.enabled } : null;
    case 'pack-remove':
    case 'pack-export':
      return isShortString(raw.packId) ? { type: raw.type, packId: raw.packId } : null;
    case 'subscribe':
      return isShortString(raw.url, 2000) ? { type: raw.type, url: raw.url } : null;
    case 'rule-set-enabled':
      return isShortString(raw.ruleId) && typeof raw.enabled === 'boolean' ? { type: raw.type, ruleId: raw.ruleId, enabled: raw.enabled } : null;
    case 'site-add':
    case 'site-remove':
      return isShortString(raw.origin, 2000) ? { type: raw.type, origin: raw.origin } : null;
    default:
      return null;
  }
}

/** Requests that change packs or settings, or read them in full: accepted only from the extension's own pages. */
export function needsExtensionPage(request: Request): boolean {
  return !['analyze', 'ping', 'rule-off', 'stat'].includes(request.type);
}

/** Returns the tab message if `raw` is a well-formed one, otherwise null. */
export function parseTabMessage(raw: unknown): TabMessage | null {
  if (!isObject(raw)) return null;
  if (raw.type === 'refresh') return { type: 'refresh' };
  if (raw.type === 'tab-status') return { type: 'tab-status' };
  return null;
}

/** Returns the content script's answer to 'tab-status' if well-formed (the popup checks it on arrival), otherwise null. */
export function parseTabStatusResponse(raw: unknown): TabStatusResponse | null {
  if (!isObject(raw) || raw.type !== 'tab-status') return null;
  if (typeof raw.active !== 'boolean' || typeof raw.paused !== 'boolean' || !isInt(raw.editors) || !isInt(raw.focusedFindings)) return null;
  return { type: 'tab-status', active: raw.active, paused: raw.paused, editors: raw.editors, focusedFindings: raw.focusedFindings };
}

/** Sender shape common to chrome.runtime and webextension-polyfill. */
export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/**
 * True when the message came from one of the extension's own pages (options, popup), not from a
 * content script: only those may change packs or settings. The options page opens in a tab, so a
 * sender may have a tab, but then the tab shows our page too.
 */
export function isFromExtensionPage(sender: MessageSender, ownId: string, ownOrigin: string): boolean {
  const ours = (url: string | undefined) => typeof url === 'string' && url.startsWith(`${ownOrigin}/`);
  return sender.id === ownId && ours(sender.url) && (!sender.tab || ours(sender.tab.url));
}
