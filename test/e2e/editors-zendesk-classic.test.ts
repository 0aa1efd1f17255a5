// Zendesk classic fixture: a plain contenteditable comment editor in the page, and a framework-
// controlled Markdown textarea inside a small same-origin iframe. Both are coached; applying a
// suggestion edits them as typing would (native undo, the app's input handler hears it). The
// iframe editor's underlines and card are drawn in the page, over the frame, so the card is never
// cut off by the frame's box.
import type { Frame, Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import type { ExtensionBrowser } from './support/browser';
import {
  applyFirstSuggestion, BLAME_RULE, CANT_RULE, expectUnderlinesAt, fieldWordBox, inPage, recordLeavingRequests, undo, startCoaching, openFixture, underlines,
  waitForUnderlines, waitForUnderlinesAt, wordBoxes, type Box, type SeenUnderline,
} from './support/coaching';

const COMMENT = '.zendesk-editor--rich-text-comment';
const MARKDOWN = 'textarea';
const DRAFT = "Sorry, we can't do that. It's the courier's fault.";
/** The first sentence as the card's first choice rewrites it ("Sorry," taken in: it would dangle before an offer). */
const REWRITTEN = 'What we can do is do that.';
const APPLIED = `${REWRITTEN} It's the courier's fault.`;

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
/** Where `words` of the Markdown textarea are, in the page's viewport. */
const markdownWords = async (words: string) => inPage(frame, await fieldWordBox(frame, MARKDOWN, words));
/** The iframe's box in the page: the underlines drawn over it are the Markdown editor's. */
const frameBox = () => page.$eval('iframe', (f) => {
  const r = f.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
});
const over = (seen: SeenUnderline[], box: Box) => seen.filter((u) => u.left < box.right && u.right > box.left && u.top < box.bottom && u.bottom > box.top);
const appDraft = (expected: string) =>
  frame.waitForFunction((e) => (window as unknown as { fixtureState: { draft: string } }).fixtureState.draft === e, { timeout: 10000 }, expected);

test('the contenteditable comment is coached: underlines at the words, apply, one Ctrl+Z, typing goes on', async () => {
  await page.click(COMMENT);
  await page.keyboard.type(DRAFT);
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, COMMENT, "we can't"));
  expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, COMMENT, "the courier's fault"));

  const [box] = await wordBoxes(page, COMMENT, "we can't");
  await applyFirstSuggestion(page, box, REWRITTEN);
  await page.waitForFunction((sel, e) => (document.querySelector(sel) as HTMLElement).innerText === e, { timeout: 10000 }, COMMENT, APPLIED);
  await waitForUnderlines(page, [BLAME_RULE]);
  await undo(page);
  expect(await commentText()).toBe(DRAFT);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);

  const [again] = await wordBoxes(page, COMMENT, "we can't");
  await applyFirstSuggestion(page, again, REWRITTEN);
  await page.waitForFunction((sel, e) => (document.querySelector(sel) as HTMLElement).innerText === e, { timeout: 10000 }, COMMENT, APPLIED);
  await page.keyboard.type(' gladly');
  expect(await commentText()).toBe("What we can do is gladly do that. It's the courier's fault.");
});

test('the controlled textarea in a same-origin iframe is coached, and apply updates the app\'s state', async () => {
  await (await frame.$(MARKDOWN))!.click();
  await page.keyboard.type(DRAFT);
  // The comment editor above still has its blame underline: only those over the frame count here.
  await waitForUnderlinesAt(page, BLAME_RULE, [await markdownWords("the courier's fault")]);
  const seen = over(await underlines(page), await frameBox());
  expectUnderlinesAt(seen, CANT_RULE, [await markdownWords("we can't")]);
  expectUnderlinesAt(seen, BLAME_RULE, [await markdownWords("the courier's fault")]);

  await applyFirstSuggestion(page, await markdownWords("we can't"), REWRITTEN);
  await appDraft(APPLIED);
  expect(await frame.$eval(MARKDOWN, (t) => (t as HTMLTextAreaElement).value)).toBe(APPLIED);
  await waitForUnderlines(page, [BLAME_RULE]);

  await undo(page);
  await appDraft(DRAFT);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);

  await applyFirstSuggestion(page, await markdownWords("we can't"), REWRITTEN);
  await appDraft(APPLIED);
  await page.keyboard.type(' gladly');
  await appDraft("What we can do is gladly do that. It's the courier's fault.");
  // The app re-rendered from its state: nothing of the edit was lost.
  await new Promise((r) => setTimeout(r, 600));
  expect(await frame.$eval(MARKDOWN, (t) => (t as HTMLTextAreaElement).value)).toBe("What we can do is gladly do that. It's the courier's fault.");
});

/** The card as the agent sees it in the page: its box, and whether each of its corners shows the card (nothing cut it off or covers it). */
function cardSeen() {
  return page.evaluate(() => {
    const root = document.querySelector('cando-overlay')?.shadowRoot;
    const card = root?.querySelector<HTMLElement>('.card');
    if (!root || !card || card.style.visibility !== 'visible') return null;
    const r = card.getBoundingClientRect();
    // Inside the rounded corners.
    const corners = [[r.left + 10, r.top + 10], [r.right - 10, r.top + 10], [r.left + 10, r.bottom - 10], [r.right - 10, r.bottom - 10]];
    return {
      ruleId: card.dataset.ruleId,
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      viewport: { width: innerWidth, height: innerHeight },
      cornersShown: corners.map(([x, y]) => {
        const hit = root.elementFromPoint(x, y);
        return !!hit && card.contains(hit);
      }),
    };
  });
}

