// The one typed protocol between CanDo's contexts (content scripts, popup, options page,
// background), a contract at both ends: `MESSAGES` lists, per request type, who may send it, the
// parser the background runs on the request and the parser the sender runs on the answer. Messages
// can come from a content script running in a hostile page, so nothing that arrives is used unparsed.
import type { CategoryStyle, CustomerContext, Finding, OverriddenBuiltin, PackError, ShadowedExample, TextRange } from '../engine/types';
import type { Strength } from '../engine/strengths';
import { MAX_CUSTOMER_CHARS, MAX_CUSTOMER_NAME_CHARS, MAX_PACK_CHARS } from './limits';
import { STAT_EVENTS, type StatCounts, type StatEvent, type SubscriptionOutcome } from './settings';

/** Requests to the background. */
export type Request =
  /**
   * Content script and the options page's "Try it": analyze one draft (only its first part when it is
   * longer than MAX_DRAFT_CHARS, see `draftToAnalyze`). The site's origin comes from the sender, not the message.
   */
  | { type: 'analyze'; text: string; skip: TextRange[]; customer?: CustomerContext }
  /** Any context: liveness check (also wakes a stopped service worker). */
  | { type: 'ping' }
  /**
   * Switch one unlocked rule off or on: the options page's switch, and the card's "Turn off this
   * rule" and its Undo (the agent's own clicks). The background counts the 'disabled' statistic itself.
   */
  | { type: 'rule-set-enabled'; ruleId: string; enabled: boolean }
  /** Content script: count one event for a rule in the local statistics (counts only, no text). */
  | { type: 'stat'; ruleId: string; event: StatEvent }
  /** Content script: count a strength (what the agent did well) the draft showed, once per reply, in the local statistics. */
  | { type: 'strength-stat'; strength: string }
  /** Popup: pause or resume coaching on an origin. */
  | { type: 'set-site-paused'; origin: string; paused: boolean }
  /** Options page: read packs, rules, sites and settings. */
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
  | { type: 'stats' }
  /** The page asked for the origin's host permission first. */
  | { type: 'site-add'; origin: string }
  | { type: 'site-remove'; origin: string };

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export type AnalyzeResponse = {
  type: 'findings';
  findings: Finding[];
  /** What the draft does well, for the reply check: never underlined, never a finding. */
  strengths: Strength[];
  /** Coaching is paused on this site: show nothing. */
  paused: boolean;
  /** Rules a manager locked on: the card offers no "Turn off this rule" for them. */
  lockedRules: string[];
};
export type PingResponse = { type: 'pong' };
/** A refusal or a failure to answer: the sender shows the message. */
export type Failure = { type: 'error'; message: string };
export type OkResponse = { type: 'ok' } | Failure;

export type PackSource = 'builtin' | 'imported' | 'subscribed' | 'managed';
const PACK_SOURCES: readonly PackSource[] = ['builtin', 'imported', 'subscribed', 'managed'];

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
  /** The label and colour the rule's pack declared for its own category. */
  categoryStyle?: CategoryStyle;
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
export interface RulePreview {
  id: string;
  category: string;
  severity: string;
  message: string;
  examples: { flag: string[]; pass: string[] };
}
export type PackPreview = {
  type: 'pack-preview';
  id: string;
  name: string;
  version: string;
  rulesPerCategory: Record<string, number>;
  /** The pack's own categories' labels and colours. */
  categories: Record<string, CategoryStyle>;
  /** Every rule of the pack, as the preview lists the new and changed ones. */
  rules: RulePreview[];
  /** The installed pack this one would replace, and how its rules differ. */
  replaces?: { version: string; source: PackSource; changes: RuleChange };
  /** Flag examples another active pack's rule would take: the agent would see that rule instead. */
  shadowed: ShadowedExample[];
  /** Flag examples a built-in rule also flags, where this pack's rule is shown instead. */
  overrides: OverriddenBuiltin[];
};
export type PackRefused = { type: 'refused'; errors: PackError[] };
export type PackJson = { type: 'pack-json'; json: string };
export type StatsResponse = {
  type: 'stats';
  days: Record<string, Record<string, StatCounts>>;
  /** Per day, how many replies showed each strength (once per reply), by strength id. */
  strengths: Record<string, Record<string, number>>;
};

