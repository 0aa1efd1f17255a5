// A pack's own categories: declared with a label and a colour, carried by its findings.
import { Analyzer, compilePack } from '../../../src/engine';

const rule = (id: string, category: string, phrase: string) => ({
  id,
  category,
  phrases: [phrase],
  message: `Leave out “${phrase}”.`,
  explanation: 'It reads as a form letter.',
  examples: { flag: [`We ${phrase} it.`], pass: ['We fixed it.'] },
});
const pack = {
  id: 'acme',
  name: 'Acme',
  version: '1.0.0',
  language: 'en',
  categories: { jargon: { label: 'Internal jargon', colour: '#0B7285' } },
  rules: [rule('escalate', 'jargon', 'escalated'), rule('sadly', 'apology', 'sadly did'), rule('p1', 'unlabelled', 'triaged')],
};

test('a finding of a declared category carries its label and colour (colour in lower case)', () => {
  const compiled = compilePack(pack);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const findings = new Analyzer([compiled.pack]).analyze('We escalated it. We sadly did it. We triaged it.');
  expect(findings.map((f) => [f.category, f.categoryStyle])).toEqual([
    ['jargon', { label: 'Internal jargon', colour: '#0b7285' }],
    ['apology', undefined],
    ['unlabelled', undefined],
  ]);
});

test.each([
  ['a core category', { cant: { label: 'No', colour: '#000000' } }, 'categories.cant'],
  ['a colour name', { jargon: { label: 'Jargon', colour: 'teal' } }, 'categories.jargon.colour'],
  ['markup in a label', { jargon: { label: '<b>Jargon</b>', colour: '#000000' } }, 'categories.jargon.label'],
  ['an unknown field', { jargon: { label: 'Jargon', colour: '#000000', icon: 'x' } }, 'categories.jargon.icon'],
  ['a prototype key', JSON.parse('{"__proto__": {"label": "x", "colour": "#000000"}}'), 'categories.__proto__'],
  ['a list', [], 'categories'],
])('declaring %s is refused, naming the field', (_name, categories, field) => {
  const compiled = compilePack({ ...pack, categories });
  expect(compiled.ok).toBe(false);
  if (!compiled.ok) expect(compiled.errors.map((e) => e.field)).toContain(field);
});

test('a rule whose category is named like an object method gets no declared style', () => {
  const compiled = compilePack({ ...pack, rules: [rule('r', 'constructor', 'escalated')] });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  expect(compiled.pack.rules[0].categoryStyle).toBeUndefined();
});

test('every category a built-in pack uses has a name and colour: a core one, or one its pack declares (none shows as grey “Other”)', () => {
  const { builtinPackFiles } = require('../../../scripts/builtin-packs.mjs') as { builtinPackFiles: (root: string) => string[] };
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const { CORE_CATEGORIES } = require('../../../src/engine/types') as typeof import('../../../src/engine/types');
  const unnamed = builtinPackFiles(`${__dirname}/../../..`).flatMap((file) => {
    const spec = JSON.parse(readFileSync(file, 'utf8')) as { id: string; categories?: Record<string, unknown>; rules: { id: string; category: string }[] };
    return spec.rules.filter((r) => !(CORE_CATEGORIES as readonly string[]).includes(r.category) && !spec.categories?.[r.category]).map((r) => `${spec.id}/${r.id}: ${r.category}`);
  });
  expect(unnamed).toEqual([]);
});
