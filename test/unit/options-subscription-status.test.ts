// The subscription status line on the options page: it says what the last check did, never
// "refreshed" after a failure, with the last successful check and the next try.
import { refreshSummaryText, subscriptionStatus } from '../../src/options/subscription-status';
import type { SubscriptionInfo } from '../../src/shared/protocol';

const now = new Date(2026, 11, 3, 10, 45).getTime();
const at = (h: number, m: number) => new Date(2026, 11, 3, h, m).getTime();
const hhmm = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const base: SubscriptionInfo = { url: 'https://packs.example.com/p.json', managed: true, packId: 'p', version: '2.0.0', lastGoodAt: at(10, 42) };

test('an update names the new version and the time of the check', () => {
  const s = subscriptionStatus({ ...base, lastOutcome: 'updated', lastCheckedAt: at(10, 42), lastSuccessAt: at(10, 42), nextTryAt: at(16, 42) }, now);
  expect(s).toEqual({ headline: `Updated to 2.0.0 (checked ${hhmm(at(10, 42))}).`, schedule: `Last successful check ${hhmm(at(10, 42))}. Next check ${hhmm(at(16, 42))}.`, failed: false });
});

test('an unchanged pack is "up to date"', () => {
  expect(subscriptionStatus({ ...base, lastOutcome: 'unchanged', lastCheckedAt: at(10, 42), lastSuccessAt: at(10, 42) }, now).headline).toBe(`Up to date (checked ${hhmm(at(10, 42))}).`);
});

test('a failure says what went wrong and what stays in use, with the last success and the retry', () => {
  const s = subscriptionStatus(
    { ...base, lastOutcome: 'failed', lastCheckedAt: at(10, 44), lastSuccessAt: at(9, 0), lastError: { message: 'The host x refused the request (403 Forbidden).', at: at(10, 44) }, nextTryAt: at(10, 45) },
    now,
  );
  expect(s.failed).toBe(true);
  expect(s.headline).toBe(`Not updated at ${hhmm(at(10, 44))}: The host x refused the request (403 Forbidden). Version 2.0.0 stays in use.`);
  expect(s.schedule).toBe(`Last successful check ${hhmm(at(9, 0))}. Next check ${hhmm(at(10, 45))}.`);
});

test('a first fetch that failed says no version is installed, and "never" succeeded', () => {
  const s = subscriptionStatus({ url: base.url, managed: true, lastOutcome: 'failed', lastCheckedAt: at(10, 44), lastError: { message: 'down', at: at(10, 44) } }, now);
  expect(s.headline).toMatch(/No version of this pack is installed yet/);
  expect(s.schedule).toBe('Last successful check never.');
});

test('"Refresh now" reports every outcome, and points at the failures', () => {
  expect(refreshSummaryText({ type: 'refresh-summary', updated: 1, unchanged: 2, refused: 0, failed: 0, waiting: 0 })).toBe('Checked: 1 updated, 2 up to date.');
  const failed = refreshSummaryText({ type: 'refresh-summary', updated: 0, unchanged: 0, refused: 1, failed: 1, waiting: 1 });
  expect(failed).toMatch(/1 refused.*1 failed.*1 not asked.*See below/);
  expect(failed).not.toMatch(/Refreshed/);
});
