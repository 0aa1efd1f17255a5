import { canDo } from '../../../src/engine/transforms/can-do';
import type { TransformContext } from '../../../src/engine/transforms';

const run = (match: string, captures: Record<string, string>, args: Record<string, string> = {}) =>
  canDo({ match, captures, args, sentence: match, before: '', after: '' } satisfies TransformContext);

describe('can-do transform', () => {
  it('leads with what the speaker can do, keeping the request in their words', () => {
    expect(run('we can’t refund this order', { who: 'we', action: 'refund this order' })).toBe('instead of refunding this order, what I can do is [what you can offer]');
    expect(run('We cannot make exceptions to the deadline', { who: 'We', action: 'make exceptions to the deadline' })).toBe('Instead of making exceptions to the deadline, what I can do is [what you can offer]');
  });

  it('keeps "I" a capital and defaults to it', () => {
    expect(run('I am unable to help you with that', { who: 'I', action: 'help you with that' })).toBe('Instead of helping you with that, what I can do is [what you can offer]');
    expect(run('it is not possible to merge accounts', { action: 'to merge accounts' })).toBe('instead of merging accounts, what I can do is [what you can offer]');
  });

  it('keeps a leading adverb in place', () => {
    expect(run('we can’t currently offer that', { who: 'we', action: 'currently offer that' })).toBe('instead of currently offering that, what I can do is [what you can offer]');
  });

  it('turns an alternative the agent already wrote into the lead', () => {
    expect(run('we can’t refund it but we can offer store credit', { who: 'we', action: 'refund it but we can offer store credit' })).toBe('what I can do is offer store credit');
  });

  it('offers nothing rather than dropping a reason the agent gave', () => {
    expect(run('we can’t refund it because it was opened', { who: 'we', action: 'refund it because it was opened' })).toBeNull();
  });

  it('offers the plain lead when there is no request to keep', () => {
    expect(run('That is not possible', {})).toBe('What I can do is [what you can offer]');
  });

  it('has a "while" frame and a custom gap', () => {
    expect(run('we can’t ship to PO boxes', { who: 'we', action: 'ship to PO boxes' }, { frame: 'while', gap: '[option]' })).toBe('while we can’t ship to PO boxes, what I can do is [option]');
  });

  it('keeps a refusal in the past in the agent\'s own words and leads with what can be done now', () => {
    expect(run('We couldn’t waive the fee', { who: 'We', not: 'couldn’t', action: 'waive the fee' }, { frame: 'while' })).toBe('While we couldn’t waive the fee, what I can do now is [what you can offer]');
    expect(run('I was unable to cancel the renewal', { who: 'I', not: 'was  unable to', action: 'cancel the renewal' }, { frame: 'while' })).toBe('While I was unable to cancel the renewal, what I can do now is [what you can offer]');
    expect(run('we haven’t been able to approve it', { who: 'we', not: 'haven’t been able to', action: 'approve it' })).toBe('instead of approving it, what I can do now is [what you can offer]');
    expect(run('we weren’t able to refund it but we can offer credit', { who: 'we', not: 'weren’t able to', action: 'refund it but we can offer credit' })).toBe('what I can do now is offer credit');
  });

  it('keeps a reason the agent gave in the "while" frame', () => {
    expect(run('we couldn’t approve the refund because the item was used', { who: 'we', not: 'couldn’t', action: 'approve the refund because the item was used' }, { frame: 'while' })).toBe(
      'while we couldn’t approve the refund because the item was used, what I can do now is [what you can offer]',
    );
    expect(run('we can’t refund it so I have sent a voucher', { who: 'we', action: 'refund it so I have sent a voucher' }, { frame: 'while' })).toBeNull();
  });

  it('joins a contracted negation to its speaker, and takes in a condition that follows the refusal', () => {
    expect(run('We’re unable to change the seat', { who: 'We', not: '’re unable to', action: 'change the seat' }, { frame: 'while' })).toBe('While we’re unable to change the seat, what I can do is [what you can offer]');
    const ctx = (frame?: string) =>
      canDo({ match: 'cannot be redirected', captures: { who: 'the package', not: 'cannot be', action: 'redirected' }, args: frame ? { frame } : {}, sentence: 'The package cannot be redirected once it has shipped.', before: 'The package ', after: ' once it has shipped.' });
    expect(ctx('while')).toEqual({ text: 'while the package cannot be redirected once it has shipped, what I can do is [what you can offer]', after: ' once it has shipped'.length });
    expect(ctx()).toBeNull();
  });

  it('returns null when the action does not start with a verb', () => {
    expect(run('we can’t the the', { who: 'we', action: 'the the' })).toBeNull();
  });
});
