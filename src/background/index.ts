// Background service worker (Chrome) / event page (Firefox): routes the protocol's messages.
// Every request is parsed first; requests that change or read out packs and settings are accepted
// only from the extension's own pages, never from a content script (a help-desk page is not trusted).
import browser from 'webextension-polyfill';
import { isFromExtensionPage, MESSAGES, parseRequest, type Request } from '../shared/protocol';
import { coachingHandlers } from './coaching-requests';
import { onCommand } from './commands';
import { error, type Handlers, type RequestContext } from './handlers';
import { injectOnInstall } from './inject';
import { packHandlers } from './pack-requests';
import { siteHandlers } from './site-requests';
import { syncSiteScripts } from './sites';
import { reloadPolicy, snapshot } from './store';
import { REFRESH_ALARM, RETRY_ALARM } from './subscription-state';
import { ensureRefreshAlarm, refreshSubscriptions, syncManagedSubscriptions } from './subscriptions';

const OWN_ORIGIN = new URL(browser.runtime.getURL('/')).origin;

/** Every request type's handler: the type checker refuses a protocol message without one. */
const HANDLERS: Handlers<Request['type']> = { ...coachingHandlers, ...packHandlers, ...siteHandlers };

function handle(request: Request, context: RequestContext): Promise<unknown> {
  if (MESSAGES[request.type].from === 'extension-page' && !isFromExtensionPage(context.sender, browser.runtime.id, OWN_ORIGIN)) {
    return Promise.resolve(error(`${request.type} is accepted only from CanDo's own pages.`));
  }
  const handler = HANDLERS[request.type] as (request: Request, context: RequestContext) => Promise<unknown>;
  return handler(request, context);
}

browser.runtime.onMessage.addListener((raw: unknown, sender: browser.Runtime.MessageSender) => {
  const request = parseRequest(raw);
  if (!request) return undefined;
  return handle(request, { sender }).catch((e: unknown) => error(e instanceof Error ? e.message : String(e)));
});

browser.commands.onCommand.addListener(onCommand);

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
