// Firefox runs CanDo's background as an event page (background.scripts), which it unloads when
// idle: the Firefox counterpart of Chromium stopping its service worker (lifecycle-worker.test.ts).
// Coaching must resume on the next keystroke with the draft untouched. The test profile shortens
// Firefox's idle timeout (30 s by default) to 5 s so the unload happens within the test (at 1 s, a
// busy machine unloaded the page between the setup's messages faster than it could restart); the
// options page sees whether the event page is loaded (extension.getViews lists it while it is).
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { browserUnderTest, collectErrors, firefoxOnly, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { BLAME_RULE, CANT_RULE, expectUnderlinesAt, openFixture, useOnlyTestPack, waitForUnderlines, wordBoxes } from './support/coaching';

const MAIN = '[data-pane="main"] .ck-editor__editable';
const firefoxTest = firefoxOnly('Chromium runs a service worker, stopped in lifecycle-worker.test.ts');

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let options: Page;
let errors: string[];

beforeAll(async () => {
  if (browserUnderTest() !== 'firefox') return;
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension('firefox', { extraPrefsFirefox: { 'extensions.background.idle.timeout': 5000 } });
  await useOnlyTestPack(ctx);
  options = await openExtensionPage(ctx, 'options.html');
  page = await ctx.browser.newPage();
  errors = collectErrors(page);
  await openFixture(page, `${server.url}/zendesk-workspace/`);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const eventPageLoaded = () => options.evaluate(() => chrome.extension.getViews().some((view) => view.location.pathname === '/_generated_background_page.html'));
const draft = () => page.evaluate(() => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main.getData());

firefoxTest('after Firefox unloads the idle event page, coaching resumes on the next keystroke and the draft is intact', async () => {
  await page.click(MAIN);
  await page.keyboard.type("Hello, we can't refund this.");
  await waitForUnderlines(page, [CANT_RULE]);

  const deadline = Date.now() + 40000;
  while ((await eventPageLoaded()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await eventPageLoaded()).toBe(false);

  await page.bringToFront();
  await page.keyboard.type(" It's the courier's fault.");
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, MAIN, "the courier's fault"));
  expect(await draft()).toBe("<p>Hello, we can't refund this. It's the courier's fault.</p>");
  expect(errors).toEqual([]);
});
