// Writes docs/reply-check.png, the README's picture of the reply check: a draft in the Zendesk-like
// fixture page, and the toolbar popup's reply check for it, drawn where the browser shows the popup
// (a browser's own popup cannot be captured, so the popup page's own screenshot is laid over the page).
// Run after `npm run build`: node scripts/screenshot-reply-check.mjs
import { join } from 'node:path';
import { dist } from './build.mjs';
import { startFixtureServer } from './fixture-server.mjs';
import { launchChromium } from './browser-launch.mjs';

const root = join(import.meta.dirname, '..');
const OUT = join(root, 'docs', 'reply-check.png');
const EXTENSION_ID = 'fhhmhimnlonjmjhmdhhkednjcaejaogp'; // from the manifest's key
const DRAFT = [
  'Hi Dana,',
  "I am sorry your refund is taking so long. Unfortunately we can't speed it up. I'll chase the bank today and email you by Friday with the date. Your reference is [refund reference].",
];

const server = await startFixtureServer({ port: 0 });
const browser = await launchChromium({ extensionDir: join(dist, 'chrome-test') });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/zendesk-workspace/`);
  await page.waitForFunction(() => window.fixtureReady, { timeout: 30000 });
  await page.click('[data-pane="main"] .ck-editor__editable');
  for (const [i, line] of DRAFT.entries()) {
    if (i) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  await page.waitForFunction(() => document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline[data-rule-id="cando/unfilled-gap"]'), { timeout: 15000 });

  // The popup page, opened in a tab, reports on the tab the agent came from.
  const popup = await browser.newPage();
  await popup.setViewport({ width: 328, height: 200, deviceScaleFactor: 1 });
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html#check`);
  await popup.waitForSelector('#reply-check h3', { timeout: 15000 });
  const image = Buffer.from(await popup.screenshot({ fullPage: true })).toString('base64');
  await popup.close();

  await page.bringToFront();
  await page.evaluate((src) => {
    const img = document.createElement('img');
    img.src = `data:image/png;base64,${src}`;
    img.style.cssText = 'position:fixed;top:8px;right:12px;z-index:2147483647;border:1px solid #c9ced6;border-radius:8px;box-shadow:0 8px 28px rgba(16,24,40,.28)';
    document.body.append(img);
    return img.decode();
  }, image);
  await page.screenshot({ path: OUT });
  console.log(`Screenshot: ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
