// Subscribing to a pack served by a local pack server, through the real options page: a new version
// goes live on refresh, a broken version is refused while the last good one stays, and a server
// that is gone never removes the pack.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';

const rule = (id: string, word: string) => ({
  id,
  category: 'policy',
  phrases: [word],
  message: `Avoid “${word}”.`,
  explanation: 'Explain the reason in the customer’s terms.',
  examples: { flag: [`That is ${word}, sorry.`], pass: ['That is how it works, and here is why.'] },
});
const v1 = { id: 'team-pack', name: 'Team pack', version: '1.0.0', language: 'en', rules: [rule('no-protocol', 'protocol')] };
const v2 = { ...v1, version: '2.0.0', rules: [rule('no-protocol', 'protocol'), rule('no-procedure', 'procedure')] };
const broken = { ...v1, version: '3.0.0', rules: [{ ...rule('no-protocol', 'protocol'), examples: { flag: ['Nothing to see here.'], pass: ['Fine.'] } }] };

/** The pack the server serves now, with an ETag that changes with it; requests are recorded. */
let served: unknown = v1;
const requests: { ifNoneMatch?: string; status: number }[] = [];
function packRoute(req: IncomingMessage, res: ServerResponse) {
  const body = JSON.stringify(served);
  const etag = `"${Buffer.from(body).length}-${(served as { version: string }).version}"`;
  const status = req.headers['if-none-match'] === etag ? 304 : 200;
  requests.push({ ifNoneMatch: req.headers['if-none-match'] as string | undefined, status });
  res.writeHead(status, { 'content-type': 'application/json', etag });
  res.end(status === 200 ? body : undefined);
}

let ctx: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let options: Page;
let rules: Page;
let url: string;

beforeAll(async () => {
  server = await startFixtureServer({ port: 0, routes: { '/packs/team.json': packRoute } });
  url = `${server.url}/packs/team.json`;
  ctx = await launchWithExtension();
  rules = await openExtensionPage(ctx, 'options.html#rules');
  await rules.waitForSelector('#try-text');
  options = await openExtensionPage(ctx, 'options.html#packs');
  await options.waitForSelector('#subscribe-url');
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const version = () => options.$eval('tr[data-pack="team-pack"] .version', (el) => el.textContent);
/** The "Refresh now" summary once the refresh has answered (the table can show the new version a moment before). */
async function refreshSummary(): Promise<string | null | undefined> {
  await options.waitForFunction(() => document.querySelector('.subscriptions [role="status"]')?.textContent !== 'Refreshing…');
  return options.$eval('.subscriptions [role="status"]', (el) => el.textContent);
}

const subscriptionText = () => options.$eval(`li[data-url="${url}"]`, (el) => el.textContent ?? '');

/**
 * Types `text` into the Rules tab's "try it" box (which runs the active packs) and waits until
 * `ruleId` underlines it: the rule is live.
 */
async function expectLive(text: string, ruleId: string): Promise<void> {
  await rules.bringToFront();
  await rules.$eval('#try-text', (el) => {
    (el as HTMLTextAreaElement).value = '';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // The empty draft's answer clears the old underlines, so any underline after typing is fresh.
  await rules.waitForFunction(() => document.querySelectorAll('[data-testid="try-output"] mark').length === 0);
  await rules.type('#try-text', text);
  await rules.waitForSelector(`[data-testid="try-output"] mark[data-rule="${ruleId}"]`, { timeout: 10000 });
  await options.bringToFront();
}

test('subscribing installs the served pack', async () => {
  await options.type('#subscribe-url', url);
  await options.click('#subscribe');
  await options.waitForSelector('tr[data-pack="team-pack"]');
  expect(await version()).toBe('1.0.0');
  expect(await options.$eval('tr[data-pack="team-pack"] .source', (el) => el.textContent)).toContain(url);
  await expectLive('That is protocol, sorry.', 'team-pack/no-protocol');
});

test('an unchanged pack is not downloaded again: the browser cache revalidates (If-None-Match → 304)', async () => {
  await options.click('#refresh-now');
  await options.waitForFunction(() => document.querySelector('.subscriptions [role="status"]')?.textContent === 'Checked: 1 up to date.');
  expect(await subscriptionText()).toMatch(/Up to date \(checked \d/);
  const last = requests[requests.length - 1];
  expect(last.ifNoneMatch).toMatch(/1\.0\.0/);
  expect(last.status).toBe(304);
  expect(await version()).toBe('1.0.0');
});

test('a new version on the server is live after "Refresh now"', async () => {
  served = v2;
  await options.click('#refresh-now');
  await options.waitForFunction(() => document.querySelector('tr[data-pack="team-pack"] .version')?.textContent === '2.0.0');
  expect(await subscriptionText()).toMatch(/Updated to 2\.0\.0 \(checked \d/);
  expect(await refreshSummary()).toBe('Checked: 1 updated.');
  await expectLive('That is procedure, sorry.', 'team-pack/no-procedure');
});

test('a broken version is refused: the last good one stays and the error shows', async () => {
  served = broken;
  await options.click('#refresh-now');
  await options.waitForSelector(`li[data-url="${url}"] .subscription-error`);
  expect(await subscriptionText()).toMatch(/Not updated at \d.*refused.*no-protocol.*Version 2\.0\.0 stays in use/s);
  expect(await subscriptionText()).toMatch(/last good update \d/);
  expect(await refreshSummary()).toMatch(/1 refused.*See below/);
  expect(await version()).toBe('2.0.0');
  await expectLive('That is procedure, sorry.', 'team-pack/no-procedure');
});

test('when the server is gone the pack stays and the failure shows', async () => {
  served = v2;
  await server.close();
  await options.click('#refresh-now');
  await options.waitForFunction(
    (u) => /Could not read .*cannot be reached/.test(document.querySelector(`li[data-url="${u}"] .subscription-error`)?.textContent ?? ''),
    {},
    url,
  );
  expect(await version()).toBe('2.0.0');
  expect(await refreshSummary()).toMatch(/1 failed.*See below/);
  await expectLive('That is protocol, sorry.', 'team-pack/no-protocol');
});
