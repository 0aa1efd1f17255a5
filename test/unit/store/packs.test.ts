// Which packs are in use and which rules are on, from built-in packs, the policy and stored data.
import { buildView, cachedCompiler, exportJson, packInfos, ruleChanges, ruleInfos } from '../../../src/background/packs';
import { normalizePolicy } from '../../../src/background/policy';
import { emptyStoredData, type StoredData } from '../../../src/shared/settings';

const rule = (id: string, word: string) => ({
  id,
  category: 'cant',
  phrases: [word],
  message: `Avoid “${word}”.`,
  explanation: 'Say what you can do.',
  examples: { flag: [`We ${word} do that.`], pass: ['We will do that.'] },
});
const pack = (id: string, version: string, rules: object[] = [rule('a', 'cannot')]) => ({ id, name: id.toUpperCase(), version, language: 'en', rules });
const compile = cachedCompiler();
const data = (over: Partial<StoredData> = {}): StoredData => ({ ...emptyStoredData(), ...over });

test('built-in, subscribed and imported packs are all active, with their sources', () => {
  const view = buildView(
    [pack('core', '1.0.0')],
    normalizePolicy(undefined),
    data({
      imported: { mine: { spec: pack('mine', '0.1.0'), installedAt: 7 } },
      subscriptions: { 'https://x/p.json': { url: 'https://x/p.json', managed: false, spec: pack('team', '2.0.0'), lastGoodAt: 9, failures: 0 } },
    }),
    compile,
  );
  expect(view.entries.map((e) => [e.id, e.source])).toEqual([['core', 'builtin'], ['team', 'subscribed'], ['mine', 'imported']]);
  expect(view.enabledPacks.map((p) => p.id)).toEqual(['core', 'team', 'mine']);
  expect(view.problems).toEqual([]);
});

test('a pack whose id is taken by a higher source is reported, not used', () => {
  const view = buildView([pack('core', '1.0.0')], normalizePolicy(undefined), data({ imported: { core: { spec: pack('core', '9.0.0'), installedAt: 1 } } }), compile);
  expect(view.entries.map((e) => `${e.id}@${e.compiled.version}`)).toEqual(['core@1.0.0']);
  expect(view.problems[0]).toMatch(/"core" from an imported file is not used/);
});

test('switched-off packs and rules are off, unless the policy locks them', () => {
  const policy = normalizePolicy({ packs: [{ pack: pack('org', '1.0.0', [rule('a', 'cannot'), rule('b', 'can not')]) }], lockedPacks: ['org'], lockedRules: ['core/b'] });
  const stored = data({ disabledPacks: ['org', 'core'], disabledRules: ['org/a', 'core/a', 'core/b'] });
  const view = buildView([pack('core', '1.0.0', [rule('a', 'cannot'), rule('b', 'unable to')])], policy, stored, compile);
  expect(view.enabledPacks.map((p) => p.id)).toEqual(['org']);
  expect(view.lockedRules).toEqual(['core/b', 'org/a', 'org/b']);
  expect(view.disabledRules).toEqual(['core/a']);
  const infos = packInfos(view, stored);
  expect(infos.map((p) => [p.id, p.source, p.enabled, p.locked])).toEqual([['org', 'managed', true, true], ['core', 'builtin', false, false]]);
  const rules = ruleInfos(view);
  expect(rules.find((r) => r.ruleId === 'core/b')).toMatchObject({ enabled: true, locked: true });
  expect(rules.find((r) => r.ruleId === 'core/a')).toMatchObject({ enabled: false, locked: false });
});

test('an invalid stored or managed pack is reported and skipped; the others stay', () => {
  const broken = { ...pack('bad', '1.0.0'), rules: [{ ...rule('a', 'cannot'), examples: { flag: ['Nothing here.'], pass: ['x'] } }] };
  const view = buildView([pack('core', '1.0.0')], normalizePolicy({ packs: [{ pack: broken }] }), data(), compile);
  expect(view.entries.map((e) => e.id)).toEqual(['core']);
  expect(view.problems).toHaveLength(1);
  expect(view.problems[0]).toMatch(/enterprise policy is not valid: rule "a"/);
});

test('rule changes between two versions', () => {
  const v1 = pack('p', '1.0.0', [rule('a', 'cannot'), rule('b', 'unable to'), rule('c', 'can not')]);
  const v2 = pack('p', '2.0.0', [rule('a', 'cannot'), { ...rule('b', 'unable to'), message: 'New words.' }, rule('d', 'won’t')]);
  expect(ruleChanges(v1, v2)).toEqual({ added: ['d'], changed: ['b'], removed: ['c'] });
});

/** The object as Chromium's storage hands it back: every object's keys sorted. */
const keysSorted = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(keysSorted) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, keysSorted(v)])) : value;

test('the same pack read back from storage with its keys sorted has no changed rules', () => {
  const file = pack('p', '1.0.0', [{ ...rule('a', 'cannot'), severity: 'error', suggestions: ['can'] }, rule('b', 'unable to')]);
  expect(ruleChanges(keysSorted(file), file)).toEqual({ added: [], changed: [], removed: [] });
});

test('a rule written without a severity is the same rule as one with the default severity', () => {
  expect(ruleChanges(pack('p', '1.0.0'), pack('p', '1.0.0', [{ ...rule('a', 'cannot'), severity: 'warning' }]))).toEqual({ added: [], changed: [], removed: [] });
});

test('an exported pack has its keys in the schema order, whatever order it was stored in', () => {
  const file = { ...pack('p', '1.0.0'), categories: { zeta: { label: 'Zeta', colour: '#123456' }, alpha: { colour: '#abcdef', label: 'Alpha' } } };
  const exported = exportJson(keysSorted(file));
  expect(exported).toBe(exportJson(file));
  expect(Object.keys(JSON.parse(exported))).toEqual(['id', 'name', 'version', 'language', 'categories', 'rules']);
  expect(Object.keys(JSON.parse(exported).rules[0])).toEqual(['id', 'category', 'severity', 'phrases', 'message', 'explanation', 'examples']);
  expect(Object.keys(JSON.parse(exported).categories)).toEqual(['alpha', 'zeta']);
  expect(Object.keys(JSON.parse(exported).categories.alpha)).toEqual(['label', 'colour']);
});
