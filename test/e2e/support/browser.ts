// Launches a real browser with the built extension (dist/<browser>-test) for the e2e tests.
// Chromium: Debian's /usr/bin/chromium with the extension loaded at start.
// Firefox: Debian's firefox-esr over WebDriver BiDi, extension installed as a temporary add-on,
// with a fixed internal UUID so its pages have a known moz-extension:// origin. WebDriver BiDi
// refuses to navigate to moz-extension:// unless Firefox runs with --remote-allow-system-access;
// openExtensionPage() hides that difference.
import { join } from 'node:path';
import puppeteer, { type Browser, type LaunchOptions, type Page, type Target, type WebWorker } from 'puppeteer-core';

export type BrowserName = 'chrome' | 'firefox';

/** The Chrome extension id, fixed by the `key` in manifest.json. */
export const CHROME_EXTENSION_ID = 'fhhmhimnlonjmjhmdhhkednjcaejaogp';
export const FIREFOX_EXTENSION_ID = 'cando@cando-coach.org';
export const FIREFOX_EXTENSION_UUID = '5d0e3f0c-6b1a-4c5e-9d2e-cad0cad0cad0';

import { CHROMIUM_FLAGS } from '../../../scripts/browser-launch.mjs';

export { CHROMIUM_FLAGS };

export const repoRoot = join(__dirname, '..', '..', '..');
/** Where `npm run build` wrote the extension (CANDO_DIST overrides dist/, as in scripts/build.mjs). */
export const distDir = process.env.CANDO_DIST ?? join(repoRoot, 'dist');
export const extensionDir = (browser: BrowserName) => join(distDir, `${browser}-test`);

/** Which browser the e2e suite runs in: CANDO_BROWSER=firefox selects Firefox ESR. */
export const browserUnderTest = (): BrowserName => (process.env.CANDO_BROWSER === 'firefox' ? 'firefox' : 'chrome');

export interface ExtensionBrowser {
  browser: Browser;
  name: BrowserName;
  /** Origin of the extension's pages: chrome-extension://<id> or moz-extension://<uuid>. */
  origin: string;
  close(): Promise<void>;
}

/** A test's own copy of the build to install instead (see extension-copy.ts), with its Firefox add-on id. */
export interface InstallOptions {
  dir?: string;
  firefoxId?: string;
  /** Origin of the copy's pages (Chrome: its own extension id). */
  origin?: string;
}

export async function launchWithExtension(
  name: BrowserName = browserUnderTest(),
  extra: Partial<LaunchOptions> = {},
  install: InstallOptions = {},
): Promise<ExtensionBrowser> {
  const dir = install.dir ?? extensionDir(name);
  if (name === 'chrome') {
    const browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      pipe: true,
      enableExtensions: [dir],
      args: CHROMIUM_FLAGS,
      ...extra,
    });
    return { browser, name, origin: install.origin ?? `chrome-extension://${CHROME_EXTENSION_ID}`, close: () => browser.close() };
  }
  const { extraPrefsFirefox, ...rest } = extra;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [install.firefoxId ?? FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
      // Grant the optional localhost host permissions without a prompt, as the tests run headless.
      'extensions.originControls.grantByDefault': true,
      ...extraPrefsFirefox,
    },
    ...rest,
  });
  await browser.installExtension(dir);
  return { browser, name, origin: install.origin ?? `moz-extension://${FIREFOX_EXTENSION_UUID}`, close: () => browser.close() };
}

/**
 * Opens one of the extension's own pages (options.html, popup.html) in a new tab. In Firefox the
 * navigation crosses into the extension process and puppeteer never sees its load event, so the
 * page is loaded without waiting on it and we wait for the document itself instead.
 */
export async function openExtensionPage(ctx: ExtensionBrowser, path: string): Promise<Page> {
  const page = await ctx.browser.newPage();
  const url = `${ctx.origin}/${path}`;
  if (ctx.name === 'chrome') {
    await page.goto(url);
    return page;
  }
  page.goto(url).catch(() => undefined); // settles with a spurious timeout or "frame detached"
  // Polled by hand: while the tab crosses into the extension process, BiDi's evaluate can fail
  // outright ("right-hand side of 'in' should be an object"), which would end a waitForFunction.
  const deadline = Date.now() + 15000;
  for (;;) {
    const loaded = await page
      .evaluate((target) => location.href === target && document.readyState === 'complete', url)
      .catch(() => false);
    if (loaded) return page;
    if (Date.now() > deadline) throw new Error(`${path} did not load in ${ctx.name} within 15 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const isExtensionWorker = (t: Target) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`);

/** The extension's service worker (Chromium only; Firefox runs an event page). */
export async function extensionWorker(browser: Browser): Promise<WebWorker> {
  const target = await browser.waitForTarget(isExtensionWorker, { timeout: 15000 });
  const worker = await target.worker();
  if (!worker) throw new Error('extension service worker has no worker handle');
  return worker;
}

/**
 * Stops the extension's service worker if one runs, as Chromium does when it is idle, and waits
 * until that worker is gone. Not until no worker runs: a message may start a new one at once, and
 * on a busy machine the old one took over 5 s to go.
 */
export async function stopExtensionWorker(browser: Browser, timeout = 30000): Promise<void> {
  const target = browser.targets().find(isExtensionWorker);
  if (!target) return;
  let onDestroyed!: (t: Target) => void;
  const gone = new Promise<void>((resolve) => {
    onDestroyed = (t) => t === target && resolve();
    browser.on('targetdestroyed', onDestroyed);
  });
  try {
    await (await target.worker())?.close();
  } catch {
    // It stopped by itself between the look and the stop.
  }
  if (!browser.targets().includes(target)) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the stopped service worker was still there after ${timeout} ms`)), timeout);
  });
  try {
    await Promise.race([gone, late]);
  } finally {
    clearTimeout(timer);
    browser.off('targetdestroyed', onDestroyed);
  }
}

/** Collects page errors and console errors so a test can assert that there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    // Where it was thrown tells the page's own errors from CanDo's (content.js).
    const where = e instanceof Error ? (e.stack ?? '').split('\n').find((line) => /\bat\b/.test(line))?.trim() : undefined;
    errors.push(`pageerror: ${e instanceof Error ? e.message : String(e)}${where ? ` (${where})` : ''}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * `test` in one browser, `test.skip` in the other, for what only one of them has (stopping a
 * Chromium service worker, Chromium enterprise policy, CDP; Firefox's event page). The test name
 * carries the reason so the skip explains itself.
 */
function onlyIn(browser: BrowserName, reason: string): jest.It {
  if (browserUnderTest() === browser) return test;
  const other = browser === 'chrome' ? 'Firefox' : 'Chromium';
  const skipped = ((name: string, fn?: jest.ProvidesCallback, timeout?: number) =>
    test.skip(`${name} [skipped in ${other}: ${reason}]`, fn, timeout)) as jest.It;
  return skipped;
}

export const chromeOnly = (reason: string): jest.It => onlyIn('chrome', reason);
export const firefoxOnly = (reason: string): jest.It => onlyIn('firefox', reason);
