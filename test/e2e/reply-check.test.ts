// The reply check: what the draft being written does well (strengths) next to what is left to fix
// before sending (findings, unfilled gaps first, the customer's unanswered question), opened from
// the popup's "Check this reply" and from the `check-reply` shortcut; strengths are counted in the
// local statistics and shown in the options page's Statistics tab. A browser shortcut cannot be
// pressed from puppeteer: the manifest's command is checked as the browser registered it, and in
// Chromium the command event is dispatched to the extension's own listener.
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { chromeOnly, collectErrors, extensionWorker, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { openFixture, underlines } from './support/coaching';

const MAIN = '[data-pane="main"] .ck-editor__editable';
const SIDE = '[data-pane="side"] .ck-editor__editable';
// Dana (the main ticket's customer) writes for the third time and asks when the money will be back;
// the draft never says when, nor when it will know.
const DRAFT = ['Hi Dana,', "I am sorry your refund is taking so long. Unfortunately we can't speed it up. Your reference is [refund reference]."];

interface SeenCheck {
  strengths: { id: string; label: string; quote: string | null }[];
  fixes: { ruleId: string; severity: string; text: string }[];
  none: string | null;
  ready: boolean;
}

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  page = await ctx.browser.newPage();
  errors = collectErrors(page);
  await openFixture(page, `${server.url}/zendesk-workspace/`);
  await page.click(MAIN);
  for (const [i, line] of DRAFT.entries()) {
    if (i) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  // The analysis of the whole draft is in: its gap is underlined.
  const deadline = Date.now() + 15000;
  while (!(await underlines(page)).some((u) => u.ruleId === 'cando/unfilled-gap')) {
    if (Date.now() > deadline) throw new Error('the draft was not analyzed');
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

/** What the popup's reply check shows, once it has an answer. */
async function seenCheck(popup: Page): Promise<SeenCheck> {
  await popup.waitForFunction(() => document.querySelector('#reply-check h3, #check-none'), { timeout: 15000 });
  return popup.evaluate(() => {
    const text = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    return {
      strengths: Array.from(document.querySelectorAll<HTMLElement>('#reply-check .strengths li'), (li) => ({
        id: li.dataset.strength!,
        label: text(li.querySelector('strong'))!,
        quote: text(li.querySelector('q')),
      })),
      fixes: Array.from(document.querySelectorAll<HTMLElement>('#reply-check .fixes li'), (li) => ({ ruleId: li.dataset.ruleId!, severity: li.dataset.severity!, text: text(li)! })),
      none: text(document.querySelector('#check-none')),
      ready: Boolean(document.querySelector('#ready')),
    };
  });
}

function expectDraftCheck(check: SeenCheck): void {
  expect(check.strengths).toEqual([
    { id: 'specific-apology', label: 'A specific apology', quote: 'I am sorry your refund is taking so long' },
    { id: 'uses-name', label: "Uses the customer's name", quote: 'Dana' },
  ]);
  // The gap first (it must not reach the customer), then the draft's order.
  expect(check.fixes.map((f) => f.ruleId)).toEqual(['cando/unfilled-gap', 'cando-cant/we-cant', 'cando-context/unanswered-question']);
  expect(check.fixes[0]).toEqual({ ruleId: 'cando/unfilled-gap', severity: 'error', text: 'Fill this in before sending [refund reference]' });
  expect(check.fixes[1].text).toBe("Lead with what you can do. Unfortunately we can't speed it up");
  // The unanswered question is named.
  expect(check.fixes[2].text).toContain('“When will the money be back on my card?”');
  expect(check.ready).toBe(false);
}

test('"Check this reply" in the popup lists what the draft does well and what to fix before sending', async () => {
  const popup = await openExtensionPage(ctx, 'popup.html');
  await popup.waitForSelector('#check-reply');
  expect(await popup.$eval('#check-reply', (b) => b.textContent)).toBe('Check this reply');
  // Nothing is checked before the agent asks.
  expect(await popup.$('#reply-check h3')).toBeNull();
  await popup.click('#check-reply');
  expectDraftCheck(await seenCheck(popup));
  expect(await popup.$eval('#check-reply', (b) => b.textContent)).toBe('Check again');
  await popup.close();
});

test('the shortcut is a manifest command the browser registered, and the page it opens shows the check at once', async () => {
  await page.bringToFront();
  const popup = await openExtensionPage(ctx, 'popup.html#check');
  const commands = await popup.evaluate(() => chrome.commands.getAll());
  expect(commands).toContainEqual(
    expect.objectContaining({ name: 'check-reply', shortcut: 'Alt+Shift+K', description: 'Check this reply: what it does well, what to fix before sending' }),
  );
  expectDraftCheck(await seenCheck(popup));
  await popup.close();
});

chromeOnly('dispatches the command event to the worker')('the shortcut\'s command opens the popup on the check, and the toolbar popup goes back to its own page', async () => {
  await page.bringToFront();
  const worker = await extensionWorker(ctx.browser);
  await worker.evaluate(() => (chrome.commands.onCommand as unknown as { dispatch(command: string): void }).dispatch('check-reply'));
  const target = await ctx.browser.waitForTarget((t) => t.url().endsWith('/popup.html#check'), { timeout: 15000 });
  const opened = (await target.asPage()) as Page;
  // The toolbar popup itself, not the fallback tab (Chromium 127+ opens popups for every extension).
  const tabs = await worker.evaluate(() => chrome.tabs.query({}).then((all) => all.map((t) => t.url ?? '')));
  expect(tabs.filter((url) => url.endsWith('/popup.html#check'))).toEqual([]);
  expectDraftCheck(await seenCheck(opened));
  await worker.evaluate(() => new Promise((r) => setTimeout(r, 200)));
  expect(await worker.evaluate(() => chrome.action.getPopup({}))).toMatch(/\/popup\.html$/);
  await opened.close();
});

test('an empty reply gets no check, and the strengths were counted once per draft in the Statistics tab', async () => {
  await page.bringToFront();
  await page.click(SIDE);
  const popup = await openExtensionPage(ctx, 'popup.html#check');
  expect((await seenCheck(popup)).none).toBe('This reply is empty: write it, then check it.');
  await popup.close();

  const options = await openExtensionPage(ctx, 'options.html#stats');
  await options.waitForSelector('tr[data-strength="specific-apology"]');
  const counts = await options.evaluate(() =>
    Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>('tr[data-strength]'), (tr) => [tr.dataset.strength, [tr.querySelector('.recent')!.textContent, tr.querySelector('.total')!.textContent]])),
  );
  // Typed a key at a time and checked three times, each strength of the draft still counts once.
  expect(counts).toEqual({
    'owns-next-step': ['0', '0'],
    'specific-apology': ['1', '1'],
    'can-do-offer': ['0', '0'],
    'uses-name': ['1', '1'],
    'answers-questions': ['0', '0'],
  });
  await options.close();
  expect(errors).toEqual([]);
});
