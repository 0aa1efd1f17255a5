// The pack editor's model (src/options/editor/draft.ts): a pack opened in the editor and exported
// unchanged is the same pack, field for field and key for key, for every rule kind and every kind
// of rule (context rules with their customer condition, unlessDraft, at, check and customer-message
// examples; clause rules; object exceptions; transform suggestions; spaces that matter).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalPack } from '../../../src/engine';
import type { PackSpec } from '../../../src/engine/types';
import {
  checkDraft, contextExampleLines, contextExamples, draftFromSpec, emptyRule, entryLine, newPackDraft, packSpec, policyEntry, ruleSpec, type PackDraft,
} from '../../../src/options/editor/draft';
import { packFiles, root } from '../engine/support';

const packs = packFiles().map((file) => [file, JSON.parse(readFileSync(join(root, 'rules', file), 'utf8')) as PackSpec] as const);

/** The same value with every object's keys sorted: what a browser's storage hands back. */
const sortedKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortedKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])])) : v;

describe.each(packs)('%s through the editor', (file, pack) => {
  test('exports as the same JSON it was opened from (keys in the schema’s order)', () => {
    const exported = packSpec(draftFromSpec(pack));
    expect(exported).toEqual(pack);
    expect(JSON.stringify(exported)).toBe(JSON.stringify(canonicalPack(pack)));
    // Opened from storage (keys sorted), it exports the same text.
    expect(JSON.stringify(packSpec(draftFromSpec(sortedKeys(pack) as PackSpec)))).toBe(JSON.stringify(exported));
  });

  test('is valid in the editor, every example passing', () => {
    const check = checkDraft(draftFromSpec(pack));
    expect(check.pack.ok ? [] : check.pack.errors).toEqual([]);
    for (const rule of check.rules) {
      expect({ file, rule: rule.key, errors: rule.errors }).toEqual({ file, rule: rule.key, errors: [] });
      expect([...rule.flag, ...rule.pass].filter((r) => !r.ok)).toEqual([]);
    }
  });
});

const contextPack = packs.find(([file]) => file === 'cando-context.json')![1];

test('a context rule shows its condition, exceptions in the draft, place and check as their own fields', () => {
  const rule = contextPack.rules.find((r) => r.check && r.at && r.customer)!;
  const draft = draftFromSpec({ ...contextPack, rules: [rule] }).rules[0];
  const kind = Object.keys(rule.customer!).find((k) => k !== 'unless')!;
  expect(draft.customerKind).toBe(kind);
  expect(draft.at).toBe(rule.at);
  expect(draft.check).toBe(rule.check);
  expect(draft.other).toEqual({});
  // Its examples edit as customer message, name and reply, and go back as they were.
  const examples = contextExamples(draft.flag);
  expect(examples[0].customer).toBe((rule.examples.flag[0] as { customer: string }).customer);
  expect(contextExampleLines(examples)).toBe(draft.flag);
});

test('editing a context rule’s fields changes exactly those fields', () => {
  const rule = contextPack.rules.find((r) => r.unlessDraft)!;
  const draft = draftFromSpec({ ...contextPack, rules: [rule] }).rules[0];
  const examples = contextExamples(draft.pass);
  examples.push({ customer: 'Where is my parcel?', customerName: 'Ana', text: 'Hi Ana, it left our warehouse today.' });
  const edited = ruleSpec({ ...draft, unlessDraft: `${draft.unlessDraft}\nright away`, at: 'closing', check: '', pass: contextExampleLines(examples) });
  expect(edited.unlessDraft).toEqual([...rule.unlessDraft!, 'right away']);
  expect(edited.at).toBe('closing');
  expect(edited).not.toHaveProperty('check');
  expect((edited.examples as { pass: unknown[] }).pass.at(-1)).toEqual({ customer: 'Where is my parcel?', customerName: 'Ana', text: 'Hi Ana, it left our warehouse today.' });
  expect(edited.customer).toEqual(rule.customer);
  // Turning the condition off makes it an ordinary rule: no customer field left behind.
  expect(ruleSpec({ ...draft, customerKind: '' })).not.toHaveProperty('customer');
});

test('list entries a bare line would change are written as JSON and read back exactly', () => {
  for (const entry of [' but', 'and ', '', '"quoted"', '{walk}', { clause: { subject: ['speaker'], negated: true } }, { transform: 'can-do' }, 'two\nlines'])
    expect(JSON.parse(JSON.stringify(ruleSpec(emptyRule({ unless: entryLine(entry), suggestions: entryLine(entry) }))))).toMatchObject(
      entry === '' ? { suggestions: [''] } : { unless: [entry], suggestions: [entry] },
    );
  expect(entryLine('we can’t')).toBe('we can’t');
  // A pattern or regex is kept as typed: a space in a regex matters.
  expect(ruleSpec(emptyRule({ kind: 'regex', matcher: 'per my last email ' })).regex).toBe('per my last email ');
});

test('a rule that left severity out keeps it out until the lead picks one', () => {
  const draft = draftFromSpec({ id: 'p', name: 'P', version: '1.0.0', language: 'en', rules: [{ id: 'r', category: 'cant', phrases: ['x'], message: 'm', explanation: 'e', examples: { flag: ['x'], pass: ['y'] } }] });
  expect(ruleSpec(draft.rules[0])).not.toHaveProperty('severity');
  expect(ruleSpec({ ...draft.rules[0], severity: 'error' }).severity).toBe('error');
  expect(ruleSpec({ ...draft.rules[0], severityWritten: true }).severity).toBe('warning');
});

test('fields the form has no input for ($schema, a field added to the format later) are written back as they were', () => {
  const pack = { $schema: './pack.schema.json', id: 'p', name: 'P', version: '1.0.0', language: 'en', rules: [{ id: 'r', category: 'cant', phrases: ['x'], message: 'm', explanation: 'e', examples: { flag: ['x'], pass: ['y'] }, later: { a: 1 } }] };
  const draft: PackDraft = draftFromSpec(pack as unknown as PackSpec);
  expect(packSpec(draft)).toEqual(pack);
  expect(Object.keys(packSpec(newPackDraft()))).not.toContain('$schema');
});

test('the policy entry carries the pack as a JSON string, as `cando policy` writes it, so context rules and clause frames reach the browser whole', () => {
  const spec = packSpec(draftFromSpec(contextPack));
  expect(JSON.parse(JSON.parse(policyEntry(spec)).json)).toEqual(spec);
});
