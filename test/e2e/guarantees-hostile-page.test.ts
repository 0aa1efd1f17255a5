// A hostile help-desk page: it defines elements named like CanDo's, overrides Range, getSelection
// and execCommand, forges extension-like messages and key presses, clicks CanDo's card buttons from
// script and rewrites the draft under an open card. CanDo never applies text the agent did not
// choose, never throws into the page, and the page cannot change packs or settings. (A forged
// takeover event used to switch coaching off, and a page-defined <cando-overlay> used to break it.)
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { CHROME_EXTENSION_ID, collectErrors, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { CANT_RULE, useOnlyTestPack } from './support/coaching';

const HOSTILE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Hostile help desk</title>
<style>#reply { width: 520px; min-height: 80px; border: 1px solid #888; padding: 8px; font: 16px/1.5 sans-serif; }</style>
<script>
  window.hostile = { upgraded: 0, execCalls: 0, clicks: 0, forged: 0 };
  // Elements named like CanDo's: the page's class would run on any such element, and grabs its shadow root first.
  for (const name of ['cando-overlay', 'cando-card', 'cando-underline']) {
    customElements.define(name, class extends HTMLElement {
      constructor() {
        super();
        window.hostile.upgraded++;
        try { this.attachShadow({ mode: 'closed' }).innerHTML = '<button class="suggestion">fake</button>'; } catch {}
      }
    });
  }
  // Editing and geometry APIs that lie.
  document.execCommand = () => { window.hostile.execCalls++; return true; };
  window.getSelection = () => null;
  Document.prototype.getSelection = () => null;
  Range.prototype.getClientRects = function () { throw new Error('hostile getClientRects'); };
  Range.prototype.getBoundingClientRect = function () { return new DOMRect(-9999, -9999, 0, 0); };
  window.InputEvent = function () { throw new Error('hostile InputEvent'); };
  const forge = () => {
    window.hostile.forged++;
    window.postMessage({ type: 'pack-import', json: '{"id":"evil"}' }, '*');
    window.postMessage({ type: 'rule-set-enabled', ruleId: '${CANT_RULE}', enabled: false }, '*');
    document.dispatchEvent(new CustomEvent('cando:content-takeover'));
    try { window.chrome?.runtime?.sendMessage?.('${CHROME_EXTENSION_ID}', { type: 'pack-import', json: '{"id":"evil"}' }); } catch {}
    const reply = document.getElementById('reply');
    reply?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', altKey: true, bubbles: true, cancelable: true }));
    // Clicks every CanDo button it can reach (open shadow roots), from script.
    for (const host of document.querySelectorAll('*')) {
      for (const b of host.shadowRoot?.querySelectorAll('button') ?? []) { window.hostile.clicks++; b.click(); b.dispatchEvent(new MouseEvent('click', { bubbles: true })); }
    }
  };
  setInterval(forge, 40);
</script></head>
<body><h1>Ticket 77</h1><div id="reply" contenteditable="true" role="textbox" aria-label="Reply"></div></body></html>`;

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];
let packsBefore: string;

async function optionsState(): Promise<string> {
  const options = await openExtensionPage(ctx, 'options.html');
  try {
    const state = await options.evaluate(() => (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.sendMessage({ type: 'options-state' }));
    return JSON.stringify({ packs: state.packs, rules: state.rules });
  } finally {
    await options.close();
  }
}

/** CanDo's overlay when the page has taken the <cando-overlay> name: its fallback host. */
const OVERLAY = '[data-cando-overlay]';

/** The underlines CanDo drew for the "we can't" rule (viewport boxes). */
const cantUnderlines = () =>
  page.evaluate((sel, rule) => {
    const root = document.querySelector(sel)?.shadowRoot;
    return Array.from(root?.querySelectorAll<HTMLElement>(`.underline[data-rule-id="${rule}"]`) ?? []).map((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
  }, OVERLAY, CANT_RULE);

const suggestionButton = () =>
  page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.card button.suggestion') ?? null, { timeout: 10000 }, OVERLAY);

const replyText = () => page.$eval('#reply', (el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' ').trim());
/** Lets the page's hostile loop run a number of times from now. */
async function letThePageRun(): Promise<void> {
  const from = await page.evaluate(() => (window as unknown as { hostile: { forged: number } }).hostile.forged);
  await page.waitForFunction((n) => (window as unknown as { hostile: { forged: number } }).hostile.forged > n + 10, { timeout: 10000 }, from);
}
const scriptClicks = () => page.evaluate(() => (window as unknown as { hostile: { clicks: number } }).hostile.clicks);

const DRAFT = "Sorry, we can't refund it today.";

/** The agent types the draft and waits for its underline. */
async function typeDraft(): Promise<void> {
  await page.click('#reply');
  await page.keyboard.type(DRAFT);
  await page.waitForFunction((sel) => (document.querySelector(sel)?.shadowRoot?.querySelectorAll('.underline').length ?? 0) > 0, { timeout: 15000 }, OVERLAY);
}

/** The agent clicks the "we can't" underline; its card opens. */
async function openCard(): Promise<void> {
  const [line] = await cantUnderlines();
  await page.mouse.click((line.left + line.right) / 2, (line.top + line.bottom) / 2);
  await suggestionButton();
}

beforeAll(async () => {
  server = await startFixtureServer({
    port: 0,
    routes: {
      '/hostile/': (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(HOSTILE_PAGE);
      },
    },
  });
  ctx = await launchWithExtension();
  await useOnlyTestPack(ctx);
  packsBefore = await optionsState();
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});
// Each test has a hostile page of its own.
beforeEach(async () => {
  page = await ctx.browser.newPage();
  errors = collectErrors(page);
  await page.goto(`${server.url}/hostile/`);
});
afterEach(() => page?.close());

test('the draft is still coached when the page took our element name (in a host of our own)', async () => {
  await typeDraft();
  expect(await replyText()).toBe(DRAFT);
});

test('script clicks and a forged Alt+Enter on the open card apply nothing', async () => {
  await typeDraft();
  await openCard();
  await letThePageRun();
  expect(await scriptClicks()).toBeGreaterThan(0);
  expect(await replyText()).toBe(DRAFT);
});

const REWRITTEN = "Hello! Our reply: we can't refund it today.";

/** The page replaces the draft while the card is open, then runs its scripts. */
async function rewriteUnderOpenCard(): Promise<void> {
  await typeDraft();
  await openCard();
  await page.evaluate((t) => {
    document.getElementById('reply')!.textContent = t;
  }, REWRITTEN);
  await letThePageRun();
}

test("the page rewrites the draft under the open card: the page's script clicks apply nothing", async () => {
  await rewriteUnderOpenCard();
  expect(await scriptClicks()).toBeGreaterThan(0);
  expect(await replyText()).toBe(REWRITTEN);
});

test("the page rewrites the draft under the open card: the agent's click replaces only the flagged words where they now are", async () => {
  await rewriteUnderOpenCard();
  const button = await suggestionButton();
  const box = await button.asElement()!.boundingBox();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
  const applied = REWRITTEN.replace("we can't", 'what we can do is');
  await page.waitForFunction((want) => (document.getElementById('reply') as HTMLElement).innerText.replace(/\u00a0/g, ' ').trim() === want, { timeout: 10000 }, applied);
});

test('the page cannot change packs or settings', async () => {
  await typeDraft();
  await letThePageRun();
  expect(await optionsState()).toBe(packsBefore);
});

test('nothing is thrown into the page', async () => {
  await typeDraft();
  await openCard();
  await letThePageRun();
  expect(errors.filter((e) => !e.includes('hostile'))).toEqual([]);
});
