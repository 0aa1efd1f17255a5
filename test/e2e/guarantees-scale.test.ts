// Coaching degrades gracefully at scale: a 100,000-character draft and a page with many editors are
// still coached where the agent types, typing stays exact, and nothing is thrown into the page.
// The host page's long tasks and memory are printed as figures (measured, not asserted: timing
// assertions make flaky tests; the figures go to the README and the benchmark).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { SCALE_PAGES, scaleRoutes, scrollThrough } from '../../scripts/scale-pages.mjs';
import { MAX_LIVE_EDITORS } from '../../src/content/admission';
import { collectErrors, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { CANT_RULE, underlines, useOnlyTestPack } from './support/coaching';

/** Editors per page (the issue asks for 5,000); CANDO_SCALE_EDITORS sets another number. */
const EDITORS = Number(process.env.CANDO_SCALE_EDITORS ?? 5000);

let ctx: ExtensionBrowser;
let server: FixtureServer;
let errors: string[] = [];

/** More drafts in view than are coached at once, saying "we can't", the first focused by the page as it loads. */
const FOCUSED_DRAFT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Focused draft</title></head><body>
${Array.from({ length: 4 * MAX_LIVE_EDITORS }, (_, i) => `<textarea id="e${i}" rows="1" cols="40" aria-label="Reply ${i}">Sorry, we can't ship it to that address.</textarea>`).join('\n')}
<script>document.getElementById('e0').focus();</script>
</body></html>`;

beforeAll(async () => {
  const focusedDraft = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(FOCUSED_DRAFT_PAGE);
  };
  server = await startFixtureServer({ port: 0, routes: { ...scaleRoutes(EDITORS), '/focused-draft/': focusedDraft } });
  ctx = await launchWithExtension();
  await useOnlyTestPack(ctx);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

/** Waits until CanDo underlines the "we can't" rule anywhere in the page. */
const waitForCantUnderline = (page: Page) =>
  page.waitForFunction(
    (rule) => Array.from(document.querySelectorAll('*')).some((el) => (el.shadowRoot?.querySelectorAll(`.underline[data-rule-id="${rule}"]`).length ?? 0) > 0),
    { timeout: 120000, polling: 200 },
    CANT_RULE,
  );

/** Waits until an underline of `ruleId` lies on the editor `selector` (other editors' underlines do not count). */
async function waitForUnderlineIn(page: Page, selector: string, ruleId: string, timeout = 30000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const box = await page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    const on = (await underlines(page)).some((u) => {
      const x = (u.left + u.right) / 2;
      const y = (u.top + u.bottom) / 2;
      return u.ruleId === ruleId && x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    });
    if (on) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${ruleId} underline on ${selector} within ${timeout} ms`);
}

/** Every editor's text, as the agent reads it (read in the page: 5,000 element handles are slow over WebDriver BiDi). */
const editorTexts = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('[id^="e"]'), (el) => ('value' in el ? (el as HTMLTextAreaElement).value : el.textContent ?? '').replace(/\u00a0/g, ' ')),
  );

/** How many reply editors CanDo coaches in the tab the agent came from, as the popup says. */
async function coachedEditors(): Promise<number> {
  const popup = await openExtensionPage(ctx, 'popup.html');
  try {
    await popup.waitForFunction(() => /reply editors? coached/.test(document.querySelector('#counts')?.textContent ?? ''), { timeout: 15000 });
    const counts = await popup.$eval('#counts', (el) => el.textContent!);
    return Number(/(\d+) reply editors? coached/.exec(counts)![1]);
  } finally {
    await popup.close();
  }
}

async function figures(page: Page, what: string): Promise<void> {
  const f = await page.evaluate(() => {
    const tasks = (window as unknown as { longTasks?: { duration: number }[] }).longTasks ?? [];
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    // Firefox reports neither long tasks nor heap size to the page.
    const measured = PerformanceObserver.supportedEntryTypes.includes('longtask');
    return {
      longTasks: measured ? tasks.length : null,
      longestTaskMs: measured ? Math.round(Math.max(0, ...tasks.map((t) => t.duration))) : null,
      heapMB: memory ? Math.round(memory.usedJSHeapSize / 1e6) : null,
    };
  });
  console.log(`${what} (${ctx.name}): ${JSON.stringify(f)}`);
}

describe('a 100,000-character draft', () => {
  const sentence = 'Thanks for your patience while we look into the order history for you. ';
  const draft = `Hi Sam, sorry, we can't refund it. ${sentence.repeat(Math.ceil(100_000 / sentence.length))}`.slice(0, 100_000);

  /** A new page whose host app has loaded the saved draft into the reply box. */
  async function pageWithDraft(): Promise<Page> {
    const page = await ctx.browser.newPage();
    errors = collectErrors(page);
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { longTasks: { duration: number }[] }).longTasks = [];
      try {
        new PerformanceObserver((l) => (window as unknown as { longTasks: { duration: number }[] }).longTasks.push(...l.getEntries())).observe({ type: 'longtask', buffered: true });
      } catch {
        // Firefox has no longtask entries.
      }
    });
    await page.goto(`${server.url}/plain/`);
    await page.$eval('#plain', (el, text) => {
      (el as HTMLTextAreaElement).value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, draft);
    return page;
  }

  test('typing at its end stays exact', async () => {
    const page = await pageWithDraft();
    await page.focus('#plain');
    await page.$eval('#plain', (el) => (el as HTMLTextAreaElement).setSelectionRange(100_000, 100_000));
    await page.keyboard.type(' Kind regards, Ana');
    expect(await page.$eval('#plain', (el) => (el as HTMLTextAreaElement).value)).toBe(`${draft} Kind regards, Ana`);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('its start is coached', async () => {
    const page = await pageWithDraft();
    await page.focus('#plain');
    // Underlines are drawn for the visible text: the field shows its start.
    await page.$eval('#plain', (el) => (el.scrollTop = 0));
    await waitForCantUnderline(page);
    await figures(page, '100,000-character draft');
    expect(errors).toEqual([]);
    await page.close();
  });
});

