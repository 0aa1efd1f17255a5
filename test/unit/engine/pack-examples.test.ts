// Every rule's own examples, of every pack in rules/, as generated test cases: each flag example is
// flagged by that rule and each pass example is not, analysed as a draft through the Analyzer.
import { Analyzer, compilePack } from '../../../src/engine';
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
    ...rule.examples.flag.map((text) => ({ rule, text, flagged: true })),
    ...rule.examples.pass.map((text) => ({ rule, text, flagged: false })),
  ]);
  test.each(cases.map((c) => [c.rule.fullId, c.flagged ? 'flags' : 'passes', c.text, c] as const))('%s %s %j', (_id, _verb, text, c) => {
    const onlyThisRule = new Analyzer([pack], { disabledRules: pack.rules.filter((r) => r !== c.rule).map((r) => r.fullId) });
    const findings = onlyThisRule.analyze(text);
    expect(findings.some((f) => f.ruleId === c.rule.fullId)).toBe(c.flagged);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});
