// Every rule's own examples, of every pack in rules/, as generated test cases: each flag example is
// flagged by that rule and each pass example is not, analyzed as a draft through the Analyzer (a
// context rule's example with its customer message).
import { Analyzer, compilePack, exampleText } from '../../../src/engine';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFile, packFiles, root } from './support';

describe.each(packFiles())('rules/%s', (file) => {
  test('compiles with all its examples passing', () => {
    const result = compilePack(readFileSync(join(root, 'rules', file), 'utf8'), { source: file });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  const pack = compileFile(file);
  const cases = pack.rules.flatMap((rule) => [
    ...rule.examples.flag.map((example) => ({ rule, example, flagged: true })),
    ...rule.examples.pass.map((example) => ({ rule, example, flagged: false })),
  ]);
  test.each(cases.map((c) => [c.rule.fullId, c.flagged ? 'flags' : 'passes', exampleText(c.example), c] as const))('%s %s %j', (_id, _verb, text, c) => {
    const onlyThisRule = new Analyzer([pack], { disabledRules: pack.rules.filter((r) => r !== c.rule).map((r) => r.fullId) });
    const { example } = c;
    const customer = typeof example === 'string' ? undefined : { text: example.customer, ...(example.customerName && { name: example.customerName }) };
    const findings = onlyThisRule.analyze(text, { customer });
    expect(findings.some((f) => f.ruleId === c.rule.fullId)).toBe(c.flagged);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});
