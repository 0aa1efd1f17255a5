// A subscription's stored state after each kind of fetch: only a valid new version replaces the pack.
import { applyOutcome, retryDelayMinutes } from '../../../src/background/subscription-state';
import { emptyStoredData, type StoredData } from '../../../src/shared/settings';

const URL = 'https://packs.example.com/team.json';
const good = { id: 'team', version: '1.0.0' };
function subscribed(): StoredData {
  const data = emptyStoredData();
  data.subscriptions[URL] = { url: URL, managed: false, spec: good, etag: '"1"', lastGoodAt: 100, failures: 0 };
  return data;
}

test('a new valid version replaces the pack and its validators', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'new', id: 'team', spec: { id: 'team', version: '2.0.0' }, etag: '"2"' }, 200);
  expect(data.subscriptions[URL]).toEqual({ url: URL, managed: false, spec: { id: 'team', version: '2.0.0' }, etag: '"2"', lastModified: undefined, lastGoodAt: 200, lastCheckedAt: 200, failures: 0 });
});

test('304 Not Modified confirms the pack is current', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'unchanged' }, 300);
  expect(data.subscriptions[URL]).toMatchObject({ spec: good, etag: '"1"', lastGoodAt: 300, lastCheckedAt: 300, failures: 0 });
  expect(data.subscriptions[URL].lastError).toBeUndefined();
});

test('a refused version keeps the last good pack and records why', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'refused', errors: [{ pack: 'team', rule: 'r1', field: 'examples.flag[0]', message: 'was not flagged' }] }, 400);
  const sub = data.subscriptions[URL];
  expect(sub.spec).toBe(good);
  expect(sub.lastGoodAt).toBe(100);
  expect(sub.lastError).toEqual({ message: 'The new version was refused: rule "r1": field "examples.flag[0]": was not flagged', at: 400 });
  expect(sub.failures).toBe(0);
});

test('network failures keep the pack and count up for the back-off', () => {
  const data = subscribed();
  applyOutcome(data, URL, { kind: 'network', message: 'Could not reach the server' }, 500);
  applyOutcome(data, URL, { kind: 'network', message: 'Could not reach the server' }, 600);
  expect(data.subscriptions[URL]).toMatchObject({ spec: good, lastGoodAt: 100, failures: 2, lastError: { at: 600 } });
  applyOutcome(data, URL, { kind: 'unchanged' }, 700);
  expect(data.subscriptions[URL].failures).toBe(0);
});

test('a subscription removed while its fetch ran stays removed', () => {
  const data = emptyStoredData();
  applyOutcome(data, URL, { kind: 'new', id: 'team', spec: good }, 1);
  expect(data.subscriptions).toEqual({});
});

test('retries back off 1, 2, 4 … minutes, never beyond the refresh period', () => {
  expect([1, 2, 3, 4, 9, 30].map((f) => retryDelayMinutes(f, 360))).toEqual([1, 2, 4, 8, 256, 360]);
});
