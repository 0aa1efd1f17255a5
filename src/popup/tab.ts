// Which tab the popup reports on, and how to reach CanDo's content script in it.
import browser, { type Tabs } from 'webextension-polyfill';
import { parseReplyCheckResponse, parseTabStatusResponse, type ReplyCheckResponse, type TabStatusResponse } from '../shared/protocol';

/**
 * The tab the agent is looking at. Opened from the toolbar, that is the active tab of the current
 * window; opened in a tab of its own (popup.html as a page), it is the tab the agent came from.
 */
export async function targetTab(): Promise<Tabs.Tab | null> {
  const own = await browser.tabs.getCurrent();
  if (!own) {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    return active ?? null;
  }
  const others = (await browser.tabs.query({ currentWindow: true })).filter((t) => t.id !== own.id);
  return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
}

/**
 * The site's origin, when the browser tells us the tab's address (it does for every site CanDo
 * has host access to, which are the only sites where it runs); null otherwise.
 */
export function originOf(tab: Tabs.Tab): string | null {
  if (!tab.url) return null;
  try {
    const url = new URL(tab.url);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Asks the tab's top frame for CanDo's status; null when no content script of ours answers there. */
export async function tabStatus(tabId: number): Promise<TabStatusResponse | null> {
  try {
    return parseTabStatusResponse(await browser.tabs.sendMessage(tabId, { type: 'tab-status' }, { frameId: 0 }));
  } catch {
    return null; // no receiving end: not a page CanDo coaches, or opened before CanDo was installed
  }
}

/**
 * Asks the tab's frames for the reply check of the draft being written; only a frame coaching that
 * draft answers. Null when none does (no editor focused among several, or no content script of ours).
 */
export async function replyCheck(tabId: number): Promise<ReplyCheckResponse | null> {
  try {
    return parseReplyCheckResponse(await browser.tabs.sendMessage(tabId, { type: 'reply-check' }));
  } catch {
    return null;
  }
}
