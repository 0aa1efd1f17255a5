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
/** Lets the page's hostile loop run a number of times. */
const letThePageRun = () => page.waitForFunction((n) => (window as unknown as { hostile: { forged: number } }).hostile.forged > n, {}, 0).then(() =>
  page.evaluate(() => new Promise((r) => setTimeout(r, 600))),
);

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
  page = await ctx.browser.newPage();
  errors = collectErrors(page);
  await page.goto(`${server.url}/hostile/`);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const DRAFT = "Sorry, we can't refund it today.";

test('the draft is still coached (in a host of our own when the page took our element name), and the page clicking our buttons from script applies nothing', async () => {
  await page.click('#reply');
  await page.keyboard.type(DRAFT);
  await page.waitForFunction((sel) => (document.querySelector(sel)?.shadowRoot?.querySelectorAll('.underline').length ?? 0) > 0, { timeout: 15000 }, OVERLAY);
  await letThePageRun();
  expect(await replyText()).toBe(DRAFT);
});

test('with the card open, script clicks and forged Alt+Enter still apply nothing', async () => {
  const [line] = await cantUnderlines();
  await page.mouse.click((line.left + line.right) / 2, (line.top + line.bottom) / 2);
  await suggestionButton();
  await letThePageRun();
  expect(await page.evaluate(() => (window as unknown as { hostile: { clicks: number } }).hostile.clicks)).toBeGreaterThan(0);
  expect(await replyText()).toBe(DRAFT);
});

test('the page rewrites the draft under the open card: the agent\'s click never writes into the wrong words', async () => {
  const rewritten = "Hello! Our reply: we can't refund it today.";
  await page.evaluate((t) => {
    document.getElementById('reply')!.textContent = t;
  }, rewritten);
  const button = await suggestionButton().catch(() => null);
  const box = await button?.asElement()?.boundingBox();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // Either the stale card was refused (text as the page left it) or the flagged words themselves were replaced.
  await page.waitForFunction(
    (a, b) => {
      const t = (document.getElementById('reply') as HTMLElement).innerText.replace(/\u00a0/g, ' ').trim();
      return t === a || t === b;
    },
    { timeout: 10000 },
    rewritten,
    rewritten.replace("we can't", 'what we can do is'),
  );
});

test('the page cannot change packs or settings, and nothing was thrown into the page', async () => {
  expect(await optionsState()).toBe(packsBefore);
  expect(errors.filter((e) => !e.includes('hostile'))).toEqual([]);
});
