import { verbPhrase } from '../../../src/engine/transforms/verb-phrase';
import { compilePack, Analyzer } from '../../../src/engine';
import type { TransformContext } from '../../../src/engine/transforms';

const run = (match: string, captures: Record<string, string>, args: Record<string, string>) =>
  verbPhrase({ match, captures, args, sentence: match, before: '', after: '' } satisfies TransformContext);

describe('verb-phrase transform', () => {
  it('puts the captured verb in the asked form between fixed words', () => {
    expect(run('You should have checked', { done: 'checked' }, { capture: 'done', before: 'next time, it helps to ' })).toBe('Next time, it helps to check');
    expect(run('did you even read the email', { action: 'read the email' }, { before: 'have you had a chance to ', after: '?' })).toBe('have you had a chance to read the email?');
    expect(run('have you even tried restarting', { action: 'tried restarting' }, { before: 'have you had a chance to ' })).toBe('have you had a chance to try restarting');
    expect(run('we cannot assist with travel', { action: 'assist with travel' }, { form: 'gerund' })).toBe('assisting with travel');
    expect(run('they give it', { action: 'give it' }, { form: 'past' })).toBe('gave it');
  });

  it('returns null for a missing capture, an unknown form or a phrase without a verb', () => {
    expect(run('x', {}, {})).toBeNull();
    expect(run('x', { action: 'read it' }, { form: 'subjunctive' })).toBeNull();
    expect(run('x', { action: 'the blue one' }, {})).toBeNull();
  });

  it('works from any pack, and its result replaces exactly the flagged words', () => {
    const result = compilePack({
      id: 'team-pack',
      name: 'Team pack',
      version: '1.0.0',
      language: 'en',
      rules: [
        {
          id: 'should-have',
          category: 'broken',
          pattern: 'you should have [<done>#PastTense]',
          message: 'Say what helps next time.',
          explanation: 'Looking back for the customer’s fault makes them defensive.',
          suggestions: [{ transform: 'verb-phrase', args: { capture: 'done', before: 'next time, it helps to ' } }],
          examples: { flag: ['You should have called us.'], pass: ['You should call us.'] },
        },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const text = 'Honestly, you should have booked earlier.';
    const [finding] = new Analyzer([result.pack]).analyze(text);
    expect(finding.text).toBe('you should have booked');
    expect(text.slice(0, finding.start) + finding.suggestions[0] + text.slice(finding.end)).toBe('Honestly, next time, it helps to book earlier.');
  });
});
