// Keyboard shortcuts (the manifest's `commands`; the agent can change them in the browser's
// extension shortcut settings). `check-reply` opens the toolbar popup on its reply check.
import browser from 'webextension-polyfill';

export const CHECK_REPLY_COMMAND = 'check-reply';
/** The popup page opened straight on the reply check. */
export const CHECK_REPLY_PAGE = 'popup.html#check';

/**
 * Opens the popup on the reply check. Both calls go out at once, before any await: Firefox opens a
 * popup only while the shortcut is being handled. The popup then goes back to the manifest's page.
 * Where the browser cannot open the popup (Chrome before 127, no focused window), the check opens
 * in a tab of its own, which reports on the tab the agent came from.
 */
export async function openReplyCheck(): Promise<void> {
  const popup = browser.runtime.getManifest().action?.default_popup ?? '';
  const set = browser.action.setPopup({ popup: CHECK_REPLY_PAGE });
  const opened = browser.action.openPopup().then(
    () => true,
    () => false,
  );
  await set;
  const inPopup = await opened;
  await browser.action.setPopup({ popup });
  if (!inPopup) await browser.tabs.create({ url: browser.runtime.getURL(CHECK_REPLY_PAGE) });
}

export function onCommand(command: string): void {
  if (command === CHECK_REPLY_COMMAND) void openReplyCheck().catch((e: unknown) => console.error('CanDo: opening the reply check failed', e));
}
