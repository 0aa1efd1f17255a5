// Rules and statistics through the real pages: switching a rule off in the options page removes
// its underlines from an open help-desk tab without a reload; underlines shown, cards opened,
// applied, dismissed and switched-off findings are counted and shown in the Statistics tab.
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';

const rule = (id: string, word: string, suggestion: string) => ({
  id,
  category: 'apology',
  phrases: [word],
  message: `Leave out “${word}”.`,
  explanation: 'It dwells on the bad news; say what happens next instead.',
  suggestions: [suggestion],
  examples: { flag: [`${word} the parcel is late.`], pass: ['The parcel arrives Friday.'] },
});
const testPack = { id: 'stats-pack', name: 'Stats pack', version: '1.0.0', language: 'en', rules: [rule('no-sadly', 'sadly', 'so'), rule('no-alas', 'alas', 'well')] };

let ctx: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let options: Page;
let desk: Page;

const overlay = (sel: string) => `document.querySelector('cando-overlay')?.shadowRoot?.querySelector(${JSON.stringify(sel)})`;
const underline = (ruleId: string) => `.underline[data-rule-id="${ruleId}"]`;

/** Puts the caret inside the finding that starts `back` characters before the caret and opens its card. */
async function openCard(back: number, ruleId: string): Promise<void> {
  for (let i = 0; i < back; i++) await desk.keyboard.press('ArrowLeft');
  await desk.keyboard.down('Alt');
  await desk.keyboard.press('Enter');
  await desk.keyboard.up('Alt');
  await desk.waitForFunction(overlay(`.card[data-rule-id="${ruleId}"]`), { timeout: 10000 });
}

beforeAll(async () => {
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  options = await openExtensionPage(ctx, 'options.html#rules');
  await options.waitForSelector('#rule-search');
  // Setup, not under test here (options-import tests the import UI): install the pack.
  const reply = await options.evaluate((json) => chrome.runtime.sendMessage({ type: 'pack-import', json }), JSON.stringify(testPack));
  expect(reply).toEqual({ type: 'ok' });
  await options.waitForSelector('li[data-rule="stats-pack/no-sadly"]');
  desk = await ctx.browser.newPage();
  await desk.goto(`${server.url}/plain/`);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

test('a finding can be applied and another dismissed from the help-desk card', async () => {
  const textarea = await desk.waitForSelector('textarea');
  await textarea!.click();
  await desk.keyboard.type('Sadly the parcel is late.');
  await desk.waitForFunction(overlay(underline('stats-pack/no-sadly')), { timeout: 15000 });
  await desk.keyboard.press('Home');
  await desk.keyboard.press('ArrowRight');
  await openCard(0, 'stats-pack/no-sadly');
  // The overlay acts only on the agent's own (trusted) clicks.
  await (await desk.waitForSelector('cando-overlay >>> .card button.suggestion'))!.click();
  await desk.waitForFunction(() => document.querySelector('textarea')!.value.startsWith('So the parcel'), { timeout: 10000 });

  await desk.keyboard.press('End');
  await desk.keyboard.type(' Alas, it is not here.');
  await desk.waitForFunction(overlay(underline('stats-pack/no-alas')), { timeout: 15000 });
  await openCard(18, 'stats-pack/no-alas');
  await (await desk.waitForSelector('cando-overlay >>> .card button.dismiss'))!.click();
  await desk.waitForFunction(`!${overlay(underline('stats-pack/no-alas'))}`, { timeout: 10000 });
});

test('switching a rule off in the options page removes its underlines from the open tab, without reload', async () => {
  await desk.evaluate(() => {
    (window as unknown as { loadMark: boolean }).loadMark = true;
  });
  await desk.keyboard.press('End');
  await desk.keyboard.type(' Sadly, again.');
  await desk.waitForFunction(overlay(underline('stats-pack/no-sadly')), { timeout: 15000 });

  // As the agent would: switch to the options tab, then back to the help desk.
  await options.bringToFront();
  // By id: the built-in packs have rules about "sadly" too.
  await options.type('#rule-search', 'stats-pack/no-sadly');
  await options.waitForFunction(() => document.querySelectorAll('li.rule').length === 1);
  await options.click('li[data-rule="stats-pack/no-sadly"] .rule-enabled');
  await options.waitForFunction(() => !(document.querySelector('li[data-rule="stats-pack/no-sadly"] .rule-enabled') as HTMLInputElement).checked);

  await desk.bringToFront();
  await desk.waitForFunction(`!${overlay(underline('stats-pack/no-sadly'))}`, { timeout: 10000 });
  expect(await desk.evaluate(() => (window as unknown as { loadMark?: boolean }).loadMark)).toBe(true);
  expect(await desk.evaluate(() => document.querySelector('textarea')!.value)).toContain('Sadly, again.');
});

test('the Statistics tab counts underlines shown, cards opened, applied, dismissed and turned off', async () => {
  const stats = await openExtensionPage(ctx, 'options.html#stats');
  const row = (ruleId: string) =>
    stats.$$eval(`tr[data-rule="${ruleId}"] > td.count`, (cells) => cells.map((c) => Number(c.textContent)));
  await stats.waitForSelector('tr[data-rule="stats-pack/no-alas"]');
  // [underlines shown, cards opened, applied, dismissed, turned off]. A finding counts as shown once
  // per occurrence in a draft: the second "Sadly" replaced the applied one, so it is not shown anew.
  expect(await row('stats-pack/no-alas')).toEqual([1, 1, 0, 1, 0]);
  expect(await row('stats-pack/no-sadly')).toEqual([1, 1, 1, 0, 1]);
  // Rows are named by what the card said, not by rule id.
  expect(await stats.$eval('tr[data-rule="stats-pack/no-sadly"] summary', (el) => el.textContent)).toMatch(/^Leave out “sadly”\./);
  const chart = await stats.$eval('figure.chart[data-category="apology"] figcaption', (el) => el.textContent);
  expect(chart).toContain('2 shown, 1 applied');
  // By day: all of it happened today (UTC).
  await stats.click('tr[data-rule="stats-pack/no-sadly"] summary');
  const today = new Date().toISOString().slice(0, 10);
  expect(await stats.$eval('tr[data-rule="stats-pack/no-sadly"] table.per-day tbody tr', (tr) => tr.textContent)).toBe(`${today}11101`);
  await stats.close();
});
