// Chrome does not run content scripts in tabs that were open before CanDo was installed or
// updated. On install/update, inject the content script into open help-desk tabs (all frames)
// so the agent gets coaching back without reloading the tab and losing a draft; the old script
// in those tabs notices its dead runtime and removes its UI. Firefox injects on its own.
import browser from 'webextension-polyfill';

const REASONS = new Set(['install', 'update']);

/** Match patterns of the manifest's content scripts (the test build adds localhost) and of the sites the agent added. */
async function contentScriptMatches(): Promise<string[]> {
  const registered = await chrome.scripting.getRegisteredContentScripts().catch(() => []);
  return [...browser.runtime.getManifest().content_scripts ?? [], ...registered].flatMap((cs) => cs.matches ?? []);
}

export async function injectIntoOpenTabs(): Promise<void> {
  const matches = await contentScriptMatches();
  if (matches.length === 0) return;
  const tabs = await browser.tabs.query({ url: matches });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['content.js'] });
      } catch {
        // A tab we may not script (an error page, a frame still loading): it gets coaching on its next load.
      }
    }),
  );
}

export function injectOnInstall(): void {
  // Firefox runs the manifest's content scripts in open tabs when an add-on is installed or updated.
  if (browser.runtime.getURL('/').startsWith('moz-extension:')) return;
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (REASONS.has(reason)) void injectIntoOpenTabs();
  });
}
