// Coaching the reply against the customer's message the ticket page shows (cando-context pack, the
// built-in packs as installed): each composer reads its own ticket's conversation when several
// tickets are open (Zendesk Agent Workspace), switching tickets switches the customer it reads,
// a context finding is applied like any other, and the classic and Freshdesk pages are read too.
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { collectErrors, launchWithExtension, type ExtensionBrowser } from './support/browser';
import { openFixture, underlines, wordBoxes, type SeenUnderline } from './support/coaching';

const MAIN = '[data-pane="main"] .ck-editor__editable';
const SIDE = '[data-pane="side"] .ck-editor__editable';

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  page = await ctx.browser.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

/** Waits until an underline of `category` is drawn, or (with `absent`) until none is. */
async function waitForCategory(category: string, { absent = false, timeout = 15000 } = {}): Promise<SeenUnderline[]> {
  const deadline = Date.now() + timeout;
  let seen: SeenUnderline[] = [];
  while (Date.now() < deadline) {
    seen = await underlines(page);
    if (seen.some((u) => u.category === category) !== absent) return seen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${absent ? 'no ' : ''}underline of ${category}; saw ${JSON.stringify(seen.map((u) => u.category))}`);
}

/** Clicks the words and returns the card's choices (each the whole sentence as it would read) and the card's text. */
async function openCard(editor: string, words: string): Promise<{ suggestions: string[]; message: string }> {
  const [box] = await wordBoxes(page, editor, words);
  await page.mouse.click((box.left + box.right) / 2, (box.top + box.bottom) / 2);
  const card = await page.waitForSelector('cando-overlay >>> .card', { timeout: 10000 });
  return card!.evaluate((c) => ({
    suggestions: Array.from(c.querySelectorAll('button.suggestion')).map((b) => b.textContent ?? ''),
    message: c.textContent ?? '',
  }));
}

async function clickSuggestion(label: string): Promise<void> {
  const at = await page.evaluate((text) => {
    const root = document.querySelector('cando-overlay')!.shadowRoot!;
    const button = Array.from(root.querySelectorAll<HTMLElement>('.card button.suggestion')).find((b) => b.textContent === text)!;
    const r = button.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, label);
  await page.mouse.click(at.x, at.y);
}

const getData = (pane: string) =>
  page.evaluate((p) => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors[p].getData(), pane);

describe('Zendesk Agent Workspace, two tickets open', () => {
  beforeAll(() => openFixture(page, `${server.url}/zendesk-workspace/`));

  test("each composer reads its own ticket's customer: the side ticket's greeting is checked against Priya, not Dana", async () => {
    await page.click(SIDE);
    await page.keyboard.type('Hi Dana,');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Thanks for your message.');
    await waitForCategory('context-name');
    const card = await openCard(SIDE, 'Hi Dana');
    expect(card.suggestions).toEqual(['Hi Priya,']);
    // The side ticket's question ("Do you ship to Canada?") is listed as left open.
    await page.keyboard.press('Escape');
    await waitForCategory('context-question');
  });

  test('a context finding is applied like any other: the greeting becomes the customer\'s name', async () => {
    await page.click(MAIN);
    await page.keyboard.type('Hi Sam,');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Thanks for writing.');
    await waitForCategory('context-name');
    // Dana says it is the third time she writes: the opening does not acknowledge it.
    await waitForCategory('context-repeat');
    const card = await openCard(MAIN, 'Hi Sam');
    expect(card.suggestions).toEqual(['Hi Dana,']);
    // The card points to the reply check (what the reply does well and what is left to fix).
    expect(card.message).toContain('Alt+Shift+K checks the reply');
    await clickSuggestion('Hi Dana,');
    await page.waitForFunction(() => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main.getData().startsWith('<p>Hi Dana,</p>'), { timeout: 10000 });
    expect(await getData('main')).toBe('<p>Hi Dana,</p><p>Thanks for writing.</p>');
    // Only the side ticket's wrong greeting is left underlined.
    await page.waitForFunction(() => {
      const root = document.querySelector('cando-overlay')?.shadowRoot;
      return root?.querySelectorAll('[data-category="context-name"].underline').length === 1;
    }, { timeout: 10000 });
  });

  test('switching tickets switches the customer the composer reads', async () => {
    // Ticket 102's saved draft greets Sam, who is its customer: no name finding there.
    await page.click('nav button[data-ticket="102"]');
    await page.waitForFunction(() => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main?.getData().includes('Hi Sam'));
    await waitForCategory('context-repeat', { absent: true });
    const seen = await underlines(page);
    expect(seen.filter((u) => u.category === 'context-name')).toHaveLength(1); // the side ticket's only
    // Sam already reset the password twice: asking again is flagged.
    await page.click(MAIN);
    await page.keyboard.press('End');
    await page.keyboard.type(' Could you reset your password?');
    await waitForCategory('context-tried');
  });

  test('no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});

describe('Zendesk classic and Freshdesk', () => {
  test('classic: the newest customer comment (comments listed newest first) is read', async () => {
    await openFixture(page, `${server.url}/zendesk-classic/`);
    const editor = '.zendesk-editor--rich-text-comment';
    await page.click(editor);
    await page.keyboard.type('Hi Morgan, could you clear your cookies and try again?');
    await waitForCategory('context-tried');
  });

  test('Freshdesk: the latest incoming reply, without its quoted history, and the requester name', async () => {
    await page.goto(`${server.url}/freshdesk/`);
    await page.click('[data-test-id="ticket-action-reply"]');
    await page.waitForFunction(() => (window as unknown as { fixtureEditors: Record<string, { ready: Promise<boolean> }> }).fixtureEditors.reply?.ready);
    const editor = '[data-kind="reply"] .fr-element';
    await page.waitForSelector(editor);
    await page.click(editor);
    // Dana is frustrated ("This is ridiculous", "!!!"): opening with a request is flagged.
    await page.keyboard.type('Please send us a photo of the box');
    await waitForCategory('context-frustration');
    const card = await openCard(editor, 'Please send us');
    expect(card.suggestions[0]).toBe("I'm sorry this has been so frustrating. Please send us a photo of the box");
  });
});
