// Whatever storage holds — nothing, garbage, a damaged or hostile object, a version from the future
// or the past — reading it never throws, keeps every imported pack it can still read, and pollutes nothing.
import { emptyStoredData, migrateStoredData, STORE_VERSION } from '../../../src/shared/settings';

const spec = { id: 'team', name: 'Team', version: '1.0.0', language: 'en', rules: [] };

test.each([undefined, null, 0, 42, 'garbage', '{"version":1}', [], [1, 2], true, () => 1])('%p reads as empty data', (raw) => {
  expect(migrateStoredData(raw)).toEqual(emptyStoredData());
});

test.each([0, -1, -1e9, 0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1e9, '1', null])('a stored version of %p is read, not thrown on', (version) => {
  const data = migrateStoredData({ version, imported: { team: { spec, installedAt: 5 } }, disabledRules: ['a/b'] });
  expect(data.version).toBe(STORE_VERSION);
  expect(data.imported.team?.spec).toEqual(spec);
  expect(data.disabledRules).toEqual(['a/b']);
});

test('damaged entries are dropped one by one, each named: every readable imported pack and subscription stays', () => {
  const unreadable: string[] = [];
  const data = migrateStoredData({
    version: 1,
    imported: { team: { spec, installedAt: 1 }, broken: 42, half: { spec: 'not an object' }, nulled: null },
    subscriptions: { 'https://packs.example/a.json': { spec, failures: 'x' }, 'https://packs.example/b.json': 'garbage' },
    disabledPacks: ['ok', 7, null, 'ok'],
    customSites: 'not a list',
  }, unreadable);
  expect(Object.keys(data.imported)).toEqual(['team']);
  expect(Object.keys(data.subscriptions)).toEqual(['https://packs.example/a.json']);
  expect(data.subscriptions['https://packs.example/a.json'].failures).toBe(0);
  expect(data.disabledPacks).toEqual(['ok']);
  expect(data.customSites).toEqual([]);
  expect(unreadable).toEqual([
    'imported pack "broken"',
    'imported pack "half"',
    'imported pack "nulled"',
    'subscription https://packs.example/b.json',
    'the packs switched off',
    'the custom sites',
  ]);
});

test('nothing stored is nothing unreadable; a stored non-object is', () => {
  const none: string[] = [];
  migrateStoredData(undefined, none);
  expect(none).toEqual([]);
  const garbage: string[] = [];
  migrateStoredData('garbage', garbage);
  expect(garbage).toEqual(['the stored settings (not an object)']);
});

test('"__proto__" keys from storage (JSON makes them own keys) pollute nothing', () => {
  const raw = JSON.parse(
    `{"version":1,"__proto__":{"polluted":1},"imported":{"__proto__":{"spec":{"polluted":2},"installedAt":0},"team":{"spec":${JSON.stringify(spec)}}},"subscriptions":{"__proto__":{"spec":{}}}}`,
  );
  const data = migrateStoredData(raw);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf(data.imported)).toBe(Object.prototype);
  expect(data.imported.team?.spec).toEqual(spec);
  expect((data.imported as Record<string, unknown>).polluted).toBeUndefined();
});
