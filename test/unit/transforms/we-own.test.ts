import { weOwn } from '../../../src/engine/transforms/we-own';
import type { TransformContext } from '../../../src/engine/transforms';

const run = (match: string, captures: Record<string, string>, args: Record<string, string> = {}) =>
  weOwn({ match, captures, args, sentence: match, before: '', after: '' } satisfies TransformContext);

describe('we-own transform', () => {
  it('owns a third party’s past action with "we"', () => {
    expect(run('the warehouse shipped the wrong item', { verb: 'shipped the wrong item' }, { lead: 'it seems' })).toBe('it seems we shipped the wrong item');
    expect(run('My colleague made a mistake on your order', { verb: 'made a mistake on your order' })).toBe('We made a mistake on your order');
  });

  it('makes auxiliaries and present-tense verbs agree with "we"', () => {
    expect(run('the courier has lost your parcel', { verb: 'has lost your parcel' })).toBe('we have lost your parcel');
    expect(run('the courier is holding your parcel', { verb: 'is holding your parcel' })).toBe('we are holding your parcel');
    expect(run('the courier was late', { verb: 'was late' })).toBe('we were late');
    expect(run('the system charges you twice', { verb: 'charges you twice' })).toBe('we charge you twice');
    expect(run('the store doesn’t stock it', { verb: 'doesn’t stock it' })).toBe("we don't stock it");
    expect(run('the team hasn’t replied', { verb: 'hasn’t replied' })).toBe("we haven't replied");
  });

  it('keeps the flagged words that go on past the verb (a clause rule captures the verb alone)', () => {
    expect(run('our courier messed it up', { verb: 'messed' }, { lead: 'it seems' })).toBe('it seems we messed it up');
    expect(run('The driver left it at the wrong door', { verb: 'left' })).toBe('We left it at the wrong door');
  });

  it('turns the passive into an owned active sentence', () => {
    expect(run('Mistakes were made', { thing: 'Mistakes', participle: 'made' })).toBe('We made mistakes');
    expect(run('an error was made', { thing: 'an error', participle: 'made' }, { lead: 'it seems' })).toBe('it seems we made an error');
    expect(run('your parcel was lost by the', { thing: 'your parcel', participle: 'lost' })).toBe('we lost your parcel');
  });

  it('takes in a determiner before the passive and the culprit after it', () => {
    const own = (before: string, match: string, after: string, captures: Record<string, string>) => weOwn({ match, captures, args: {}, sentence: `${before}${match}${after}`, before, after });
    expect(own('Any', ' errors were made', ' by the previous account manager.', { thing: ' errors', participle: 'made' })).toEqual({ text: 'We made errors', before: 'Any'.length, after: ' by the previous account manager'.length });
    expect(own('Sadly ', 'the mistakes were made', ' by our courier, sorry.', { thing: 'the mistakes', participle: 'made' })).toEqual({ text: 'we made the mistakes', before: 0, after: ' by our courier'.length });
  });

  it('returns null without a verb to own', () => {
    expect(run('the courier', {})).toBeNull();
  });
});
