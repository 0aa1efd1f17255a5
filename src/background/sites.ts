// Help-desk sites: the built-in ones (the manifest's content scripts) and custom domains a manager
// adds (a Zendesk or Freshdesk mapped to the company's own host). A custom site gets its content
// script through scripting.registerContentScripts once the options page holds its host permission.
import browser from 'webextension-polyfill';
import { hostPattern } from '../shared/settings';

const SCRIPT_PREFIX = 'cando-site-';

/** The manifest's help-desk match patterns (what CanDo runs on without any setting). */
export function builtinSitePatterns(): string[] {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  return [...new Set(scripts.flatMap((s) => s.matches ?? []))];
}

/** Registers a content script for each custom site that has its permission, and unregisters the rest. */
export async function syncSiteScripts(customSites: string[]): Promise<void> {
  const registered = await chrome.scripting.getRegisteredContentScripts();
  const wanted = new Map<string, string>();
  for (const origin of customSites) {
    if (await browser.permissions.contains({ origins: [hostPattern(origin)] })) wanted.set(SCRIPT_PREFIX + origin, origin);
  }
  const stale = registered.map((s) => s.id).filter((id) => id.startsWith(SCRIPT_PREFIX) && !wanted.has(id));
  if (stale.length > 0) await chrome.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(registered.map((s) => s.id));
  const missing = [...wanted].filter(([id]) => !have.has(id));
  if (missing.length > 0) {
    await chrome.scripting.registerContentScripts(
      missing.map(([id, origin]) => ({
        id,
        matches: [hostPattern(origin)],
        js: ['content.js'],
        allFrames: true,
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  }
}

/** The site a message came from: the tab's top-level origin, so iframes of a paused site are paused too. */
export function senderOrigin(sender: { url?: string; tab?: { url?: string } }): string | null {
  const url = sender.tab?.url ?? sender.url;
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
