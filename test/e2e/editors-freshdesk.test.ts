// Freshdesk fixture (real Froala): composers opened and closed without a page load are coached;
// applying a suggestion edits Froala's own content with one undo step (Froala keeps its own undo
// stack); the quoted message of a forward is not coached.
import type { Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import { collectErrors, type ExtensionBrowser } from './support/browser';
import {
  applyFirstSuggestion, BLAME_RULE, CANT_RULE, expectUnderlinesAt, inPage, startCoaching, recordLeavingRequests, undo, waitForUnderlines, waitForUnderlinesAt, wordBoxes,
} from './support/coaching';

const editorIn = (kind: string) => `.composer[data-kind="${kind}"] .fr-element`;
const DRAFT = "Hi Dana, unfortunately we can't refund this. It's the courier's fault.";
/** The first sentence as the card's first choice rewrites it (the softener before "we can't" taken in). */
const REWRITTEN = 'Hi Dana, what we can do is refund this.';
/** Froala's html.get() writes apostrophes as entities. */
const asHtml = (text: string) => `<p>${text.replace(/'/g, '&#39;')}</p>`;

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];
let leaving: string[];

type FroalaWindow = { fixtureEditors: Record<string, { editor: { html: { get(): string } }; ready: Promise<boolean> }> };
const html = (kind: string) => page.evaluate((k) => (window as unknown as FroalaWindow).fixtureEditors[k].editor.html.get(), kind);
const waitForHtml = (kind: string, expected: string) =>
  page.waitForFunction((k, e) => (window as unknown as FroalaWindow).fixtureEditors[k].editor.html.get() === e, { timeout: 10000 }, kind, expected);

async function open(kind: string): Promise<void> {
  await page.click(`[data-kind="${kind}"][data-test-id^="ticket-action"]`);
  await page.waitForFunction((k) => (window as unknown as FroalaWindow).fixtureEditors[k]?.ready, {}, kind);
}

beforeAll(async () => {
  ({ server, ctx, page, errors } = await startCoaching());
  leaving = await recordLeavingRequests(page, server.url);
  await page.goto(`${server.url}/freshdesk/`);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

test('a reply opened without a page load is coached as the agent types', async () => {
  await open('reply');
  await page.click(editorIn('reply'));
  await page.keyboard.type(DRAFT);
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, editorIn('reply'), "we can't"));
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, editorIn('reply'), "the courier's fault"));
});

test('applying a suggestion changes Froala\'s content; one Ctrl+Z restores; typing goes on after it', async () => {
  const original = asHtml(DRAFT);
  const applied = asHtml(`${REWRITTEN} It's the courier's fault.`);
  expect(await html('reply')).toBe(original);
  const [box] = await wordBoxes(page, editorIn('reply'), "we can't");
  await applyFirstSuggestion(page, box, REWRITTEN);
  await waitForHtml('reply', applied);
  await waitForUnderlines(page, [BLAME_RULE]);
  // The host app's autosave heard Froala's own change event.
  await page.waitForFunction((e) => (window as unknown as { savedDrafts: Record<string, string> }).savedDrafts.reply === e, {}, applied);

  await undo(page);
  await waitForHtml('reply', original);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);

  const [again] = await wordBoxes(page, editorIn('reply'), "we can't");
  await applyFirstSuggestion(page, again, REWRITTEN);
  await waitForHtml('reply', applied);
  await page.keyboard.type(' gladly');
  await waitForHtml('reply', asHtml("Hi Dana, what we can do is gladly refund this. It's the courier's fault."));
});

test('closing the reply removes its underlines; a forward\'s quoted message is not coached', async () => {
  await page.click('.composer[data-kind="reply"] [data-action="cancel"]');
  await page.waitForFunction(() => !document.querySelector('.composer[data-kind="reply"]'));
  await page.waitForFunction(() => !document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline'));

  await open('forward');
  // The quote says "We can't find the tracking number": the customer's words, not the agent's.
  // The reply goes above the quote, in the empty first paragraph.
  await page.click(`${editorIn('forward')} > p:first-child`);
  await page.keyboard.type("Sadly we cannot trace it, it's the warehouse's fault.");
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, editorIn('forward'), 'we cannot'));
  expect(await html('forward')).toContain('<blockquote>');
});

test('a private note is coached alongside the forward', async () => {
  await open('note');
  await page.click(editorIn('note'));
  await page.keyboard.type("Customer says it's the courier's fault.");
  await waitForUnderlinesAt(page, BLAME_RULE, await wordBoxes(page, editorIn('note'), "the courier's fault"));
  // The forward stays coached meanwhile.
  await page.click(`${editorIn('forward')} > p:first-child`);
  await waitForUnderlinesAt(page, BLAME_RULE, await wordBoxes(page, editorIn('forward'), "the warehouse's fault"));
});

test('Froala in iframe mode (the editable is the body of its own iframe) is coached and applied', async () => {
  const framed = await ctx.browser.newPage();
  const framedErrors = collectErrors(framed);
  await framed.goto(`${server.url}/freshdesk/?iframe`);
  await framed.click('[data-test-id="ticket-action-reply"]');
  await framed.waitForFunction(() => (window as unknown as FroalaWindow).fixtureEditors.reply?.ready);
  const frame = await (await framed.waitForSelector('.composer iframe'))!.contentFrame();
  await (await frame.waitForSelector('body[contenteditable="true"]'))!.click();
  await framed.keyboard.type(DRAFT);
  // The underlines and the card are in the page, over the frame.
  const seen = await waitForUnderlines(framed, [CANT_RULE, BLAME_RULE]);
  const box = await inPage(frame, (await wordBoxes(frame, 'body', "we can't"))[0]);
  expectUnderlinesAt(seen, CANT_RULE, [box]);
  await applyFirstSuggestion(framed, box, REWRITTEN);
  await framed.waitForFunction(
    (e) => (window as unknown as FroalaWindow).fixtureEditors.reply.editor.html.get() === e,
    { timeout: 10000 },
    asHtml(`${REWRITTEN} It's the courier's fault.`),
  );
  expect(framedErrors).toEqual([]);
  await framed.close();
});

test('no errors in the page and no request left the browser while typing', () => {
  expect(errors).toEqual([]);
  expect(leaving).toEqual([]);
});
