// Zendesk classic fixture: a plain contenteditable comment editor in the page, and a framework-
// controlled Markdown textarea inside a same-origin iframe. Both are coached; applying a
// suggestion edits them as typing would (native undo, the app's input handler hears it).
import type { Frame, Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import type { ExtensionBrowser } from './support/browser';
import {
  applyFirstSuggestion, BLAME_RULE, CANT_RULE, expectUnderlinesAt, fieldWordBox, recordLeavingRequests, undo, startCoaching, openFixture, waitForUnderlines, wordBoxes,
} from './support/coaching';

const COMMENT = '.zendesk-editor--rich-text-comment';
const MARKDOWN = 'textarea';
const DRAFT = "Sorry, we can't do that. It's the courier's fault.";
const APPLIED = "Sorry, what we can do is do that. It's the courier's fault.";

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let frame: Frame;
let errors: string[];
let leaving: string[];

beforeAll(async () => {
  ({ server, ctx, page, errors } = await startCoaching());
  leaving = await recordLeavingRequests(page, server.url);
  await openFixture(page, `${server.url}/zendesk-classic/`);
  frame = page.frames().find((f) => f.url().endsWith('/zendesk-classic/frame.html'))!;
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const commentText = () => page.$eval(COMMENT, (el) => (el as HTMLElement).innerText);

test('the contenteditable comment is coached: underlines at the words, apply, one Ctrl+Z, typing goes on', async () => {
  await page.click(COMMENT);
  await page.keyboard.type(DRAFT);
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, COMMENT, "we can't"));
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, COMMENT, "the courier's fault"));

  const [box] = await wordBoxes(page, COMMENT, "we can't");
  await applyFirstSuggestion(page, box, 'what we can do is');
  await page.waitForFunction((sel, e) => (document.querySelector(sel) as HTMLElement).innerText === e, { timeout: 10000 }, COMMENT, APPLIED);
  await waitForUnderlines(page, [BLAME_RULE]);
  await undo(page);
  expect(await commentText()).toBe(DRAFT);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);

  const [again] = await wordBoxes(page, COMMENT, "we can't");
  await applyFirstSuggestion(page, again, 'what we can do is');
  await page.waitForFunction((sel, e) => (document.querySelector(sel) as HTMLElement).innerText === e, { timeout: 10000 }, COMMENT, APPLIED);
  await page.keyboard.type(' gladly');
  expect(await commentText()).toBe("Sorry, what we can do is gladly do that. It's the courier's fault.");
});

test('the controlled textarea in a same-origin iframe is coached, and apply updates the app\'s state', async () => {
  await (await frame.$(MARKDOWN))!.click();
  await page.keyboard.type(DRAFT);
  const seen = await waitForUnderlines(frame, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, [await fieldWordBox(frame, MARKDOWN, "we can't")]);
  expectUnderlinesAt(seen, BLAME_RULE, [await fieldWordBox(frame, MARKDOWN, "the courier's fault")]);

  const box = await fieldWordBox(frame, MARKDOWN, "we can't");
  await applyFirstSuggestion(page, box, 'what we can do is', frame);
  await frame.waitForFunction((e) => (window as unknown as { fixtureState: { draft: string } }).fixtureState.draft === e, { timeout: 10000 }, APPLIED);
  expect(await frame.$eval(MARKDOWN, (t) => (t as HTMLTextAreaElement).value)).toBe(APPLIED);
  await waitForUnderlines(frame, [BLAME_RULE]);

  await undo(page);
  await frame.waitForFunction((e) => (window as unknown as { fixtureState: { draft: string } }).fixtureState.draft === e, { timeout: 10000 }, DRAFT);
  await waitForUnderlines(frame, [CANT_RULE, BLAME_RULE]);

  const again = await fieldWordBox(frame, MARKDOWN, "we can't");
  await applyFirstSuggestion(page, again, 'what we can do is', frame);
  await frame.waitForFunction((e) => (window as unknown as { fixtureState: { draft: string } }).fixtureState.draft === e, { timeout: 10000 }, APPLIED);
  await page.keyboard.type(' gladly');
  await frame.waitForFunction(
    (e) => (window as unknown as { fixtureState: { draft: string } }).fixtureState.draft === e,
    { timeout: 10000 },
    "Sorry, what we can do is gladly do that. It's the courier's fault.",
  );
  // The app re-rendered from its state: nothing of the edit was lost.
  await new Promise((r) => setTimeout(r, 600));
  expect(await frame.$eval(MARKDOWN, (t) => (t as HTMLTextAreaElement).value)).toBe("Sorry, what we can do is gladly do that. It's the courier's fault.");
});

test('an editor inside an open shadow root is coached and applied', async () => {
  await page.click('side-conversation >>> .side-editor');
  await page.keyboard.type("Sadly we cannot ship it, it's the warehouse's fault.");
  const boxes = (words: string) =>
    page.evaluate((needle) => {
      const editor = (window as unknown as { fixtureEditors: { side: HTMLElement } }).fixtureEditors.side;
      const text = editor.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf(needle));
      range.setEnd(text, text.data.indexOf(needle) + needle.length);
      return Array.from(range.getClientRects()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
    }, words);
  // The comment editor above no longer says "we can't": the only one is in the shadow root.
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await boxes('we cannot'));

  const [box] = await boxes('we cannot');
  await applyFirstSuggestion(page, box, 'what we can do is');
  await page.waitForFunction(
    (e) => (window as unknown as { fixtureEditors: { side: HTMLElement } }).fixtureEditors.side.textContent === e,
    { timeout: 10000 },
    "Sadly what we can do is ship it, it's the warehouse's fault.",
  );
});

test('no errors in the page and no request left the browser while typing', () => {
  expect(errors).toEqual([]);
  expect(leaving).toEqual([]);
});
