// Sites: a help desk on the company's own domain is added on the options page, CanDo coaches there
// (a content script registered for that domain only), can be paused from the Sites tab, and is gone
// after removal. The test loads a copy of the build whose manifest does not inject on localhost, so
// localhost plays the custom domain. Its host permission is already granted (the test build lists
// localhost in host_permissions, and Firefox grants those at install in the tests' profile): the
// options page's permissions.request resolves without a prompt to click, in both browsers.
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { browserUnderTest, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { extensionCopy, type ExtensionCopy } from './support/extension-copy';

let extension: ExtensionCopy;
let ctx: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let options: Page;
let site: string;

beforeAll(async () => {
  extension = extensionCopy(browserUnderTest(), (manifest) => {
    for (const script of manifest.content_scripts) script.matches = script.matches.filter((m) => !m.startsWith('http://'));
  });
  server = await startFixtureServer({ port: 0 });
  site = server.url;
  const launched = await launchWithExtension(browserUnderTest(), {}, extension.install);
  ctx = { ...launched, origin: extension.origin };
  options = await openExtensionPage(ctx, 'options.html#sites');
  await options.waitForSelector('#site-origin');
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
  extension?.remove();
});

const UNDERLINE = 'cando-overlay >>> .underline[data-category="cant"]';

/** Opens the fixture's textarea page and types a reply CanDo's built-in packs flag. */
async function openDraft(): Promise<Page> {
  const page = await ctx.browser.newPage();
  await page.goto(`${site}/plain/`);
  await page.click('textarea');
  await page.keyboard.type("Sorry, we can't refund this order.");
  return page;
}

/** The content scripts CanDo registered, as its own options page sees them (the same API in both browsers). */
const registeredScripts = () => options.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((scripts) => scripts.map((s) => s.matches)));

test('before the site is added, CanDo does not run there', async () => {
  const page = await openDraft();
  // Coaching shows within half a second where CanDo runs; give it three times that.
  await new Promise((r) => setTimeout(r, 1500));
  expect(await page.$('cando-overlay')).toBeNull();
  await page.close();
});

test('an added site is coached, and pausing it from the Sites tab hides the coaching in the open tab', async () => {
  await options.type('#site-origin', site);
  await options.click('#site-add');
  await options.waitForSelector(`.custom-sites li[data-origin="${site}"]`);
  expect(await registeredScripts()).toEqual([['http://localhost/*']]);

  const page = await openDraft();
  await page.waitForSelector(UNDERLINE, { timeout: 15000 });

  await options.bringToFront();
  await options.click(`.custom-sites li[data-origin="${site}"] button.pause`);
  await options.waitForSelector(`.paused-sites li[data-origin="${site}"]`);
  await page.bringToFront();
  await page.waitForFunction(() => !document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline'), { timeout: 10000 });

  await options.bringToFront();
  await options.click(`.paused-sites li[data-origin="${site}"] button.pause`);
  await options.waitForFunction((o) => !document.querySelector(`.paused-sites li[data-origin="${o}"]`), {}, site);
  await page.bringToFront();
  await page.waitForSelector(UNDERLINE, { timeout: 10000 });
  await page.close();
});

test('a removed site is not coached any more', async () => {
  await options.bringToFront();
  await options.click(`.custom-sites li[data-origin="${site}"] button.remove`);
  await options.waitForFunction((o) => !document.querySelector(`.custom-sites li[data-origin="${o}"]`), {}, site);
  expect(await registeredScripts()).toEqual([]);
  const page = await openDraft();
  await new Promise((r) => setTimeout(r, 1500));
  expect(await page.$('cando-overlay')).toBeNull();
  await page.close();
});
