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
  expect(moveThroughEdit(rangeOf(DRAFT, "we can't"), edit)).toEqual(rangeOf(after, "we can't"));
  expect(moveThroughEdit(rangeOf(DRAFT, "the courier's fault"), edit)).toEqual(rangeOf(after, "the courier's fault"));
});

test('deleting between two findings moves the later one back and leaves the earlier one', () => {
  const after = DRAFT.replace(' do that.', '');
  const edit = editBetween(DRAFT, after)!;
  expect(moveThroughEdit(rangeOf(DRAFT, "we can't"), edit)).toEqual(rangeOf(DRAFT, "we can't"));
  expect(moveThroughEdit(rangeOf(DRAFT, "the courier's fault"), edit)).toEqual(rangeOf(after, "the courier's fault"));
});

test('an edit inside a finding, or right at its edge, drops it', () => {
  const cant = rangeOf(DRAFT, "we can't");
  expect(moveThroughEdit(cant, editBetween(DRAFT, DRAFT.replace("we can't", 'we cannot'))!)).toBeNull();
  expect(moveThroughEdit(cant, editBetween(DRAFT, DRAFT.replace("we can't", "we can'tt"))!)).toBeNull();
  expect(moveThroughEdit(cant, editBetween(DRAFT, DRAFT.replace("Sorry, we", 'Sorry,we'))!)).toBeNull();
  // The other finding, away from the edit, stays.
  const fault = rangeOf(DRAFT, "the courier's fault");
  expect(moveThroughEdit(fault, editBetween(DRAFT, DRAFT.replace("we can't", 'we cannot'))!)).toEqual(rangeOf(DRAFT.replace("we can't", 'we cannot'), "the courier's fault"));
});

test('a replaced draft (a macro inserted, another draft loaded) drops the findings it overwrote', () => {
  const edit = editBetween(DRAFT, 'Thanks for waiting, the refund is on its way.')!;
  expect(moveThroughEdit(rangeOf(DRAFT, "we can't"), edit)).toBeNull();
  expect(moveThroughEdit(rangeOf(DRAFT, "the courier's fault"), edit)).toBeNull();
});

test('after any sequence of edits, a finding that survives still holds its words', () => {
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
      const moved = edit ? moveThroughEdit(rangeOf(DRAFT, words), edit) : rangeOf(DRAFT, words);
      if (moved) expect(text.slice(moved.start, moved.end)).toBe(words);
    }
  }
});
