// Enterprise policy as storage.managed delivers it: each field checked on its own.
import { DEFAULT_FETCH_TIMEOUT_SECONDS, DEFAULT_REFRESH_MINUTES, normalizePolicy, subscriptionUrlProblem } from '../../../src/background/policy';

test('no policy: nothing managed, import allowed, default refresh', () => {
  for (const raw of [undefined, {}, null]) {
    const p = normalizePolicy(raw);
    expect(p.present).toBe(false);
    expect(p.allowImport).toBe(true);
    expect(p.refreshMinutes).toBe(DEFAULT_REFRESH_MINUTES);
  }
});

test('packs inline, as JSON text and as URLs; bad entries reported, not fatal', () => {
  const pack = { id: 'acme', name: 'Acme', version: '1', language: 'en', rules: [] };
  const p = normalizePolicy({
    packs: [{ pack }, { json: JSON.stringify({ ...pack, id: 'acme2' }) }, { url: 'https://packs.acme.com/a.json' }, { url: 'http://packs.acme.com/a.json' }, { json: '{' }, 'x'],
    lockedPacks: ['acme', 3],
    lockedRules: ['acme/r1'],
    allowImport: false,
    refreshMinutes: 1,
  });
  expect(p.present).toBe(true);
  expect(p.inlinePacks.map((x) => (x as { id: string }).id)).toEqual(['acme', 'acme2']);
  expect(p.subscriptionUrls).toEqual(['https://packs.acme.com/a.json']);
  expect(p.problems).toHaveLength(3);
  expect(p.problems[0]).toMatch(/Policy pack 4: .*https/);
  expect(p.lockedPacks).toEqual(['acme']);
  expect(p.lockedRules).toEqual(['acme/r1']);
  expect(p.allowImport).toBe(false);
  expect(p.refreshMinutes).toBe(15);
});

test('the pack download time-out: 30 s by default, kept within 1 to 300 s', () => {
  expect(normalizePolicy({ packs: [] }).fetchTimeoutSeconds).toBe(DEFAULT_FETCH_TIMEOUT_SECONDS);
  expect([0, 2.4, 90, 1e6, 'x'].map((t) => normalizePolicy({ fetchTimeoutSeconds: t }).fetchTimeoutSeconds)).toEqual([1, 2, 90, 300, 30]);
});

test('subscription URLs: https anywhere, http only on this machine', () => {
  expect(subscriptionUrlProblem('https://packs.example.com/p.json')).toBeNull();
  expect(subscriptionUrlProblem('http://localhost:8080/p.json')).toBeNull();
  expect(subscriptionUrlProblem('http://127.0.0.1:9/p.json')).toBeNull();
  expect(subscriptionUrlProblem('http://example.com/p.json')).toMatch(/https/);
  expect(subscriptionUrlProblem('ftp://example.com/p.json')).toMatch(/https/);
  expect(subscriptionUrlProblem('not a url')).toMatch(/not a URL/);
});
