// Findings between an edit and the next answer: moved with the text after the edit, dropped where
// the edit touched them, so an underline never sits on words it was not found on.
import { editBetween, moveThroughEdit } from '../../src/content/text-edit';
import { seededRandom } from '../support/random';

const DRAFT = "Sorry, we can't do that. It's the courier's fault.";
const rangeOf = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

test('no edit between equal texts', () => {
  expect(editBetween(DRAFT, DRAFT)).toBeNull();
});

test('typing at the start moves every finding by the typed length', () => {
  const after = `Hi Sam, ${DRAFT}`;
  const edit = editBetween(DRAFT, after)!;
  expect(edit).toEqual({ start: 0, end: 0, inserted: 8 });
  expect(moveThroughEdit(rangeOf(DRAFT, "we can't"), edit, after)).toEqual(rangeOf(after, "we can't"));
  expect(moveThroughEdit(rangeOf(DRAFT, "the courier's fault"), edit, after)).toEqual(rangeOf(after, "the courier's fault"));
});

test('deleting between two findings moves the later one back and leaves the earlier one', () => {
  const after = DRAFT.replace(' do that.', '');
  const edit = editBetween(DRAFT, after)!;
  expect(moveThroughEdit(rangeOf(DRAFT, "we can't"), edit, after)).toEqual(rangeOf(DRAFT, "we can't"));
  expect(moveThroughEdit(rangeOf(DRAFT, "the courier's fault"), edit, after)).toEqual(rangeOf(after, "the courier's fault"));
});

/** Where the finding on `words` of DRAFT is after DRAFT became `after`. */
const moved = (words: string, after: string) => moveThroughEdit(rangeOf(DRAFT, words), editBetween(DRAFT, after)!, after);

test('an edit inside a finding drops it; the other finding stays, moved', () => {
  const after = DRAFT.replace("we can't", 'we cannot');
  expect(moved("we can't", after)).toBeNull();
  expect(moved("we can't", DRAFT.replace("we can't", 'we ca not'))).toBeNull();
  expect(moved("the courier's fault", after)).toEqual(rangeOf(after, "the courier's fault"));
});

test('a word character typed or joined at its edge drops a finding; a space or punctuation there keeps it', () => {
  expect(moved("we can't", DRAFT.replace("we can't", "we can'tt"))).toBeNull();
  expect(moved("we can't", DRAFT.replace(' we', ' swe'))).toBeNull();
  // Deleting the space after it joins the next word to it.
  expect(moved("we can't", DRAFT.replace("can't do", "can'tdo"))).toBeNull();
  // The agent typing on after the flagged words, or a comma before them: still those words, in place.
  const typedOn = DRAFT.replace("the courier's fault.", "the courier's fault, sadly.");
  expect(moved("the courier's fault", typedOn)).toEqual(rangeOf(typedOn, "the courier's fault"));
  const comma = DRAFT.replace('Sorry, we', 'Sorry,we');
  expect(moved("we can't", comma)).toEqual(rangeOf(comma, "we can't"));
});

test('a replaced draft (a macro inserted, another draft loaded) drops the findings it overwrote', () => {
  const after = 'Thanks for waiting, the refund is on its way.';
  expect(moved("we can't", after)).toBeNull();
  expect(moved("the courier's fault", after)).toBeNull();
});

test('after any sequence of edits, a finding that survives still holds its words, as whole words', () => {
  const random = seededRandom(3);
  const alphabet = "we can't the courier's fault. ";
  for (let round = 0; round < 500; round++) {
    let text = DRAFT;
    const edits = 1 + Math.floor(random() * 4);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(random() * (text.length + 1));
      const removed = Math.floor(random() * 4);
      const inserted = Array.from({ length: Math.floor(random() * 5) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      text = text.slice(0, at) + inserted + text.slice(at + removed);
    }
    const edit = editBetween(DRAFT, text);
    for (const words of ["we can't", "the courier's fault"]) {
      const at = edit ? moveThroughEdit(rangeOf(DRAFT, words), edit, text) : rangeOf(DRAFT, words);
      if (!at) continue;
      expect(text.slice(at.start, at.end)).toBe(words);
      expect(/[\p{L}\p{N}'’-]/u.test(text[at.start - 1] ?? ' ') || /[\p{L}\p{N}'’-]/u.test(text[at.end] ?? ' ')).toBe(false);
    }
  }
});
