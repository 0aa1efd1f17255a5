// One line per help desk: its fixture page and a reply editor there. Each adapter's editor is found,
// its draft coached and the flagged words underlined where they are. Adding a help desk is its
// adapter (src/content/adapters), its fixture page (test/fixtures/<name>/) and one line here; the
// editors-*.test.ts files check each help desk's own behaviours in depth.
import type { Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import { PRODUCTS } from '../../src/content/adapters';
import type { ExtensionBrowser } from './support/browser';
import { CANT_RULE, startCoaching, waitForUnderlinesAt, wordBoxes } from './support/coaching';

interface HelpDeskCase {
  /** The adapter's name. */
  adapter: string;
  /** The fixture page, under test/fixtures. */
  page: string;
  /** What the agent does first to get a composer, if the page opens none by itself. */
  open?: (page: Page) => Promise<void>;
  /** A reply editor the adapter must find. */
  editor: string;
}

const HELP_DESKS: HelpDeskCase[] = [
  { adapter: 'zendesk-workspace', page: 'zendesk-workspace', editor: '[data-pane="main"] .ck-editor__editable' },
  { adapter: 'zendesk-classic', page: 'zendesk-classic', editor: '.zendesk-editor--rich-text-comment' },
  {
    adapter: 'freshdesk',
    page: 'freshdesk',
    open: async (page) => {
      await page.click('[data-kind="reply"][data-test-id^="ticket-action"]');
      await page.waitForFunction(() => (window as unknown as { fixtureEditors: Record<string, { ready: Promise<boolean> }> }).fixtureEditors.reply?.ready);
    },
    editor: '.composer[data-kind="reply"] .fr-element',
  },
];

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;

beforeAll(async () => {
  ({ server, ctx, page } = await startCoaching());
  await page.close();
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});
// Each help desk's page starts fresh.
beforeEach(async () => {
  page = await ctx.browser.newPage();
});
afterEach(() => page?.close());

test('every help-desk adapter has a line in this table', () => {
  expect(HELP_DESKS.map((h) => h.adapter).sort()).toEqual(PRODUCTS.map((a) => a.name).sort());
});

test.each(HELP_DESKS)("$adapter: the reply editor's draft is coached where the agent types", async ({ page: fixture, open, editor }) => {
  await page.goto(`${server.url}/${fixture}/`);
  // Pages whose editors load asynchronously say when they are ready.
  await page.waitForFunction(() => (window as unknown as { fixtureReady?: Promise<boolean> }).fixtureReady ?? true);
  await open?.(page);
  await page.click(editor);
  await page.keyboard.down('Control');
  await page.keyboard.press('End');
  await page.keyboard.up('Control');
  await page.keyboard.type(" Sorry, we can't refund it.");
  const boxes = await wordBoxes(page, editor, "we can't");
  await waitForUnderlinesAt(page, CANT_RULE, boxes);
});