export interface ResponseFor {
  analyze: AnalyzeResponse;
  ping: PingResponse;
  'rule-set-enabled': OkResponse;
  stat: OkResponse;
  'strength-stat': OkResponse;
  'set-site-paused': OkResponse;
  'options-state': OptionsState;
  'pack-preview': PackPreview | PackRefused;
  'pack-import': OkResponse | PackRefused;
  'pack-set-enabled': OkResponse;
  'pack-remove': OkResponse;
  'pack-export': PackJson | OkResponse;
  subscribe: OkResponse | PackRefused;
  'refresh-subscriptions': RefreshSummary | OkResponse;
  stats: StatsResponse;
  'site-add': OkResponse;
  'site-remove': OkResponse;
}

// --- Checks shared by the parsers ---

type Fields = Record<string, unknown>;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShortString = (v: unknown, max = 300): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isCountMap = (v: unknown): v is Record<string, number> => isObject(v) && Object.values(v).every(isInt);
const isOptional = <T>(v: unknown, check: (v: unknown) => v is T): boolean => v === undefined || check(v);

function isRangeList(v: unknown, textLength: number): v is TextRange[] {
  return (
    Array.isArray(v) &&
    v.length <= 10_000 &&
    v.every((r) => isObject(r) && isInt(r.start) && isInt(r.end) && r.start <= r.end && r.end <= textLength)
  );
}

/** `raw` when it has the given type and every check passes on it, otherwise null. */
function shaped<R>(raw: unknown, type: string, checks: Record<string, (v: unknown) => boolean>): R | null {
  if (!isObject(raw) || raw.type !== type) return null;
  return Object.entries(checks).every(([field, check]) => check(raw[field])) ? (raw as R) : null;
}

const isFailure = (raw: unknown): raw is Failure => shaped(raw, 'error', { message: isString }) !== null;
const isPackError = (v: unknown): boolean => isObject(v) && isString(v.pack) && isString(v.message) && isOptional(v.rule, isString) && isOptional(v.field, isString);
const refusedOrNull = (raw: unknown): PackRefused | null =>
  shaped(raw, 'refused', { errors: (v) => Array.isArray(v) && v.every(isPackError) });
const okOrNull = (raw: unknown): OkResponse | null => (isFailure(raw) ? raw : shaped(raw, 'ok', {}));

const isCategoryStyle = (v: unknown): v is CategoryStyle => isObject(v) && isString(v.label) && isString(v.colour) && /^#[0-9a-f]{6}$/i.test(v.colour);
const isExamples = (v: unknown): boolean => isObject(v) && isStringList(v.flag) && isStringList(v.pass);
// Checked by shape only: importing the engine's list of kinds would pull the engine into every page's bundle.
const isStrength = (v: unknown): v is Strength => isObject(v) && isShortString(v.id, 60) && isShortString(v.label) && isString(v.text);

/** A finding whose offsets hold its text in `text`. */
function isFindingIn(f: unknown, text: string): f is Finding {
  return (
    isObject(f) &&
    isString(f.ruleId) && isString(f.category) && isString(f.severity) &&
    isInt(f.start) && isInt(f.end) && f.start < f.end && f.end <= text.length &&
    text.slice(f.start, f.end) === f.text &&
    isString(f.message) && isString(f.explanation) && isStringList(f.suggestions) &&
    isOptional(f.categoryStyle, isCategoryStyle) &&
    isOptional(f.rewrites, (v): v is unknown => Array.isArray(v) && v.length <= 3 && v.every((r) => isObject(r) && isInt(r.start) && isInt(r.end) && r.start <= r.end && r.end <= text.length && isString(r.text)))
  );
}

const isPackInfo = (v: unknown): boolean =>
  isObject(v) && isString(v.id) && isString(v.name) && isString(v.version) && PACK_SOURCES.includes(v.source as PackSource) &&
  typeof v.enabled === 'boolean' && typeof v.locked === 'boolean' && isCountMap(v.rulesPerCategory);
const isRuleInfo = (v: unknown): boolean =>
  isObject(v) && isString(v.ruleId) && isString(v.packId) && isString(v.category) && isOptional(v.categoryStyle, isCategoryStyle) && isString(v.message) &&
  isExamples(v.examples) &&
  typeof v.enabled === 'boolean' && typeof v.locked === 'boolean';
