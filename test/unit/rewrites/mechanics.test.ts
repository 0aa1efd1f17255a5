// mechanics.ts: what splicing a suggestion into a sentence leaves behind. `tidy` repairs it
// (doubled commas, a capital mid-sentence, lower case in an ALL CAPS reply) and
// `mechanicalDefects` names what is still wrong; neither counts what the agent wrote themselves.
import { isAllCaps, mechanicalDefects, tidy } from '../../../src/engine/rewrite/mechanics';

describe('isAllCaps', () => {
  test.each([
    ['WE CANNOT REFUND THIS ORDER.', true],
    ['PLS CALL US ON 0800 123 456!!', true],
    ['WE CAN OFFER [WHAT YOU CAN OFFER].', true],
    ['We cannot refund this order.', false],
    ['FAQ', false], // too few letters to tell
    ['OK.', false],
    ['Your DHL parcel is at the PO box.', false],
    ['WE CAN OFFER [what you can offer].', true], // a gap's own words do not count
  ])('%j → %s', (sentence, caps) => expect(isAllCaps(sentence)).toBe(caps));
});

describe('tidy', () => {
  test.each([
    // doubled punctuation the splice made
    ['As I said, the link expires.', 'To recap,, the link expires.', 'To recap, the link expires.'],
    ['Sorry, but no.', 'I’m sorry, , I can [offer].', 'I’m sorry, I can [offer].'],
    ['Unfortunately, we can’t.', 'What I can do is [x],.', 'What I can do is [x].'],
    ['Like I said: it is closed.', 'To recap:, it is closed.', 'To recap: it is closed.'],
    // spaces
    ['We can’t refund it.', 'What I can do is  [x] .', 'What I can do is [x].'],
    ['We can’t refund it.', ', what I can do is [x].', 'What I can do is [x].'],
    // capitals: the sentence starts with one; nothing new mid-sentence, acronyms and "I" aside
    ['we can’t refund it', 'what I can do is [x]', 'What I can do is [x]'],
    ['We will get back to you ASAP.', 'We will get back to you By [day and time].', 'We will get back to you by [day and time].'],
    ['The FAQ says no.', 'The FAQ explains What I can do.', 'The FAQ explains what I can do.'],
    ['Call DHL, not us.', 'I’ll call DHL for you.', 'I’ll call DHL for you.'],
    ['Sarah can’t help.', 'Sarah will Help.', 'Sarah will help.'],
    ['Email the PO to us.', 'Email the PO and FAQ to us.', 'Email the PO and FAQ to us.'],
    // a sentence the splice started inside the rewrite starts with a capital; abbreviations and gaps aside
    ['Hi Dana, thanks for writing in.', 'Hi Dana, I’m sorry, and I’ll see it through. thanks for writing in.', 'Hi Dana, I’m sorry, and I’ll see it through. Thanks for writing in.'],
    ['hi dana, thanks. we can’t.', 'hi dana, thanks. I can [x].', 'Hi dana, thanks. I can [x].'],
    ['We can’t, sorry.', 'I can send a sample, e.g. the blue one.', 'I can send a sample, e.g. the blue one.'],
    ['We can’t, sorry.', 'I can send cables, adapters etc. as well.', 'I can send cables, adapters etc. as well.'],
    ['We can’t, sorry.', 'Sorry for [what went wrong, e.g. the late delivery].', 'Sorry for [what went wrong, e.g. the late delivery].'],
    // ALL CAPS replies stay in capitals
    ['WE CAN’T REFUND THIS.', 'What I can do is [what you can offer].', 'WHAT I CAN DO IS [WHAT YOU CAN OFFER].'],
    // a doubled word the splice made; the agent's own is kept
    ['You need to read it.', 'It helps to to read it.', 'It helps to read it.'],
    ['You need to to read it.', 'It helps to to read it.', 'It helps to to read it.'],
    ['It had had no effect, as I said.', 'It had had no effect.', 'It had had no effect.'],
    // what the agent wrote stays as written
    ['Wait… what?? We can’t.', 'Wait… what?? I can [x].', 'Wait… what?? I can [x].'],
  ])('%j: %j → %j', (original, candidate, tidied) => expect(tidy(original, candidate)).toBe(tidied));
});

describe('mechanicalDefects', () => {
  test.each([
    ['We can’t refund it.', 'What I can do is [what you can offer].', []],
    ['WE CAN’T REFUND IT.', 'WHAT I CAN DO IS [WHAT YOU CAN OFFER].', []],
    ['The FAQ says no.', 'The FAQ explains it.', []],
    ['Per the T&Cs, no.', 'Here is the reason, from the T&Cs.', []],
    // the agent's own doubled marks and words are theirs
    ['What?! We can’t.', 'What?! I can [x].', []],
    ['That that is, is.', 'That that is, is, I can [x].', []],
    // nothing left
    ['Sorry, no.', '...', ['nothing left']],
    // doubled punctuation and words
    ['As I said, no.', 'To recap,, no.', ['doubled punctuation']],
    ['As I said, no.', 'To recap, . No.', ['doubled punctuation']],
    ['We can’t.', 'I can [x]..', ['doubled punctuation']],
    ['We can’t do it.', 'I can can do [x].', ['doubled word']],
    // case
    ['WE CAN’T DO IT.', 'What I can do is [x].', ['lower case in an ALL CAPS sentence']],
    ['We can’t do it.', 'what I can do is [x].', ['sentence starts in lower case']],
    ['We can’t do it.', 'Sorry. what I can do is [x].', ['sentence starts in lower case']],
    ['we can’t. sorry.', 'I can [x]. sorry.', []],
    ['We can’t reply ASAP.', 'We will reply to you By [day and time].', ['capital mid-sentence']],
    ['We can’t do it.', 'I can do it And [x].', ['capital mid-sentence']],
    ['We can’t do it.', 'I can do itI’ll [x].', ['words run together']],
    ['We’re unable to do it.', 'While we ’re unable to do it, I can [x].', ['split contraction']],
    ['It ’s done, we can’t.', 'It ’s done, I can [x].', []],
    // stacked frames
    ['As I said, read it.', 'As to recap, read it.', ['stacked frames']],
    ['While we can’t refund it, we can help.', 'While instead of refunding it, we can help.', ['stacked frames']],
    ['It looks like the courier lost it.', 'It looks like it seems we lost it.', ['stacked frames']],
    ['We can’t, and we can’t.', 'What I can do is [x], and what I can do is [y].', ['stacked frames']],
    // dangling clause words
    ['We can’t refund it.', 'I can offer you a credit to.', ['dangling clause']],
    ['We can’t refund it because.', 'I can’t refund it because.', []],
    ['We can’t help, as the system is down.', 'What I can do is [x], as.', ['dangling clause']],
    // clauses run together, broken gaps
    ['My hands are tied, the system won’t let me.', 'What I can do is [alternative], the system won’t let me.', ['clauses run together']],
    ['Seems we lost it, not our fault.', 'It seems we lost it, let me fix it.', ['clauses run together']],
    ['Your bank declined it, not us.', 'Your bank declined it, I’ll make sure this gets to the right person.', ['clauses run together']],
    ['We can’t.', 'What I can do is [x.', ['broken gap']],
    ['Per our policy, we can’t refund it.', 'While we can’t refund it because [reason, what I can do is [what you can offer], in your terms].', ['broken gap']],
    ['It’s against our policy to give out staff emails.', 'It’s because [reason], to give out staff emails.', ['clauses run together']],
  ])('%j → %j: %j', (original, candidate, defects) => expect(mechanicalDefects(original, candidate)).toEqual(defects));
});
