// The scheduled refresh of subscribed packs through the browser's real alarms: the background keeps
// a 6-hour `cando-refresh` alarm; when it fires the subscription is refreshed; a network failure
// schedules a `cando-retry` alarm that backs off (1, 2, 4 … minutes) and never removes the pack.
// Nothing in the build is test-only: the test only moves an alarm's next firing close (alarms are
// the extension's own, so its options page can re-create one under the same name), and the
// browser then delivers it to the background's onAlarm listener as it would after six hours.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { REFRESH_ALARM, RETRY_ALARM, retryDelayMinutes } from '../../src/background/subscription-state';
import { launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';

const MINUTE = 60_000;
/** The promised refresh period. */
const SIX_HOURS = 6 * 60;

/** The served pack at `version`: one rule, its examples passing. */
const teamPack = (version: string) => ({
  id: 'alarm-pack',
  name: 'Alarm pack',
  version,
  language: 'en',
  rules: [
    {
      id: 'no-paperwork',
      category: 'policy',
      phrases: ['the paperwork'],
      message: 'Say what the form is for, not “the paperwork”.',
      explanation: 'Customers accept a reason they can see.',
      examples: { flag: ['It is the paperwork, sorry.'], pass: ['We need the form to send the refund.'] },
    },
  ],
});

let served = teamPack('1.0.0');
/** While true the pack server drops every connection: a network failure, not an HTTP error. */
let unreachable = false;
function packRoute(req: IncomingMessage, res: ServerResponse) {
  if (unreachable) return void req.socket.destroy();
  res.writeHead(200, { 'content-type': 'application/json', etag: `"${served.version}"` });
  res.end(JSON.stringify(served));
}

let ctx: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let options: Page;
let url: string;

beforeAll(async () => {
  server = await startFixtureServer({ port: 0, routes: { '/packs/alarm.json': packRoute } });
  url = `${server.url}/packs/alarm.json`;
  ctx = await launchWithExtension();
  options = await openExtensionPage(ctx, 'options.html#packs');
  await options.waitForSelector('#subscribe-url');
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

type AlarmSeen = { scheduledTime: number; periodInMinutes: number | null } | null;
/** The extension's alarm `name` as the browser holds it. */
const alarm = (name: string): Promise<AlarmSeen> =>
  options.evaluate(
    (n) => chrome.alarms.get(n).then((a) => (a ? { scheduledTime: a.scheduledTime, periodInMinutes: a.periodInMinutes ?? null } : null)),
    name,
  );
/** Moves the alarm `name` to fire in a moment (keeping the period the background gave it). */
const fireSoon = (name: string, periodInMinutes?: number) =>
  options.evaluate(
    (n, period) => chrome.alarms.create(n, period ? { when: Date.now() + 300, periodInMinutes: period } : { when: Date.now() + 300 }),
    name,
    periodInMinutes ?? 0,
  );
const waitForVersion = (version: string) =>
  options.waitForFunction((v) => document.querySelector('tr[data-pack="alarm-pack"] .version')?.textContent === v, { timeout: 15000 }, version);

/** Waits until the retry alarm is (re)scheduled, to another time than `previous`; returns its time. */
async function nextRetry(previous: number | null): Promise<number> {
  const handle = await options.waitForFunction(
    (n, before) => chrome.alarms.get(n).then((a) => (a && a.scheduledTime !== before ? a.scheduledTime : false)),
    { timeout: 15000 },
    RETRY_ALARM,
    previous,
  );
  return (await handle.jsonValue()) as number;
}

test('a subscription is refreshed on a 6-hour alarm', async () => {
  await options.type('#subscribe-url', url);
  await options.click('#subscribe');
  await waitForVersion('1.0.0');
  expect((await alarm(REFRESH_ALARM))?.periodInMinutes).toBe(SIX_HOURS);
  expect(await alarm(RETRY_ALARM)).toBeNull();
});

test('when the refresh alarm fires, a new version on the server goes live', async () => {
  served = teamPack('2.0.0');
  await fireSoon(REFRESH_ALARM, SIX_HOURS);
  await waitForVersion('2.0.0');
  expect((await alarm(REFRESH_ALARM))?.periodInMinutes).toBe(SIX_HOURS);
});

test('network failures at the alarm keep the pack and back off: a retry in 1 minute, then 2', async () => {
  unreachable = true;
  let retryAt: number | null = null;
  for (const failures of [1, 2]) {
    const firedAt = Date.now();
    await fireSoon(REFRESH_ALARM, SIX_HOURS);
    retryAt = await nextRetry(retryAt);
    const inMinutes = (retryAt - firedAt) / MINUTE;
    // Scheduled the back-off's delay after the failure, which came within seconds of the firing.
    expect(inMinutes).toBeGreaterThanOrEqual(retryDelayMinutes(failures, SIX_HOURS));
    expect(inMinutes).toBeLessThan(retryDelayMinutes(failures, SIX_HOURS) + 0.5);
  }
  await options.waitForSelector(`li[data-url="${url}"] .subscription-error`);
  expect(await options.$eval('tr[data-pack="alarm-pack"] .version', (el) => el.textContent)).toBe('2.0.0');
});

test('when the retry alarm fires and the server is back, the new version goes live and no retry is left', async () => {
  unreachable = false;
  served = teamPack('3.0.0');
  await fireSoon(RETRY_ALARM);
  await waitForVersion('3.0.0');
  await options.waitForFunction((n) => chrome.alarms.get(n).then((a) => !a), { timeout: 15000 }, RETRY_ALARM);
  expect(await options.$(`li[data-url="${url}"] .subscription-error`)).toBeNull();
});
