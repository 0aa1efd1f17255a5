// The options page's requests about packs, rules and statistics.
import browser from 'webextension-polyfill';
import { exampleContest, type ActivePack, type CompiledPack } from '../engine';
import { packTooLarge } from '../shared/limits';
import type { OptionsState, PackRefused } from '../shared/protocol';
import type { SubscriptionState } from '../shared/settings';
import { error, ok, type Handlers } from './handlers';
import { exportJson, hasRule, packInfos, rulePreviews, ruleChanges, ruleInfos, rulesPerCategory, subscriptionInfos } from './packs';
import { builtinSitePatterns } from './sites';
import { readStats, recordEvent } from './stats';
import { compile, snapshot, update, type StoreSnapshot } from './store';
import { REFRESH_ALARM, retryDueAt } from './subscription-state';
import { refreshSubscriptions, subscribe } from './subscriptions';

const refused = (message: string, pack = 'file'): PackRefused => ({ type: 'refused', errors: [{ pack, message }] });

/** The packs active now, except the one with `id` (which an import would replace). */
const activeBeside = (snap: StoreSnapshot, id: string): ActivePack[] =>
  snap.view.entries
    .filter((e) => e.id !== id && snap.view.enabledPacks.includes(e.compiled))
    .map((e) => ({ pack: e.compiled, builtin: e.source === 'builtin' }));

/** Parses, validates and runs the examples of a pack file; checks it may be imported next to what is installed. */
function checkImport(json: string, snap: StoreSnapshot): { pack: CompiledPack; spec: unknown } | PackRefused {
  const tooLarge = packTooLarge(json.length);
  if (tooLarge) return refused(tooLarge);
  let spec: unknown;
  try {
    spec = JSON.parse(json);
  } catch (e) {
    return refused(`The file is not valid JSON: ${(e as Error).message}`);
  }
  const result = compile(spec);
  if (!result.ok) return { type: 'refused', errors: result.errors };
  const owner = snap.view.entries.find((e) => e.id === result.pack.id);
  if (owner && owner.source !== 'imported') {
    return refused(`A ${owner.source === 'builtin' ? 'built-in' : owner.source} pack with the id "${owner.id}" is installed; an imported pack cannot replace it.`, owner.id);
  }
  return { pack: result.pack, spec };
}

/** When each subscription is asked for next: its retry when it failed, else the periodic refresh (not before a host's Retry-After). */
async function nextTryOf({ policy }: StoreSnapshot): Promise<(s: SubscriptionState) => number | undefined> {
  const refreshAt = (await browser.alarms.get(REFRESH_ALARM))?.scheduledTime;
  return (s) => retryDueAt(s, policy.refreshMinutes) ?? (refreshAt === undefined ? undefined : Math.max(refreshAt, s.retryAfter ?? 0));
}

async function optionsState(snap: StoreSnapshot): Promise<OptionsState> {
  const { data, policy, view } = snap;
  return {
    type: 'options-state',
    packs: packInfos(view, data),
    rules: ruleInfos(view),
    subscriptions: subscriptionInfos(data, compile, await nextTryOf(snap)),
    problems: view.problems,
    allowImport: policy.allowImport,
    managed: policy.present,
    refreshMinutes: policy.refreshMinutes,
    sites: { builtin: builtinSitePatterns(), custom: data.customSites, paused: data.pausedOrigins },
  };
}

async function setRuleEnabled(ruleId: string, enabled: boolean) {
  const { view } = await snapshot();
  if (!hasRule(view, ruleId)) return error('No such rule.');
  if (view.lockedRules.includes(ruleId)) return error('Your organisation keeps this rule on.');
  await update((data) => {
    data.disabledRules = data.disabledRules.filter((id) => id !== ruleId);
    if (!enabled) data.disabledRules.push(ruleId);
  });
  if (!enabled) await recordEvent(ruleId, 'disabled');
  return ok;
}

export const packHandlers: Handlers<
  'options-state' | 'pack-preview' | 'pack-import' | 'pack-set-enabled' | 'pack-remove' | 'pack-export' | 'subscribe' | 'refresh-subscriptions' | 'rule-set-enabled' | 'stats'
> = {
  'options-state': async () => optionsState(await snapshot()),
  async 'pack-preview'(request) {
    const snap = await snapshot();
    const checked = checkImport(request.json, snap);
    if ('type' in checked) return checked;
    const old = snap.view.entries.find((e) => e.id === checked.pack.id);
    return {
      type: 'pack-preview',
      id: checked.pack.id,
      name: checked.pack.name,
      version: checked.pack.version,
      rulesPerCategory: rulesPerCategory(checked.pack),
      categories: { ...checked.pack.categories },
      rules: rulePreviews(checked.pack),
      ...(old ? { replaces: { version: old.compiled.version, source: old.source, changes: ruleChanges(old.spec, checked.spec) } } : {}),
      ...exampleContest(checked.pack, activeBeside(snap, checked.pack.id)),
    };
  },
  async 'pack-import'(request) {
    const snap = await snapshot();
    if (!snap.policy.allowImport) return error('Your organisation has turned off importing packs.');
    const checked = checkImport(request.json, snap);
    if ('type' in checked) return checked;
    await update((data) => {
      data.imported[checked.pack.id] = { spec: checked.spec, installedAt: Date.now() };
    });
    return ok;
  },
  async 'pack-set-enabled'(request) {
    const { view } = await snapshot();
    if (!view.entries.some((e) => e.id === request.packId)) return error('No such pack.');
    if (view.lockedPacks.has(request.packId)) return error('Your organisation keeps this pack on.');
    await update((data) => {
      data.disabledPacks = data.disabledPacks.filter((id) => id !== request.packId);
      if (!request.enabled) data.disabledPacks.push(request.packId);
    });
    return ok;
  },
  async 'pack-remove'(request) {
    const entry = (await snapshot()).view.entries.find((e) => e.id === request.packId);
    if (!entry || (entry.source !== 'imported' && entry.source !== 'subscribed')) return error('Only imported and subscribed packs can be removed.');
    await update((data) => {
      if (entry.source === 'imported') delete data.imported[entry.id];
      else if (entry.subscriptionUrl) delete data.subscriptions[entry.subscriptionUrl];
      data.disabledPacks = data.disabledPacks.filter((id) => id !== entry.id);
    });
    return ok;
  },
  async 'pack-export'(request) {
    const entry = (await snapshot()).view.entries.find((e) => e.id === request.packId);
    return entry ? { type: 'pack-json', json: exportJson(entry.spec) } : error('No such pack.');
  },
  subscribe: (request) => subscribe(request.url),
  'refresh-subscriptions': () => refreshSubscriptions('all'),
  /** The options page's rule switch, and the card's "Turn off this rule". */
  'rule-set-enabled': (request) => setRuleEnabled(request.ruleId, request.enabled),
  stats: async () => {
    const { days, strengths } = await readStats();
    return { type: 'stats', days, strengths };
  },
};
