// `npm start`: builds CanDo, serves the fixture pages and opens Chromium with CanDo on the
// Zendesk-like page. With a display the browser stays open for you to type in; without one the
// demo types a sample reply itself, applies a suggestion from the card, and writes a screenshot.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll, dist } from './build.mjs';
import { startFixtureServer } from './fixture-server.mjs';
import { launchChromium, underlinesIn } from './browser-launch.mjs';

const root = join(import.meta.dirname, '..');
const SAMPLE_REPLY =
  "Hi Dana, thanks for writing in. Unfortunately we can't refund your order after 30 days. " +
  "That's not my department, you'll have to contact billing. Did you even read the FAQ?";
const SCREENSHOT = join(root, 'artifacts', 'demo.png');
const headful = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log('Building the extension…');
await buildAll();
const server = await startFixtureServer({ port: 0 });
const browser = await launchChromium({ extensionDir: join(dist, 'chrome-test'), headless: !headful });
const stop = async () => {
  await browser.close().catch(() => undefined);
  await server.close();
};

try {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const url = `${server.url}/zendesk-workspace/`;
  await page.goto(url);
  await page.waitForFunction(() => window.fixtureReady, { timeout: 30000 });
  if (headful) {
    console.log(`CanDo is running on ${url}\nType a reply in a composer (try "we can't refund this"); Alt+Enter opens the card at the caret. Close the browser or press Ctrl+C to stop.`);
    process.once('SIGINT', () => void stop().then(() => process.exit(0)));
    await new Promise((resolve) => browser.once('disconnected', resolve));
  } else {
    await runHeadless(page);
  }
} finally {
  await stop();
}

async function runHeadless(page) {
  const editable = '[data-pane="main"] .ck-editor__editable';
  await page.click(editable);
  await page.keyboard.type(SAMPLE_REPLY, { delay: 5 });
  await page.waitForFunction(() => (document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll('.underline').length ?? 0) > 0, { timeout: 15000 });
  await underlinesSettled(page);
  const flagged = await flaggedWords(page);
  console.log('Flagged in the sample reply:');
  for (const f of flagged) console.log(`  ${f.category.padEnd(8)} ${f.ruleId.padEnd(34)} “${f.text}”`);

  // Open the card of the first underline that offers a suggestion, and click the suggestion.
  let applied = false;
  for (const f of flagged) {
    await clickUnderline(page, f.ruleId);
    await page.waitForFunction(() => document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card'));
    const suggestion = await page.evaluate(() => document.querySelector('cando-overlay').shadowRoot.querySelector('.card button.suggestion')?.textContent ?? null);
    if (!suggestion) {
      await page.keyboard.press('Escape');
      continue;
    }
    const before = await page.$eval(editable, (e) => e.innerText);
    await clickInCard(page, 'button.suggestion');
    await page.waitForFunction((b, sel) => document.querySelector(sel).innerText !== b, { timeout: 10000 }, before, editable);
    console.log(`Applied “${suggestion}” in place of “${f.text}”.`);
    applied = true;
    break;
  }
  if (!applied) console.log('No finding offered a suggestion to apply.');
  // Leave a card open on the next finding, so the screenshot shows it.
  await page.waitForFunction(() => !document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card'));
  await underlinesSettled(page);
  const remaining = await underlinesIn(page);
  if (remaining.length) {
    await clickUnderline(page, remaining[remaining.length - 1].ruleId);
    await page.waitForFunction(() => document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card')?.style.visibility === 'visible');
  }
  mkdirSync(join(root, 'artifacts'), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  console.log(`Draft now: ${await page.$eval(editable, (e) => e.innerText)}`);
  console.log(`Screenshot: ${SCREENSHOT}`);
}

/**
 * The underlined words as the agent sees them: each underline's rule and the text beneath it; a
 * finding that wraps onto the next line has one box per line, which are joined again.
 */
async function flaggedWords(page) {
  return page.evaluate(() => {
    const flagged = [];
    let previous = null;
    for (const u of document.querySelector('cando-overlay').shadowRoot.querySelectorAll('.underline')) {
      const box = u.getBoundingClientRect();
      const y = box.top + box.height / 2;
      const start = document.caretRangeFromPoint(box.left + 1, y);
      const end = document.caretRangeFromPoint(box.right - 1, y);
      const range = document.createRange();
      range.setStart(start.startContainer, start.startOffset);
      range.setEnd(end.startContainer, end.startOffset);
      const text = range.toString();
      const last = flagged[flagged.length - 1];
      if (last && last.ruleId === u.dataset.ruleId && previous && box.top > previous.bottom - 1) last.text += ` ${text}`;
      else flagged.push({ ruleId: u.dataset.ruleId, category: u.dataset.category, text });
      previous = box;
    }
    return flagged;
  });
}

/** Waits until the underlines have stayed in place for 400 ms (the draft's new analysis has arrived). */
async function underlinesSettled(page) {
  let last = '';
  let since = Date.now();
  while (Date.now() - since < 400) {
    const now = JSON.stringify(await page.evaluate(() =>
      [...(document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll('.underline') ?? [])].map((u) => u.getAttribute('style')),
    ));
    if (now !== last) [last, since] = [now, Date.now()];
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function clickUnderline(page, ruleId) {
  const box = await page.evaluate((id) => {
    const u = document.querySelector('cando-overlay').shadowRoot.querySelector(`.underline[data-rule-id="${id}"]`);
    const r = u.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, ruleId);
  await page.mouse.click(box.x, box.y);
}

async function clickInCard(page, selector) {
  const box = await page.evaluate((sel) => {
    const r = document.querySelector('cando-overlay').shadowRoot.querySelector(`.card ${sel}`).getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, selector);
  await page.mouse.click(box.x, box.y);
}
