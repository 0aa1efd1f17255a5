// Launches Debian's Chromium with the built test extension, for the demo and the browser benchmark
// (the e2e tests use test/e2e/support/browser.ts, which takes its flags from here).
import puppeteer from 'puppeteer-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `extensionDir` null launches the same browser without CanDo (the benchmark's baseline). */
export function launchChromium({ extensionDir, headless = true }) {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    pipe: true,
    ...(extensionDir ? { enableExtensions: [extensionDir] } : {}),
    args: headless ? CHROMIUM_FLAGS : [...CHROMIUM_FLAGS, '--window-size=1280,860'],
    defaultViewport: headless ? { width: 1280, height: 860 } : null,
  });
}

/** The overlay's underlines in the page, as the agent sees them: rule, category and box. */
export function underlinesIn(page) {
  return page.evaluate(() =>
    [...(document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll('.underline') ?? [])].map((u) => ({
      ruleId: u.getAttribute('data-rule-id'),
      category: u.getAttribute('data-category'),
    })),
  );
}
