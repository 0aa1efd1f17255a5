// Drafts never leave the machine: a full session (type a draft, apply a suggestion, open the options
// page, subscribe to a pack URL) with every request recorded — at the local server (both browsers)
// and, in Chromium, through CDP on every target: each page, the options page and the service
// worker. The only requests CanDo makes are the configured pack subscription, and no request of
// any context carries a word of the draft, nor of the customer's message CanDo reads from the
// ticket page for the context rules (the fixture's ticket #101 conversation).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser, Page, Target } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { chromeOnly, collectErrors, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { applyFirstSuggestion, useOnlyTestPack, waitForUnderlines, wordBoxes, CANT_RULE } from './support/coaching';

/** Words that appear nowhere but in the agent's draft, and in the customer's messages on the ticket page. */
const MARKERS = ['Quixotic', 'Zebulon', 'Xylophone'];
const CUSTOMER_MARKERS = ['Okapi', 'Zanzibar'];
const DRAFT = 'Hi Quixotic Zebulon, unfortunately we can\'t refund the Xylophone order.';
const PACK_PATH = '/packs/privacy-team.json';
const pack = {
  id: 'privacy-team',
  name: 'Privacy team pack',
  version: '1.0.0',
  language: 'en',
  rules: [
    {
      id: 'no-protocol',
      category: 'policy',
      phrases: ['protocol'],
      message: 'Explain the reason instead of citing protocol.',
      explanation: 'Explain the reason in the customer’s terms.',
      examples: { flag: ['That is protocol, sorry.'], pass: ['That is how it works, and here is why.'] },
    },
  ],
};

interface Seen {
  /** Where it came from: "server" (the local server's log) or the CDP target's type and URL. */
  context: string;
  url: string;
  method: string;
  headers: string;
  body: string;
}

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];
const seen: Seen[] = [];

function recordAtServer(req: IncomingMessage) {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => seen.push({ context: 'server', url: `${server.url}${req.url}`, method: req.method ?? '', headers: JSON.stringify(req.headers), body }));
}

/** Chromium: every request of every target (pages, extension pages, the service worker), as it is sent. */
async function recordAllTargets(browser: Browser): Promise<void> {
  const attached = new Set<Target>();
  const attach = async (target: Target) => {
    if (attached.has(target) || !['page', 'service_worker', 'background_page', 'shared_worker', 'other'].includes(target.type())) return;
    attached.add(target);
    try {
      const session = await target.createCDPSession();
      session.on('Network.requestWillBeSent', (e) =>
        seen.push({
          context: `${target.type()} ${target.url()}`,
          url: e.request.url,
          method: e.request.method,
          headers: JSON.stringify(e.request.headers),
          body: e.request.postData ?? '',
        }),
      );
      await session.send('Network.enable');
      await session.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
    } catch {
      // A target that closed before we attached has nothing more to send.
    }
  };
  browser.on('targetcreated', (t: Target) => void attach(t));
  for (const t of browser.targets()) await attach(t);
}

beforeAll(async () => {
  server = await startFixtureServer({
    port: 0,
    onRequest: recordAtServer,
    routes: {
      [PACK_PATH]: (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(pack));
      },
    },
  });
  ctx = await launchWithExtension();
  if (ctx.name === 'chrome') await recordAllTargets(ctx.browser);
  await useOnlyTestPack(ctx);
  page = await ctx.browser.newPage();
  errors = collectErrors(page);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

test('a full session: type, apply, open the options page, subscribe to a pack URL', async () => {
  await page.goto(`${server.url}/zendesk-workspace/`);
  await page.waitForFunction(() => (window as unknown as { fixtureReady?: Promise<boolean> }).fixtureReady);
  const editor = '[data-pane="main"] .ck-editor__editable';
  await page.click(editor);
  await page.keyboard.type(DRAFT);
  await waitForUnderlines(page, [CANT_RULE]);
  const [box] = await wordBoxes(page, editor, "we can't");
  await applyFirstSuggestion(page, box, 'Hi Quixotic Zebulon, what we can do is refund the Xylophone order.');
  await page.waitForFunction(
    () => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main.getData().includes('what we can do is'),
  );

  const options = await openExtensionPage(ctx, 'options.html#packs');
  await options.waitForSelector('#subscribe-url');
  await options.type('#subscribe-url', `${server.url}${PACK_PATH}`);
  await options.click('#subscribe');
  await options.waitForSelector('tr[data-pack="privacy-team"]', { timeout: 15000 });
  // Keep typing after subscribing: coaching goes on, and still nothing leaves.
  await page.bringToFront();
  await page.click(editor);
  await page.keyboard.type(' Zebulon again.');
  await waitForUnderlines(page, []);
  expect(errors).toEqual([]);
});

test("no request of any context carries a word of the draft or of the customer's message", () => {
  expect(seen.length).toBeGreaterThan(0);
  for (const request of seen) {
    for (const marker of [...MARKERS, ...CUSTOMER_MARKERS]) {
      expect(`${request.url} ${request.headers} ${request.body}`.includes(marker) ? `${request.context} → ${request.url}` : null).toBeNull();
    }
  }
});

test('the local server saw only the fixture pages, their libraries and the subscribed pack', () => {
  const paths = seen.filter((r) => r.context === 'server').map((r) => new URL(r.url).pathname);
  expect(paths).toContain(PACK_PATH);
  for (const path of paths) expect(path).toMatch(/^\/(zendesk-workspace\/|vendor\/ckeditor5\/|packs\/privacy-team\.json$|favicon\.ico$)/);
  // Subscribing fetched the pack with a plain GET: no body, nothing about the agent.
  for (const r of seen.filter((x) => x.context === 'server' && x.url.endsWith(PACK_PATH))) {
    expect(r.method).toBe('GET');
    expect(r.body).toBe('');
  }
});

chromeOnly('Firefox has no CDP to watch its background page')('every extension context (the service worker, the extension pages) requested only the subscribed pack', () => {
  // Extension contexts: the service worker and the extension's own pages.
  const fromExtension = seen.filter((r) => /^(service_worker|page|background_page|other) chrome-extension:\/\//.test(r.context));
  expect(fromExtension.some((r) => r.context.startsWith('service_worker'))).toBe(true);
  const leaving = fromExtension.map((r) => r.url).filter((url) => !url.startsWith('chrome-extension://') && !url.startsWith('data:'));
  expect([...new Set(leaving)]).toEqual([`${server.url}${PACK_PATH}`]);
  // The help-desk page itself only loaded its own origin's files (and CanDo's bundled resources).
  const fromPage = seen.filter((r) => r.context.startsWith(`page ${server.url}`)).map((r) => r.url);
  for (const url of fromPage) expect(url.startsWith(`${server.url}/`) || url.startsWith('chrome-extension://') || url.startsWith('data:')).toBe(true);
});
