// The content script's life next to an MV3 service worker that may stop at any time, and across an
// extension update: coaching comes back, the draft is never lost, nothing of the old UI stays, and
// the page sees no errors.
import type { Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import { chromeOnly, extensionDir, extensionWorker, isExtensionWorker, stopExtensionWorker, type ExtensionBrowser } from './support/browser';
import { BLAME_RULE, CANT_RULE, expectUnderlinesAt, startCoaching, openFixture, waitForUnderlines, waitForUnderlinesAt, wordBoxes } from './support/coaching';

const MAIN = '[data-pane="main"] .ck-editor__editable';

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];

type CkWindow = { fixtureEditors: Record<string, { getData(): string }> };
const getData = () => page.evaluate(() => (window as unknown as CkWindow).fixtureEditors.main.getData());
const overlayHosts = () => page.evaluate(() => document.querySelectorAll('cando-overlay').length);

beforeAll(async () => {
  ({ server, ctx, page, errors } = await startCoaching());
  await openFixture(page, `${server.url}/zendesk-workspace/`);
  // A draft in progress, coached.
  await page.click(MAIN);
  await page.keyboard.type("Hello, we can't refund this.");
  await waitForUnderlines(page, [CANT_RULE]);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const workerTargets = () => ctx.browser.targets().filter(isExtensionWorker);

chromeOnly('puppeteer stops only Chromium service workers')('coaching resumes on the next keystroke after the service worker was stopped', async () => {
  await extensionWorker(ctx.browser);
  const stopped = workerTargets()[0];
  await stopExtensionWorker(ctx.browser);
  expect(ctx.browser.targets()).not.toContain(stopped);

  await page.keyboard.type(" It's the courier's fault.");
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, MAIN, "the courier's fault"));
});

test('after an update the old script leaves quietly and the new one coaches the same draft', async () => {
  const draft = await getData();
  // Installing the same extension again is an update: same id, new background, new content script.
  if (ctx.name === 'chrome') {
    await extensionWorker(ctx.browser);
    const before = workerTargets()[0];
    await ctx.browser.installExtension(extensionDir('chrome'));
    await ctx.browser.waitForTarget((t) => t.type() === 'service_worker' && t !== before && t.url().startsWith(`${ctx.origin}/`), { timeout: 15000 });
  } else {
    await ctx.browser.installExtension(extensionDir('firefox'));
  }

  // The background injects the new content script into this open tab; the old one's UI goes.
  await page.click(MAIN);
  await page.keyboard.press('End');
  await page.keyboard.type(" We cannot resend it, it's the warehouse's fault.");
  await waitForUnderlinesAt(page, BLAME_RULE, await wordBoxes(page, MAIN, "the warehouse's fault"), 15000);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expect(await overlayHosts()).toBe(1);
  expect(await getData()).toBe(draft.replace(/<\/p>$/, " We cannot resend it, it's the warehouse's fault.</p>"));
});

test('no errors reached the page', () => {
  expect(errors).toEqual([]);
});