test('the small iframe\'s card shows whole in the page, Esc puts the caret back in the frame, underlines follow scrolling', async () => {
  await (await frame.$(MARKDOWN))!.click();
  await frame.$eval(MARKDOWN, (t) => (t as HTMLTextAreaElement).select());
  await page.keyboard.type(DRAFT);
  await appDraft(DRAFT);
  await waitForUnderlinesAt(page, CANT_RULE, [await markdownWords("we can't")]);

  // The caret inside "we can't"; Alt+Enter opens its card from the keyboard.
  const caretAt = DRAFT.indexOf("we can't") + 2;
  await frame.$eval(MARKDOWN, (t, at) => (t as HTMLTextAreaElement).setSelectionRange(at, at), caretAt);
  await page.keyboard.down('Alt');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Alt');
  await page.waitForFunction(() => document.querySelector('cando-overlay')?.shadowRoot?.querySelector<HTMLElement>('.card')?.style.visibility === 'visible', { timeout: 10000 });
  const card = (await cardSeen())!;
  expect(card.ruleId).toBe(CANT_RULE);
  // The card is taller than the frame: it fits only in the page, and there it shows whole.
  const frameAt = await frameBox();
  expect(card.box.bottom - card.box.top).toBeGreaterThan(frameAt.bottom - frameAt.top);
  expect(card.box.left).toBeGreaterThanOrEqual(0);
  expect(card.box.top).toBeGreaterThanOrEqual(0);
  expect(card.box.right).toBeLessThanOrEqual(card.viewport.width);
  expect(card.box.bottom).toBeLessThanOrEqual(card.viewport.height);
  expect(card.cornersShown).toEqual([true, true, true, true]);
  const flagged = await markdownWords("we can't");
  expect(card.box.bottom <= flagged.top || card.box.top >= flagged.bottom).toBe(true);

  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card'), { timeout: 10000 });
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
  expect(await frame.$eval(MARKDOWN, (t) => [document.activeElement === t, (t as HTMLTextAreaElement).selectionStart])).toEqual([true, caretAt]);
  await page.keyboard.type('X');
  await appDraft(DRAFT.slice(0, caretAt) + 'X' + DRAFT.slice(caretAt));
  await page.keyboard.press('Backspace');
  await appDraft(DRAFT);

  // Scrolled inside the frame, the first line leaves the frame's view: its underlines are clipped away, not drawn over the page.
  // (Each poll scrolls again: the browser may still be scrolling the caret of the typing above into view.)
  await page.waitForFunction(
    (box) => {
      document.querySelector('iframe')!.contentWindow!.scrollTo(0, 40);
      return !Array.from(document.querySelector('cando-overlay')!.shadowRoot!.querySelectorAll('.underline[data-rule-id^="e2e/"]')).some((u) => {
        const r = u.getBoundingClientRect();
        return r.right > box.left && r.left < box.right && r.bottom > box.top - 60 && r.top < box.bottom;
      });
    },
    { timeout: 10000 },
    frameAt,
  );
  await frame.evaluate(() => window.scrollTo(0, 0));
  await waitForUnderlinesAt(page, CANT_RULE, [await markdownWords("we can't")]);
  // The page scrolls: the underlines stay on the words.
  await page.evaluate(() => window.scrollTo(0, 150));
  await waitForUnderlinesAt(page, CANT_RULE, [await markdownWords("we can't")]);
  expect(over(await underlines(page), await frameBox()).filter((u) => u.ruleId === CANT_RULE)).toHaveLength(1);
  // The page scrolls the frame's first line out of the window: the page clips the frame, and the underline goes with it.
  const clippedAt = await page.evaluate(() => window.scrollY + document.querySelector('iframe')!.getBoundingClientRect().top + 30);
  await page.waitForFunction(
    (y) => {
      window.scrollTo(0, y);
      return !document.querySelector('cando-overlay')!.shadowRoot!.querySelector('.underline[data-rule-id="e2e/we-cant"]');
    },
    { timeout: 10000 },
    clippedAt,
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await waitForUnderlinesAt(page, CANT_RULE, [await markdownWords("we can't")]);
  // And the card still applies.
  await applyFirstSuggestion(page, await markdownWords("we can't"), REWRITTEN);
  await appDraft(APPLIED);
});

test('when the frame loads a new document, nothing of its old editor\'s overlay stays in the page, and the new editor is coached', async () => {
  // One layer per coached editor, in the page's overlay.
  const layers = () => page.evaluate(() => document.querySelector('cando-overlay')!.shadowRoot!.querySelectorAll('.layer').length);
  const before = await layers();
  await frame.evaluate(() => location.reload());
  await page.waitForFunction((n) => document.querySelector('cando-overlay')!.shadowRoot!.querySelectorAll('.layer').length === n - 1, { timeout: 10000 }, before);
  await frame.waitForFunction(() => (window as unknown as { fixtureState?: unknown }).fixtureState && document.querySelector('textarea'));
  await (await frame.$(MARKDOWN))!.click();
  await page.keyboard.type("It's the courier's fault.");
  await appDraft("It's the courier's fault.");
  await waitForUnderlinesAt(page, BLAME_RULE, [await markdownWords("the courier's fault")]);
  expect(await layers()).toBe(before);
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
  await applyFirstSuggestion(page, box, "What we can do is ship it, it's on us to fix.");
  await page.waitForFunction(
    (e) => (window as unknown as { fixtureEditors: { side: HTMLElement } }).fixtureEditors.side.textContent === e,
    { timeout: 10000 },
    "What we can do is ship it, it's on us to fix.",
  );
});

test('no errors in the page and no request left the browser while typing', () => {
  expect(errors).toEqual([]);
  expect(leaving).toEqual([]);
});
