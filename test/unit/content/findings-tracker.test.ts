// An editor's findings between answers, without a browser: edits × findings tables (which
// findings an edit moves, which it hides), occurrence keys across edits and answers, dismissals,
// and which findings count as shown.
import type { Finding } from '../../../src/engine/types';
import { FindingsTracker, occurrenceKeys } from '../../../src/content/findings-tracker';

const DRAFT = "Sorry, we can't do that. It's the courier's fault. We can't refund it.";

function finding(text: string, words: string, ruleId = 'r.cant', from = 0): Finding {
  const start = text.indexOf(words, from);
  if (start < 0) throw new Error(`"${words}" is not in the text`);
  return { ruleId, category: 'negative', severity: 'warning', start, end: start + words.length, text: words, message: '', explanation: '', suggestions: [] };
}

const CANT = finding(DRAFT, "we can't");
const BLAME = finding(DRAFT, "the courier's fault", 'r.blame');
const CANT_AGAIN = finding(DRAFT, "We can't", 'r.cant', CANT.end);

function tracking(...findings: Finding[]): FindingsTracker {
  const tracker = new FindingsTracker();
  tracker.answered(findings, DRAFT);
  return tracker;
}

/** The flagged words of each finding still shown in `after`, read from `after` at the moved offsets. */
const shownWords = (tracker: FindingsTracker, after: string) => tracker.in(after).map((f) => after.slice(f.start, f.end));

test.each([
  ['no edit', DRAFT, ["we can't", "the courier's fault", "We can't"]],
  ['typing before every finding', `Hi Sam, ${DRAFT}`, ["we can't", "the courier's fault", "We can't"]],
  ['typing after every finding', `${DRAFT} Best, Ana`, ["we can't", "the courier's fault", "We can't"]],
  ['deleting between two findings', DRAFT.replace(' do that.', ''), ["we can't", "the courier's fault", "We can't"]],
  ['typing inside a finding', DRAFT.replace("we can't", 'we really can\'t'), ["the courier's fault", "We can't"]],
  ['deleting across two findings', DRAFT.replace("can't do that. It's the courier's", ''), ["We can't"]],
  ['a letter typed onto the end of a finding', DRAFT.replace("courier's fault", "courier's faults"), ["we can't", "We can't"]],
  ['a full stop typed after a finding', DRAFT.replace("we can't", "we can't."), ["we can't", "the courier's fault", "We can't"]],
  ['the whole draft replaced', 'Thanks for waiting.', []],
])('%s', (_, after, words) => {
  expect(shownWords(tracking(CANT, BLAME, CANT_AGAIN), after)).toEqual(words);
});

test('the findings for one text are computed once', () => {
  const tracker = tracking(CANT, BLAME);
  const after = `Hi, ${DRAFT}`;
  expect(tracker.in(after)).toBe(tracker.in(after));
  expect(tracker.lastText).toBe(after);
});

test('a finding untouched by the edit is returned as it came', () => {
  const tracker = tracking(CANT);
  expect(tracker.in(`${DRAFT}!`)[0]).toBe(CANT);
});

test('occurrence keys count repeats of the same rule and words, in any case', () => {
  const [first, second, blame] = occurrenceKeys([CANT, CANT_AGAIN, BLAME]);
  expect(first).not.toBe(second);
  expect(occurrenceKeys([CANT_AGAIN])[0]).toBe(first);
  expect(blame).not.toBe(first);
});

test('a moved finding keeps the key of the finding it was moved from', () => {
  const tracker = tracking(CANT, BLAME);
  const moved = tracker.in(`Hi, ${DRAFT}`)[1];
  expect(moved).not.toBe(BLAME);
  expect(tracker.keyOf(moved)).toBe(tracker.keyOf(BLAME));
});

test('a finding from no answer has no key', () => {
  expect(tracking(CANT).keyOf(BLAME)).toBeNull();
});

test('a dismissed occurrence stays hidden through a new answer that finds it again', () => {
  const tracker = tracking(CANT, BLAME);
  expect(tracker.dismiss(CANT)).toBe(true);
  const after = `Hi, ${DRAFT}`;
  tracker.answered([finding(after, "we can't"), finding(after, "the courier's fault", 'r.blame')], after);
  expect(shownWords(tracker, after)).toEqual(["the courier's fault"]);
});

test('dismissing one occurrence leaves the other occurrence of the same words', () => {
  const tracker = tracking(CANT, CANT_AGAIN);
  tracker.dismiss(CANT_AGAIN);
  expect(shownWords(tracker, DRAFT)).toEqual(["we can't"]);
});

test('a finding from no answer cannot be dismissed', () => {
  expect(tracking(CANT).dismiss(BLAME)).toBe(false);
});

test('current finds a finding as an edit moved it', () => {
  const tracker = tracking(CANT, BLAME);
  const after = `Hi, ${DRAFT}`;
  expect(tracker.current(BLAME, after)).toMatchObject({ start: BLAME.start + 4, text: "the courier's fault" });
});

test('current is null for a finding an edit touched', () => {
  expect(tracking(CANT).current(CANT, DRAFT.replace("can't", 'cannot'))).toBeNull();
});

test('keep drops the findings it turns down until the next answer', () => {
  const tracker = tracking(CANT, BLAME, CANT_AGAIN);
  tracker.in(DRAFT);
  tracker.keep((f) => f.ruleId !== 'r.cant');
  expect(shownWords(tracker, DRAFT)).toEqual(["the courier's fault"]);
  tracker.answered([CANT], DRAFT);
  expect(shownWords(tracker, DRAFT)).toEqual(["we can't"]);
});

test('keep is given each finding\'s occurrence key', () => {
  const tracker = tracking(CANT, CANT_AGAIN);
  const key = tracker.keyOf(CANT);
  tracker.keep((_, k) => k !== key);
  expect(shownWords(tracker, DRAFT)).toEqual(["We can't"]);
});

test('each occurrence counts as shown once across answers', () => {
  const tracker = tracking(CANT, BLAME);
  expect(tracker.newlyShown()).toEqual([CANT, BLAME]);
  tracker.answered([CANT, BLAME, CANT_AGAIN], DRAFT);
  expect(tracker.newlyShown()).toEqual([CANT_AGAIN]);
});

test('a dismissed occurrence does not count as shown', () => {
  const tracker = tracking(CANT, BLAME);
  tracker.dismiss(BLAME);
  expect(tracker.newlyShown()).toEqual([CANT]);
});

test("a finding's sentence rewrites move with it, and go (until the next answer) when an edit touches their words beyond it", () => {
  const sentence = "Sorry, we can't do that.";
  const rewrite = { start: 0, end: sentence.length - 1, text: 'What I can do is [what you can offer]' };
  const tracker = tracking({ ...CANT, rewrites: [rewrite] });
  const [moved] = tracker.in(`Hi Sam, ${DRAFT}`);
  expect(moved.rewrites).toEqual([{ ...rewrite, start: 8, end: 8 + rewrite.end }]);
  // "do that" is not the flagged words, but the rewrite replaces it: the rewrite is stale.
  const [touched] = tracker.in(DRAFT.replace('do that', 'do this'));
  expect(touched.start).toBe(CANT.start);
  expect(touched.rewrites).toBeUndefined();
});