const isSubscriptionInfo = (v: unknown): boolean => isObject(v) && isString(v.url) && typeof v.managed === 'boolean';
const isRulePreview = (v: unknown): boolean =>
  isObject(v) && isString(v.id) && isString(v.category) && isString(v.severity) && isString(v.message) && isExamples(v.examples);
const isStatCounts = (v: unknown): v is StatCounts => Array.isArray(v) && v.length === STAT_EVENTS.length && v.every(isInt);
const listOf = (check: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(check);

// --- The contract ---

/** Who may send a request: any context (a content script in a help-desk page too), or only the extension's own pages. */
export type Senders = 'any' | 'extension-page';

interface MessageContract<T extends RequestType> {
  from: Senders;
  /** The request, rebuilt from its checked fields, or null when `raw` is not a well-formed one. */
  request(raw: Fields): RequestOf<T> | null;
  /** The answer, or null when it is not a well-formed one (the request is at hand to check offsets against). */
  response(raw: unknown, request: RequestOf<T>): ResponseFor[T] | null;
}

// Request builders for the fields several requests share. The table calls them inside arrow
// functions, so building the table runs nothing and a bundle that never reads a row drops it.
const withPackId = <T extends 'pack-remove' | 'pack-export'>(type: T, raw: Fields) =>
  (isShortString(raw.packId) ? { type, packId: raw.packId } : null) as RequestOf<T> | null;
const withJson = <T extends 'pack-preview' | 'pack-import'>(type: T, raw: Fields) =>
  (isShortString(raw.json, MAX_PACK_CHARS) ? { type, json: raw.json } : null) as RequestOf<T> | null;
const withOrigin = <T extends 'site-add' | 'site-remove'>(type: T, raw: Fields) =>
  (isShortString(raw.origin, 2000) ? { type, origin: raw.origin } : null) as RequestOf<T> | null;

export type Contracts<K extends RequestType> = { [T in K]: MessageContract<T> };
/** What a sender needs of the contracts: the answers' parsers. */
export type AnswerParsers<K extends RequestType> = { [T in K]: Pick<MessageContract<T>, 'response'> };

/** The requests any context may send: a content script's (and the pages' too). */
export type ContentRequestType = 'analyze' | 'ping' | 'rule-set-enabled' | 'stat' | 'strength-stat';

/**
 * The answers' parsers of the content script's requests: all a content script carries. Who may send
 * each request and the request's parser are only the background's (CONTENT_MESSAGES), and stay out
 * of the content script's bundle.
 */
export const CONTENT_ANSWERS: AnswerParsers<ContentRequestType> = {
  analyze: {
    // Findings whose offsets do not hold their words in the draft sent are dropped, not drawn.
    // Strengths are only passed on (to the reply check and the statistics), which check them there.
    response: (raw, { text }) => {
      const r = shaped<AnalyzeResponse>(raw, 'findings', { findings: Array.isArray, strengths: Array.isArray, paused: (v) => typeof v === 'boolean', lockedRules: isStringList });
      return r && { ...r, findings: r.findings.filter((f) => isFindingIn(f, text)) };
    },
  },
  ping: { response: (raw) => shaped(raw, 'pong', {}) },
  'rule-set-enabled': { response: okOrNull },
  stat: { response: okOrNull },
  'strength-stat': { response: okOrNull },
};

/** Each request's senders and request parser beside its answer's parser from `answers`. */
const withAnswers = <K extends RequestType>(answers: AnswerParsers<K>, requests: { [T in K]: Omit<MessageContract<T>, 'response'> }): Contracts<K> =>
  Object.fromEntries((Object.keys(requests) as K[]).map((type) => [type, { ...requests[type], ...answers[type] }])) as unknown as Contracts<K>;

/** The content script's part of the table. */
export const CONTENT_MESSAGES: Contracts<ContentRequestType> = /* @__PURE__ */ withAnswers(CONTENT_ANSWERS, {
  analyze: {
    from: 'any',
    request: (raw) =>
      isString(raw.text) && isRangeList(raw.skip, raw.text.length)
        ? withCustomer({ type: 'analyze', text: raw.text, skip: raw.skip.map(({ start, end }) => ({ start, end })) }, raw.customer)
        : null,
  },
  ping: { from: 'any', request: () => ({ type: 'ping' }) },
  'rule-set-enabled': {
    from: 'any',
    request: (raw) =>
      isShortString(raw.ruleId) && typeof raw.enabled === 'boolean' ? { type: 'rule-set-enabled', ruleId: raw.ruleId, enabled: raw.enabled } : null,
  },
  stat: {
    from: 'any',
    request: (raw) =>
      isShortString(raw.ruleId) && STAT_EVENTS.includes(raw.event as StatEvent) ? { type: 'stat', ruleId: raw.ruleId, event: raw.event as StatEvent } : null,
  },
  'strength-stat': { from: 'any', request: (raw) => (isShortString(raw.strength, 60) ? { type: 'strength-stat', strength: raw.strength } : null) },
});

/** The table: every request type's senders and parsers. */
export const MESSAGES: Contracts<RequestType> = /* @__PURE__ */ Object.assign({}, CONTENT_MESSAGES, {
  'set-site-paused': {
    from: 'extension-page',
    request: (raw) =>
      isShortString(raw.origin, 2000) && typeof raw.paused === 'boolean' ? { type: 'set-site-paused', origin: raw.origin, paused: raw.paused } : null,
    response: okOrNull,
  },
  'options-state': {
    from: 'extension-page',
    request: () => ({ type: 'options-state' }),
    response: (raw) =>
      shaped(raw, 'options-state', {
        packs: listOf(isPackInfo),
        rules: listOf(isRuleInfo),
        subscriptions: listOf(isSubscriptionInfo),
        problems: isStringList,
        allowImport: (v) => typeof v === 'boolean',
        managed: (v) => typeof v === 'boolean',
        refreshMinutes: isInt,
        sites: (v) => isObject(v) && isStringList(v.builtin) && isStringList(v.custom) && isStringList(v.paused),
      }),
  },
  'pack-preview': {
    from: 'extension-page',
    request: (raw) => withJson('pack-preview', raw),
    response: (raw) =>
      refusedOrNull(raw) ??
      shaped(raw, 'pack-preview', {
        id: isString,
        name: isString,
        version: isString,
        rulesPerCategory: isCountMap,
        categories: (v) => isObject(v) && Object.values(v).every(isCategoryStyle),
        rules: listOf(isRulePreview),
        replaces: (v) => v === undefined || (isObject(v) && isString(v.version) && isObject(v.changes)),
        shadowed: Array.isArray,
        overrides: Array.isArray,
      }),
  },
  'pack-import': { from: 'extension-page', request: (raw) => withJson('pack-import', raw), response: (raw) => refusedOrNull(raw) ?? okOrNull(raw) },
  'pack-set-enabled': {
    from: 'extension-page',
    request: (raw) =>
      isShortString(raw.packId) && typeof raw.enabled === 'boolean' ? { type: 'pack-set-enabled', packId: raw.packId, enabled: raw.enabled } : null,
    response: okOrNull,
  },
  'pack-remove': { from: 'extension-page', request: (raw) => withPackId('pack-remove', raw), response: okOrNull },
  'pack-export': {
    from: 'extension-page',
    request: (raw) => withPackId('pack-export', raw),
    response: (raw) => shaped<PackJson>(raw, 'pack-json', { json: isString }) ?? okOrNull(raw),
  },
  subscribe: {
    from: 'extension-page',
    request: (raw) => (isShortString(raw.url, 2000) ? { type: 'subscribe', url: raw.url } : null),
    response: (raw) => refusedOrNull(raw) ?? okOrNull(raw),
  },
  'refresh-subscriptions': {
    from: 'extension-page',
    request: () => ({ type: 'refresh-subscriptions' }),
    response: (raw) => shaped<RefreshSummary>(raw, 'refresh-summary', { updated: isInt, unchanged: isInt, refused: isInt, failed: isInt, waiting: isInt }) ?? okOrNull(raw),
  },
  stats: {
    from: 'extension-page',
    request: () => ({ type: 'stats' }),
    response: (raw) =>
      shaped(raw, 'stats', {
        days: (v) => isObject(v) && Object.values(v).every((rules) => isObject(rules) && Object.values(rules).every(isStatCounts)),
        strengths: (v) => isObject(v) && Object.values(v).every(isCountMap),
      }),
  },
  'site-add': { from: 'extension-page', request: (raw) => withOrigin('site-add', raw), response: okOrNull },
  'site-remove': { from: 'extension-page', request: (raw) => withOrigin('site-remove', raw), response: okOrNull },
} satisfies Contracts<Exclude<RequestType, ContentRequestType>>);

/** Returns the request if `raw` is a well-formed one, otherwise null. */
export function parseRequest(raw: unknown): Request | null {
  if (!isObject(raw) || typeof raw.type !== 'string' || !Object.hasOwn(MESSAGES, raw.type)) return null;
  return MESSAGES[raw.type as RequestType].request(raw);
}

/** The background's answer to `request` if well-formed (checked with `contracts`); a refusal the background gave; otherwise null. */
export function parseResponse<K extends RequestType, T extends K>(contracts: AnswerParsers<K>, request: RequestOf<T>, raw: unknown): ResponseFor[T] | Failure | null {
  const contract = contracts[request.type] as MessageContract<T>;
  return contract.response(raw, request) ?? (isFailure(raw) ? raw : null);
}

/** Messages from the background (or popup) to a tab's content scripts. */
export type TabMessage =
  /** Packs or settings changed: analyze every coached draft again. */
  | { type: 'refresh' }
  /** Popup: is CanDo active here, and how many findings does the focused draft have? */
  | { type: 'tab-status' }
  /** Popup's reply check: what the focused draft does well and what is left to fix. */
  | { type: 'reply-check' };
export type TabStatusResponse = { type: 'tab-status'; active: boolean; paused: boolean; editors: number; focusedFindings: number };
/** One thing to fix before sending, as the reply check lists it. */
export type CheckItem = Pick<Finding, 'ruleId' | 'category' | 'severity' | 'message' | 'text'>;
/** The reply check of the focused draft (or the only one); `empty` when it holds no words yet. */
export type ReplyCheckResponse = { type: 'reply-check'; paused: boolean; empty: boolean; findings: readonly CheckItem[]; strengths: readonly Strength[] };

/** The tab messages carry nothing but their type. */
const TAB_MESSAGES: TabMessage['type'][] = ['refresh', 'tab-status', 'reply-check'];

/** Returns the tab message if `raw` is a well-formed one, otherwise null. */
export function parseTabMessage(raw: unknown): TabMessage | null {
  return isObject(raw) && TAB_MESSAGES.includes(raw.type as TabMessage['type']) ? ({ type: raw.type } as TabMessage) : null;
}

/** Returns the content script's answer to 'tab-status' if well-formed (the popup checks it on arrival), otherwise null. */
export function parseTabStatusResponse(raw: unknown): TabStatusResponse | null {
  if (!isObject(raw) || raw.type !== 'tab-status') return null;
  if (typeof raw.active !== 'boolean' || typeof raw.paused !== 'boolean' || !isInt(raw.editors) || !isInt(raw.focusedFindings)) return null;
  return { type: 'tab-status', active: raw.active, paused: raw.paused, editors: raw.editors, focusedFindings: raw.focusedFindings };
}

const isCheckItem = (f: unknown): f is CheckItem => isObject(f) && isString(f.ruleId) && isString(f.category) && isString(f.severity) && isString(f.message) && isString(f.text);

/** Returns the content script's answer to 'reply-check' if well-formed, with its well-formed items and only the fields the check shows; otherwise null. */
export function parseReplyCheckResponse(raw: unknown): ReplyCheckResponse | null {
  if (!isObject(raw) || raw.type !== 'reply-check' || typeof raw.paused !== 'boolean' || typeof raw.empty !== 'boolean') return null;
  if (!Array.isArray(raw.findings) || !Array.isArray(raw.strengths)) return null;
  const findings = raw.findings.filter(isCheckItem).map(({ ruleId, category, severity, message, text }) => ({ ruleId, category, severity, message, text }));
  const strengths = raw.strengths.filter(isStrength).map(({ id, label, text }) => ({ id, label, text }));
  return { type: 'reply-check', paused: raw.paused, empty: raw.empty, findings, strengths };
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

// --- The customer's message, read from the ticket page by the content script (context rules) ---

/** The analyze request with its customer message when `raw` is a well-formed one; a malformed one is dropped, not the request. */
function withCustomer<R extends { type: 'analyze' }>(request: R, raw: unknown): R & { customer?: CustomerContext } {
  if (!isObject(raw) || !isString(raw.text) || raw.text.length > MAX_CUSTOMER_CHARS) return request;
  const name = isShortString(raw.name, MAX_CUSTOMER_NAME_CHARS) ? raw.name : undefined;
  return { ...request, customer: { text: raw.text, ...(name && { name }) } };
}
