// The content script's life next to an MV3 service worker that may stop at any time, and across an
// extension reload (as an update does): coaching comes back, the draft is never lost, and the
// page sees no errors.
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { chromeOnly, collectErrors, extensionDir, extensionWorker, launchWithExtension, type ExtensionBrowser } from './support/browser';
import { BLAME_RULE, CANT_RULE, expectUnderlinesAt, useOnlyTestPack, waitForUnderlines, wordBoxes } from './support/coaching';

const MAIN = '[data-pane="main"] .ck-editor__editable';

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];

type CkWindow = { fixtureEditors: Record<string, { getData(): string }> };
const getData = () => page.evaluate(() => (window as unknown as CkWindow).fixtureEditors.main.getData());
const overlayHosts = () => page.evaluate(() => document.querySelectorAll('cando-overlay').length);

beforeAll(async () => {
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  await useOnlyTestPack(ctx);
  page = await ctx.browser.newPage();
  errors = collectErrors(page);
  await page.goto(`${server.url}/zendesk-workspace/`);
  await page.waitForFunction(() => (window as unknown as { fixtureReady?: Promise<boolean> }).fixtureReady);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const workerTargets = () =>
  ctx.browser.targets().filter((t) => t.type() === 'service_worker' && t.url().startsWith(`${ctx.origin}/`));

chromeOnly('puppeteer stops only Chromium service workers')('coaching resumes on the next keystroke after the service worker was stopped', async () => {
  await page.click(MAIN);
  await page.keyboard.type("Hello, we can't refund this.");
  await waitForUnderlines(page, [CANT_RULE]);

  const worker = await extensionWorker(ctx.browser);
  await worker.close();
  for (let i = 0; i < 100 && workerTargets().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(workerTargets()).toHaveLength(0);

  await page.keyboard.type(" It's the courier's fault.");
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, MAIN, "the courier's fault"));
});

chromeOnly('updates the extension in place through Chromium\'s CDP')('after an update the old script leaves quietly and the new one coaches the same draft', async () => {
  const draft = await getData();
  await extensionWorker(ctx.browser);
  const before = workerTargets()[0];
  // Loading the same extension again is an update: same id, new service worker, new content script.
  await ctx.browser.installExtension(extensionDir('chrome'));
  await ctx.browser.waitForTarget((t) => t.type() === 'service_worker' && t !== before && t.url().startsWith(`${ctx.origin}/`), { timeout: 15000 });

  // The background injects the new content script into this open tab; the old one's UI goes.
  await page.click(MAIN);
  await page.keyboard.press('End');
  await page.keyboard.type(" We cannot resend it, it's the warehouse's fault.");
  const warehouse = await wordBoxes(page, MAIN, "the warehouse's fault");
  const underlined = async () => {
    const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
    return warehouse.every((box) => seen.some((u) => u.ruleId === BLAME_RULE && Math.abs(u.left - box.left) < 2 && Math.abs(u.right - box.right) < 2));
  };
  for (let i = 0; i < 100 && !(await underlined()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await underlined()).toBe(true);
  expect(await overlayHosts()).toBe(1);
  expect(await getData()).toBe(draft.replace(/<\/p>$/, " We cannot resend it, it's the warehouse's fault.</p>"));
});

test('no errors reached the page', () => {
  expect(errors).toEqual([]);
});
