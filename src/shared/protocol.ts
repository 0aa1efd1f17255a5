// The one typed protocol between CanDo's contexts (content scripts, popup, options page,
// background). Every message that arrives is checked with a parse function before it is used:
// messages can come from a content script running in a hostile page, so the background also
// checks who sent each request (see `isFromExtensionPage`).
import type { Finding, TextRange } from '../engine/types';

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
  /** Content script, after the agent's own click on "Turn off this rule": switch one unlocked rule off. */
  | { type: 'rule-off'; ruleId: string }
  /** Content script: count one event for a rule in the local statistics (counts only, no text). */
  | { type: 'stat'; ruleId: string; event: StatEvent }
  /** Popup (extension page only): pause or resume coaching on an origin. */
  | { type: 'set-site-paused'; origin: string; paused: boolean };

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

export interface ResponseFor {
  analyze: AnalyzeResponse;
  ping: PingResponse;
  'rule-off': OkResponse;
  stat: OkResponse;
  'set-site-paused': OkResponse;
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
      return null;
  }
}

/** Returns the tab message if `raw` is a well-formed one, otherwise null. */
export function parseTabMessage(raw: unknown): TabMessage | null {
  if (!isObject(raw)) return null;
  if (raw.type === 'refresh') return { type: 'refresh' };
  if (raw.type === 'tab-status') return { type: 'tab-status' };
  return null;
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
 * content script: only those may change packs or settings.
 */
export function isFromExtensionPage(sender: MessageSender, ownId: string, ownOrigin: string): boolean {
  return sender.id === ownId && typeof sender.url === 'string' && sender.url.startsWith(ownOrigin) && !sender.tab;
}
