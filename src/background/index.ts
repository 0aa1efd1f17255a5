// Background service worker (Chrome) / event page (Firefox): routes the protocol's messages.
// Every request is parsed first; requests that change or read out packs and settings are accepted
// only from the extension's own pages, never from a content script (a help-desk page is not trusted).
import browser from 'webextension-polyfill';
import { isFromExtensionPage, needsExtensionPage, parseRequest, type MessageSender, type Request } from '../shared/protocol';
import { analyzeDraft } from './analysis';
import { injectOnInstall } from './inject';
import { handleOptionsRequest } from './options-requests';
import { hasRule } from './packs';
import { normalizeOrigin } from '../shared/settings';
import { senderOrigin, syncSiteScripts } from './sites';
import { recordEvent } from './stats';
import { reloadPolicy, snapshot, update } from './store';
import { REFRESH_ALARM, RETRY_ALARM } from './subscription-state';
import { ensureRefreshAlarm, refreshSubscriptions, syncManagedSubscriptions } from './subscriptions';

const OWN_ORIGIN = new URL(browser.runtime.getURL('/')).origin;

async function handle(request: Request, sender: MessageSender): Promise<unknown> {
  if (needsExtensionPage(request) && !isFromExtensionPage(sender, browser.runtime.id, OWN_ORIGIN)) {
    return { type: 'error', message: `${request.type} is accepted only from CanDo's own pages.` };
  }
  switch (request.type) {
    case 'ping':
      return { type: 'pong' };
    case 'analyze': {
      const { data, view } = await snapshot();
      const origin = senderOrigin(sender);
      const paused = origin !== null && data.pausedOrigins.includes(origin);
      if (paused) return { type: 'findings', version: request.version, findings: [], truncated: false, paused, lockedRules: [] };
      return { ...analyzeDraft(request.version, request.text, request.skip), paused, lockedRules: view.lockedRules };
    }
    case 'rule-off': {
      const { view } = await snapshot();
      if (!hasRule(view, request.ruleId)) return { type: 'error', message: 'No such rule.' };
      if (view.lockedRules.includes(request.ruleId)) return { type: 'error', message: 'Your organisation keeps this rule on.' };
      await update((data) => {
        if (!data.disabledRules.includes(request.ruleId)) data.disabledRules.push(request.ruleId);
      });
      await recordEvent(request.ruleId, 'disabled');
      return { type: 'ok' };
    }
    case 'stat': {
      // Only rules that exist are counted, so a page cannot fill storage with made-up ids.
      const { view } = await snapshot();
      if (!hasRule(view, request.ruleId)) return { type: 'error', message: 'No such rule.' };
      await recordEvent(request.ruleId, request.event);
      return { type: 'ok' };
    }
    case 'set-site-paused': {
      const origin = normalizeOrigin(request.origin);
      if (!origin) return { type: 'error', message: `"${request.origin}" is not a site CanDo can run on.` };
      await update((data) => {
        data.pausedOrigins = data.pausedOrigins.filter((o) => o !== origin);
        if (request.paused) data.pausedOrigins.push(origin);
      });
      return { type: 'ok' };
    }
    default:
      return handleOptionsRequest(request);
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
  const request = parseRequest(raw);
  if (!request) return undefined;
  return handle(request, sender).catch((e: unknown) => ({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === REFRESH_ALARM) void refreshSubscriptions('all');
  if (alarm.name === RETRY_ALARM) void refreshSubscriptions('retries');
});

browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') void reloadPolicy().then(startUp).catch((e: unknown) => console.error('CanDo: applying the new policy failed', e));
});

/** Runs on every wake: the worker may have been stopped at any point, so everything is re-derived from storage. */
async function startUp(): Promise<void> {
  const { data } = await snapshot();
  await Promise.all([syncManagedSubscriptions(), ensureRefreshAlarm(), syncSiteScripts(data.customSites)]);
}

void startUp().catch((e: unknown) => console.error('CanDo: starting the pack store failed', e));

injectOnInstall();
