// A rule that throws on one sentence (a bug in a matcher or a transform, or input it chokes on)
// costs only that rule on that sentence: the rest of the draft is still coached and nothing throws.
import { Analyzer, compilePack, type CompiledPack, type CompiledRule } from '../../../src/engine';

function pack(): CompiledPack {
  const rule = (id: string, phrase: string) => ({
    id,
    category: 'cant',
    phrases: [phrase],
    message: 'Say what you can do.',
    explanation: 'Lead with what you can do.',
    suggestions: ['we can'],
    examples: { flag: [`Sorry, ${phrase} do that.`], pass: ['We will do that.'] },
  });
  const result = compilePack({ id: 'team', name: 'Team', version: '1.0.0', language: 'en', rules: [rule('cant', "we can't"), rule('unable', 'unable to')] });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

/** The same pack with rule `id` made to throw on any sentence containing BOOM, at the given stage. */
function sabotaged(id: string, stage: 'matcher' | 'suggestion'): CompiledPack {
  const base = pack();
  const rules = base.rules.map((r): CompiledRule => {
    if (r.id !== id) return r;
    if (stage === 'matcher') {
      return {
        ...r,
        matcher: {
          ...r.matcher,
          find: (sentence) => {
            if (sentence.text.includes('BOOM')) throw new Error('matcher exploded');
            return r.matcher.find(sentence);
          },
        },
      };
    }
    return {
      ...r,
      suggestions: [
        (context) => {
          if (context.sentence.includes('BOOM')) throw new Error('transform exploded');
          return r.suggestions[0](context);
        },
      ],
    };
  });
  return { ...base, rules };
}

const draft = "We can't refund it today. BOOM, we can't ship it and we are unable to call. Sadly we can't wait.";

test.each(['matcher', 'suggestion'] as const)('a %s that throws on one sentence: the other sentences are still coached', (stage) => {
  const errors: string[] = [];
  const analyzer = new Analyzer([sabotaged('cant', stage)], { onRuleError: (ruleId) => errors.push(ruleId) });
  const findings = analyzer.analyze(draft);
  const cant = findings.filter((f) => f.ruleId === 'team/cant');
  // First and third sentences still flagged, with the right offsets and suggestions.
  expect(cant.map((f) => f.start)).toEqual([0, draft.lastIndexOf("we can't")]);
  expect(cant.map((f) => f.suggestions)).toEqual([['We can'], ['we can']]);
  // The other rule still coaches the sentence that broke the first one.
  expect(findings.filter((f) => f.ruleId === 'team/unable').map((f) => f.text.toLowerCase())).toEqual(['unable to']);
  expect(errors).toEqual(['team/cant']);
});

test('re-analyzing after an edit elsewhere does not throw either, and the broken sentence recovers when edited', () => {
  const analyzer = new Analyzer([sabotaged('cant', 'matcher')]);
  expect(() => analyzer.analyze(draft)).not.toThrow();
  const edited = draft.replace('BOOM, ', 'Also ');
  expect(analyzer.analyze(edited).filter((f) => f.ruleId === 'team/cant')).toHaveLength(3);
});
