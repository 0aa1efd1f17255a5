// The stored data format: whatever storage holds comes back in the current format, damaged fields dropped.
import { emptyStoredData, migrateStats, migrateStoredData, STORE_VERSION } from '../../../src/shared/settings';

test('nothing stored yet gives empty settings of the current version', () => {
  expect(migrateStoredData(undefined)).toEqual(emptyStoredData());
  expect(migrateStoredData('garbage').version).toBe(STORE_VERSION);
});

test('valid stored data round-trips unchanged', () => {
  const data = {
    ...emptyStoredData(),
    imported: { acme: { spec: { id: 'acme' }, installedAt: 5 } },
    subscriptions: {
      'https://p.example/a.json': { url: 'https://p.example/a.json', managed: false, spec: { id: 'a' }, bodyHash: 'ab12', lastGoodAt: 9, lastCheckedAt: 10, lastSuccessAt: 9, lastOutcome: 'failed', retryAfter: 70, failures: 2, lastError: { message: 'down', at: 10 } },
    },
    disabledPacks: ['x'],
    disabledRules: ['x/y'],
    customSites: ['https://support.acme.com'],
    pausedOrigins: ['https://acme.zendesk.com'],
  };
  expect(migrateStoredData(JSON.parse(JSON.stringify(data)))).toEqual(data);
});

test('validators stored by older builds (etag, lastModified) are dropped: the browser cache keeps its own', () => {
  const data = migrateStoredData({ version: STORE_VERSION, subscriptions: { 'https://a/x': { spec: { id: 'a' }, etag: '"1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT', lastOutcome: 'exploded', failures: 0 } } });
  expect(data.subscriptions['https://a/x']).toEqual({ url: 'https://a/x', managed: false, spec: { id: 'a' }, failures: 0 });
});

test('damaged fields are dropped, the rest kept', () => {
  const data = migrateStoredData({
    version: STORE_VERSION,
    imported: { good: { spec: { id: 'good' }, installedAt: 1 }, bad: { spec: 'nope' }, worse: 3 },
    subscriptions: { 'https://a/x': { failures: 'many' }, 'https://b/y': null },
    disabledRules: ['a/b', 7, 'a/b', null],
    customSites: 'https://x',
  });
  expect(Object.keys(data.imported)).toEqual(['good']);
  expect(data.subscriptions['https://a/x']).toEqual({ url: 'https://a/x', managed: false, failures: 0 });
  expect(data.subscriptions['https://b/y']).toBeUndefined();
  expect(data.disabledRules).toEqual(['a/b']);
  expect(data.customSites).toEqual([]);
});

test('data from a newer version is read as far as this version understands it', () => {
  const data = migrateStoredData({ version: STORE_VERSION + 1, disabledRules: ['p/r'], somethingNew: { a: 1 } });
  expect(data.disabledRules).toEqual(['p/r']);
  expect(data).not.toHaveProperty('somethingNew');
});

test('statistics keep only well-formed days and counts', () => {
  const stats = migrateStats({ days: { '2026-11-01': { 'p/r': [1, 2, 3, 4], 'p/bad': [1, 2] }, yesterday: { 'p/r': [1, 1, 1, 1] } } });
  expect(stats.days).toEqual({ '2026-11-01': { 'p/r': [1, 2, 3, 4] } });
});
