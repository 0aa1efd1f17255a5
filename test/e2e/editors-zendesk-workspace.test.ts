// Zendesk Agent Workspace fixture (real CKEditor 5): typing is coached with underlines under the
// flagged words, applying a suggestion edits CKEditor's own model with one undo step, and
// switching tickets moves coaching to the new composer.
import type { Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import type { ExtensionBrowser } from './support/browser';
import { applyFirstSuggestion, BLAME_RULE, CANT_RULE, expectUnderlinesAt, startCoaching, openFixture, recordLeavingRequests, undo, underlines, waitForUnderlines, wordBoxes } from './support/coaching';

const MAIN = '[data-pane="main"] .ck-editor__editable';
const SIDE = '[data-pane="side"] .ck-editor__editable';
const DRAFT = "Hi Dana, unfortunately we can't refund this. It's the courier's fault.";
/** The first sentence as the card's first choice rewrites it (the softener before "we can't" taken in). */
const REWRITTEN = 'Hi Dana, what we can do is refund this.';

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];
let leaving: string[];

beforeAll(async () => {
  ({ server, ctx, page, errors } = await startCoaching());
  leaving = await recordLeavingRequests(page, server.url);
  await openFixture(page, `${server.url}/zendesk-workspace/`);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const getData = (pane: string) =>
  page.evaluate((p) => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors[p].getData(), pane);

test('typing a draft underlines the "we can\'t" and the blame words', async () => {
  await page.click(MAIN);
  await page.keyboard.type(DRAFT);
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, MAIN, "we can't"));
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, MAIN, "the courier's fault"));
  expect(seen.find((u) => u.ruleId === CANT_RULE)?.category).toBe('cant');
  expect(seen.find((u) => u.ruleId === BLAME_RULE)?.category).toBe('blame');
});

test('applying a suggestion changes CKEditor\'s model; one Ctrl+Z restores; typing goes on after it', async () => {
  const applied = `<p>${REWRITTEN} It's the courier's fault.</p>`;
  const [box] = await wordBoxes(page, MAIN, "we can't");
  await applyFirstSuggestion(page, box, REWRITTEN);
  await page.waitForFunction((html) => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main.getData() === html, { timeout: 10000 }, applied);
  // The host app saved the new draft through CKEditor's own change event.
  expect(await page.evaluate(() => (window as unknown as { savedDrafts: Record<string, string> }).savedDrafts['101'])).toBe(applied);
  await waitForUnderlines(page, [BLAME_RULE]);

  await undo(page);
  expect(await getData('main')).toBe(`<p>${DRAFT}</p>`);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);

  // Again, then type: the caret sits right after the inserted words.
  const [again] = await wordBoxes(page, MAIN, "we can't");
  await applyFirstSuggestion(page, again, REWRITTEN);
  await page.waitForFunction((html) => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main.getData() === html, { timeout: 10000 }, applied);
  await page.keyboard.type(' gladly');
  expect(await getData('main')).toBe("<p>Hi Dana, what we can do is gladly refund this. It's the courier's fault.</p>");
  await waitForUnderlines(page, [BLAME_RULE]);
});

test('two composers are coached at once', async () => {
  await page.click(SIDE);
  await page.keyboard.type('Sorry, we cannot ship to that address.');
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, SIDE, 'we cannot'));
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, MAIN, "the courier's fault"));
});

test('switching tickets re-attaches coaching to the new composer and leaves nothing of the old', async () => {
  await page.click('nav button[data-ticket="102"]');
  await page.waitForFunction(() => document.querySelector('[data-pane="main"] [data-test-id="ticket-subject"]')?.textContent === 'Ticket #102');
  // Only the side composer's finding is left.
  await page.waitForFunction(() => {
    const root = document.querySelector('cando-overlay')?.shadowRoot;
    return root?.querySelectorAll('.underline[data-rule-id="e2e/courier-fault"]').length === 0;
  });
  await page.click(MAIN);
  await page.keyboard.press('End');
  await page.keyboard.type(" Sadly it's the warehouse's fault.");
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, MAIN, "the warehouse's fault"));

  // Back to the first ticket: its saved draft is coached again.
  await page.click('nav button[data-ticket="101"]');
  await page.waitForFunction(() => document.querySelector('[data-pane="main"] [data-test-id="ticket-subject"]')?.textContent === 'Ticket #101');
  await page.waitForFunction(
    // One finding (its words may wrap: one underline box per line).
    () => new Set(Array.from(document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll<HTMLElement>('.underline[data-rule-id="e2e/courier-fault"]') ?? [], (u) => u.dataset.start)).size === 1,
    { timeout: 10000 },
  );
  const after = await underlines(page);
  expectUnderlinesAt(after, BLAME_RULE, await wordBoxes(page, MAIN, "the courier's fault"));
});

test('a replacement after a soft line break (Shift+Enter) lands on its own words', async () => {
  await page.click(SIDE);
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyA');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('Hello Dana,');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Shift');
  await page.keyboard.type("we can't ship it today.");
  expect(await getData('side')).toBe("<p>Hello Dana,<br>we can't ship it today.</p>");
  await page.waitForFunction(
    () => document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll('.underline[data-rule-id="e2e/we-cant"]').length === 1,
    { timeout: 10000 },
  );
  const seen = await underlines(page);
  const words = await wordBoxes(page, SIDE, "we can't");
  expectUnderlinesAt(seen, CANT_RULE, words);
  await applyFirstSuggestion(page, words[0], 'What we can do is ship it today.');
  await page.waitForFunction(
    () => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.side.getData() === '<p>Hello Dana,<br>What we can do is ship it today.</p>',
    { timeout: 10000 },
  );
});

test('no errors in the page and no request left the browser while typing', () => {
  expect(errors).toEqual([]);
  expect(leaving).toEqual([]);
});
