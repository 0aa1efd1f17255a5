// A subscription's stored state after each kind of fetch: only a valid new version replaces the pack.
import { applyOutcome, parseRetryAfter, retryDelayMinutes, retryDueAt } from '../../../src/background/subscription-state';
import { emptyStoredData, type StoredData } from '../../../src/shared/settings';

const URL = 'https://packs.example.com/team.json';
const good = { id: 'team', version: '1.0.0' };
function subscribed(): StoredData {
  const data = emptyStoredData();
  data.subscriptions[URL] = { url: URL, managed: false, spec: good, bodyHash: 'h1', lastGoodAt: 100, lastSuccessAt: 100, failures: 0 };
  return data;
}

test('a new valid version replaces the pack and its body hash', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'new', id: 'team', spec: { id: 'team', version: '2.0.0' }, bodyHash: 'h2' }, 200);
  expect(data.subscriptions[URL]).toEqual({
    url: URL,
    managed: false,
    spec: { id: 'team', version: '2.0.0' },
    bodyHash: 'h2',
    lastGoodAt: 200,
    lastCheckedAt: 200,
    lastSuccessAt: 200,
    lastOutcome: 'updated',
    failures: 0,
  });
});

test('the same pack again is a successful check; the version keeps its install time', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'unchanged', bodyHash: 'h1' }, 300);
  expect(data.subscriptions[URL]).toMatchObject({ spec: good, lastGoodAt: 100, lastSuccessAt: 300, lastCheckedAt: 300, lastOutcome: 'unchanged', failures: 0 });
  expect(data.subscriptions[URL].lastError).toBeUndefined();
});

test('a refused version keeps the last good pack and records why', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'refused', errors: [{ pack: 'team', rule: 'r1', field: 'examples.flag[0]', message: 'was not flagged' }] }, 400);
  const sub = data.subscriptions[URL];
  expect(sub.spec).toBe(good);
  expect(sub.lastGoodAt).toBe(100);
  expect(sub.lastSuccessAt).toBe(100);
  expect(sub.lastOutcome).toBe('refused');
  expect(sub.lastError).toEqual({ message: 'The new version was refused: rule "r1": field "examples.flag[0]": was not flagged', at: 400 });
  expect(sub.failures).toBe(0);
});

test('network failures keep the pack and count up for the back-off; a later success clears them', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'network', message: 'Could not reach the server' }, 500);
  applyOutcome(data, URL, { kind: 'network', message: 'busy', retryAfter: 9000 }, 600);
  expect(data.subscriptions[URL]).toMatchObject({ spec: good, lastGoodAt: 100, failures: 2, lastOutcome: 'failed', retryAfter: 9000, lastError: { at: 600 } });
  applyOutcome(data, URL, { kind: 'unchanged', bodyHash: 'h1' }, 9100);
  expect(data.subscriptions[URL]).toMatchObject({ failures: 0, lastOutcome: 'unchanged' });
  expect(data.subscriptions[URL].retryAfter).toBeUndefined();
});

test('a subscription removed while its fetch ran stays removed', () => {
  const data = emptyStoredData();
  applyOutcome(data, URL, { kind: 'new', id: 'team', spec: good, bodyHash: 'h' }, 1);
  expect(data.subscriptions).toEqual({});
});

test('retries back off 1, 2, 4 … minutes, never beyond the refresh period', () => {
  expect([1, 2, 3, 4, 9, 30].map((f) => retryDelayMinutes(f, 360))).toEqual([1, 2, 4, 8, 256, 360]);
});

test('a failed subscription is due after its back-off, or when its host said (Retry-After)', () => {
  const sub = subscribed().subscriptions[URL];
  expect(retryDueAt(sub, 360)).toBeUndefined();
  Object.assign(sub, { failures: 2, lastCheckedAt: 1_000_000 });
  expect(retryDueAt(sub, 360)).toBe(1_000_000 + 2 * 60_000);
  sub.retryAfter = 1_000_000 + 3600_000;
  expect(retryDueAt(sub, 360)).toBe(1_000_000 + 3600_000);
  sub.retryAfter = 1_000_000 + 10_000;
  expect(retryDueAt(sub, 360)).toBe(1_000_000 + 10_000);
});

test('Retry-After in seconds or as an HTTP date; nonsense, the past and more than a day are not obeyed as written', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');
  expect(parseRetryAfter('120', now)).toBe(now + 120_000);
  expect(parseRetryAfter('Thu, 03 Dec 2026 10:30:00 GMT', now)).toBe(now + 30 * 60_000);
  expect(parseRetryAfter(null, now)).toBeUndefined();
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter('Thu, 03 Dec 2026 09:00:00 GMT', now)).toBeUndefined();
  expect(parseRetryAfter('9999999', now)).toBe(now + 24 * 3600_000);
});