test('a reply box the page focused before CanDo started, among more drafts in view than are coached at once, is coached at once', async () => {
  const page = await ctx.browser.newPage();
  errors = collectErrors(page);
  await page.goto(`${server.url}/focused-draft/`);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('e0');
  // Its focus event came before CanDo was there to see it: the agent has not typed yet.
  await waitForUnderlineIn(page, '#e0', CANT_RULE, 10000);
  expect(await coachedEditors()).toBeLessThanOrEqual(MAX_LIVE_EDITORS);
  expect(errors).toEqual([]);
  await page.close();
});

const saysCant = (text: string) => text.includes("can't");

/** What the agent saw on a scale page, scrolled to its end and typing into an editor near it. */
interface ScaleVisit {
  /** Drafts in view at the end of the page were underlined before the agent typed. */
  underlinedAtEnd: boolean;
  /** The words typed into the target editor were underlined there. */
  underlinedWhereTyped: boolean;
  /** Every editor's text before and after typing, and the one typed into. */
  before: string[];
  after: string[];
  index: number;
  coached: number;
  errors: string[];
}

const TYPED = " Sorry, we can't.";

/** Resolves true once `wait` does, false when it gives up (the test asserting it says what was missing). */
const settles = (wait: Promise<unknown>) => wait.then(() => true, () => false);

async function visitScalePage(kind: string, label: string, draft: (i: number) => string): Promise<ScaleVisit> {
  const page = await ctx.browser.newPage();
  const pageErrors = collectErrors(page);
  const started = Date.now();
  await page.goto(`${server.url}/scale/${kind}/`, { waitUntil: 'load', timeout: 120000 });
  await page.waitForFunction(() => (window as unknown as { rendered?: boolean }).rendered === true, { timeout: 120000, polling: 100 });
  console.log(`${EDITORS} ${label} (${ctx.name}): all editors in the page ${Date.now() - started} ms after navigating`);
  await scrollThrough(page);
  // The host page's long tasks while it loaded and was scrolled through (what follows is the test's own reading of the editors).
  await figures(page, `${EDITORS} ${label}, loaded and scrolled`);

  // Scrolled to the end, drafts in view there are coached (underlines out of view are not drawn):
  // the editors coached at the top gave their places.
  const drafts = Array.from({ length: EDITORS }, (_, i) => draft(i));
  const underlinedAtEnd = drafts.some(saysCant) && (await settles(waitForCantUnderline(page)));

  // Near the end of the page, an editor that holds a neutral draft or none.
  const index = drafts.length - 1 - [...drafts].reverse().findIndex((text) => !saysCant(text));
  const target = `#e${index}`;
  const before = await editorTexts(page);
  // The typed text ends with the flagged words, so they are on the caret's line, which the field
  // keeps in view: in a one-row textarea holding a draft, words typed before the caret's line are
  // scrolled out of sight (there, their underline is rightly clipped away with them).
  await page.click(target);
  await page.keyboard.down('Control');
  await page.keyboard.press('End');
  await page.keyboard.up('Control');
  const typing = Date.now();
  await page.keyboard.type(TYPED);
  const underlinedWhereTyped = await settles(waitForUnderlineIn(page, target, CANT_RULE));
  console.log(`${EDITORS} ${label} (${ctx.name}): underline ${Date.now() - typing} ms after typing began`);
  const after = await editorTexts(page);
  const coached = await coachedEditors();
  console.log(`${EDITORS} ${label} (${ctx.name}): ${coached} editors coached at once`);
  await page.close();
  return { underlinedAtEnd, underlinedWhereTyped, before, after, index, coached, errors: pageErrors };
}

// One visit per page kind (loading thousands of editors is the slow part); each test reads one
// thing the agent saw in it and changes nothing, so the tests hold in any order.
describe.each(Object.entries(SCALE_PAGES))('a page with %s', (kind, { label, draft }) => {
  let visit: ScaleVisit;
  beforeAll(async () => {
    visit = await visitScalePage(kind, label, draft);
  }, 10 * 60_000);

  // Pages of empty editors have no drafts to coach before the agent types.
  if (Array.from({ length: EDITORS }, (_, i) => draft(i)).some(saysCant)) {
    test(`${EDITORS.toLocaleString('en')} ${label}: drafts in view at the end of the page are coached`, () => {
      expect(visit.underlinedAtEnd).toBe(true);
    });
  }

  test(`${EDITORS.toLocaleString('en')} ${label}: the words typed near the end are coached`, () => {
    expect(visit.underlinedWhereTyped).toBe(true);
  });

  test(`${EDITORS.toLocaleString('en')} ${label}: typing changes the typed editor only`, () => {
    const expected = visit.before.map((text, i) => (i === visit.index ? `${text}${TYPED}`.replace(/^ /, '') : text));
    // An empty contenteditable drops the leading space it was typed with; a textarea keeps it.
    expect(visit.after.map((text, i) => (i === visit.index ? text.replace(/^ /, '') : text))).toEqual(expected);
  });

  test(`${EDITORS.toLocaleString('en')} ${label}: at most ${MAX_LIVE_EDITORS} editors are coached at once`, () => {
    expect(visit.coached).toBeGreaterThan(0);
    expect(visit.coached).toBeLessThanOrEqual(MAX_LIVE_EDITORS);
  });

  test(`${EDITORS.toLocaleString('en')} ${label}: nothing is thrown into the page`, () => {
    expect(visit.errors).toEqual([]);
  });
});
