// The toolbar popup on a coached tab: it says CanDo is active, counts the focused draft's
// findings, and "Pause on this site" makes the underlines disappear (Resume brings them back).
// The popup is opened as a page in its own tab; it then reports on the tab the agent came from.
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { collectErrors, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { BLAME_RULE, CANT_RULE, importTestPack, waitForUnderlines } from './support/coaching';

let ctx: ExtensionBrowser;
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  await importTestPack(ctx);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent!.replace(/\s+/g, ' ').trim());

async function openPopup(): Promise<Page> {
  const popup = await openExtensionPage(ctx, 'popup.html');
  await popup.waitForSelector('#state');
  return popup;
}

test('the popup reports a coached tab and pauses and resumes coaching on its site', async () => {
  const page = await ctx.browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.url}/plain/`);
  await page.click('#plain');
  await page.keyboard.type("Unfortunately we can't refund it today. It's the courier's fault, not ours.");
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  // Findings, not boxes: a finding that wraps onto the next line draws two.
  const findings = await page.evaluate(
    () => new Set(Array.from(document.querySelector('cando-overlay')!.shadowRoot!.querySelectorAll<HTMLElement>('.underline'), (u) => `${u.dataset.ruleId}@${u.dataset.start}`)).size,
  );

  let popup = await openPopup();
  expect(await text(popup, '#state')).toBe('CanDo is coaching on this tab.');
  expect(await text(popup, '#counts')).toMatch(new RegExp(`reply editors? coached · ${findings} suggestions in the focused draft`));
  expect(await text(popup, '#pause')).toBe('Pause on this site');

  await popup.click('#pause');
  await popup.waitForFunction(() => document.querySelector('#state')?.textContent === 'Paused on this site.', { timeout: 10000 });
  expect(await text(popup, '#pause')).toBe('Resume on this site');
  await popup.close();
  await page.bringToFront();
  await page.waitForFunction(() => !document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline'), { timeout: 10000 });

  // Still paused after typing on, and a popup opened again says so.
  await page.keyboard.type(' We cannot help.');
  popup = await openPopup();
  expect(await text(popup, '#state')).toBe('Paused on this site.');
  await popup.click('#pause');
  await popup.waitForFunction(() => document.querySelector('#state')?.textContent === 'CanDo is coaching on this tab.', { timeout: 10000 });
  await popup.close();
  await page.bringToFront();
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expect(errors).toEqual([]);
  await page.close();
});

test('on a tab CanDo does not coach, the popup says so and offers no pause', async () => {
  const page = await ctx.browser.newPage();
  await page.goto('data:text/html,<p>Not a help desk</p>');
  const popup = await openPopup();
  expect(await text(popup, '#state')).toMatch(/^CanDo isn't running on this page\./);
  expect(await popup.$('#pause')).toBeNull();
  await popup.close();
  await page.close();
});
