// The open card's state without a browser: the card a drawn finding opens, and what an open card
// shows after edits and new answers (which rule it names, when it closes, when it stays).
import type { Finding } from '../../src/engine/types';
import { cardFor, followCard, newCard } from '../../src/content/overlay/card-state';
import { groupFindings, OpenCard } from '../../src/content/overlay/cards';

const TEXT = "Hi Sam. Unfortunately we can't refund it, it's the courier's fault. Thanks!";

function finding(words: string, ruleId = `t/${words}`, text = TEXT): Finding {
  const start = text.indexOf(words);
  return { ruleId, category: 'cant', severity: 'warning', start, end: start + words.length, text: words, message: 'No.', explanation: 'Why.', suggestions: [] };
}

/** Occurrence keys as the findings tracker gives them: a rule and its words. */
const keyOf = (f: Finding) => `${f.ruleId}:${f.text}`;

/** A card opened on `opened` in TEXT, and what follows its words. */
function opened(opened: Finding, findings: Finding[] = [opened]) {
  const { group, finding } = cardFor(keyOf(opened), findings, keyOf)!;
  return { card: newCard(group, finding, null), followed: new OpenCard(group, TEXT) };
}

describe('cardFor', () => {
  test('a finding drawn before the last keystroke opens the card of where it is now', () => {
    const drawn = finding("we can't");
    const now = `Hello. ${TEXT}`;
    const moved = finding("we can't", drawn.ruleId, now);
    const found = cardFor(keyOf(drawn), [moved], keyOf);
    expect(found?.finding).toBe(moved);
  });

  test('a finding sharing its words with another opens their one card, on the finding opened', () => {
    const cant = finding("we can't");
    const refund = finding("can't refund");
    const found = cardFor(keyOf(refund), [cant, refund], keyOf);
    expect(found?.group.findings).toEqual([cant, refund]);
    expect(found?.finding).toBe(refund);
  });

  test('a finding the last answer no longer has opens no card', () => {
    expect(cardFor(keyOf(finding("we can't")), [finding('Thanks')], keyOf)).toBeNull();
  });
});

describe('newCard', () => {
  test('a new card starts unmeasured and idle, remembering where the caret was', () => {
    const cant = finding("we can't");
    const [group] = groupFindings([cant]);
    expect(newCard(group, cant, 12)).toEqual({ group, finding: cant, position: null, notice: null, busy: false, caret: 12, turnedOff: false, expanded: false });
  });
});

describe('followCard', () => {
  test('an edit before the card’s words keeps the card, on its words where they moved', () => {
    const { card, followed } = opened(finding("we can't"));
    const typed = `Hello. ${TEXT}`;
    const moved = finding("we can't", "t/we can't", typed);
    expect(followCard(card, followed, typed, [moved])).toBe(true);
    expect(card.finding).toBe(moved);
  });

  test('a new answer flagging the words under another rule too keeps the card on its rule', () => {
    const cant = finding("we can't");
    const { card, followed } = opened(cant);
    const other = finding("we can't", 't/other');
    expect(followCard(card, followed, TEXT, [other, cant])).toBe(true);
    expect(card.finding).toBe(cant);
    expect(card.group.findings).toHaveLength(2);
  });

  test('a new answer flagging the words under another rule only moves the card to that rule', () => {
    const { card, followed } = opened(finding("we can't"));
    const other = finding("we can't", 't/other');
    expect(followCard(card, followed, TEXT, [other])).toBe(true);
    expect(card.finding).toBe(other);
  });

  test('the card closes when its words are no longer flagged', () => {
    const { card, followed } = opened(finding("we can't"));
    expect(followCard(card, followed, TEXT, [finding('Thanks')])).toBe(false);
  });

  test('the card closes when the agent types into its words', () => {
    const { card, followed } = opened(finding("we can't"));
    const typed = TEXT.replace("we can't", 'we cannot');
    expect(followCard(card, followed, typed, [finding('we cannot', "t/we can't", typed)])).toBe(false);
  });

  test('a card applying its choice stays while its words are gone', () => {
    const { card, followed } = opened(finding("we can't"));
    card.busy = true;
    expect(followCard(card, followed, TEXT, [])).toBe(true);
  });

  test('a card saying why an apply did nothing stays while its words are gone', () => {
    const { card, followed } = opened(finding("we can't"));
    card.notice = 'The text changed; check again.';
    expect(followCard(card, followed, TEXT, [])).toBe(true);
  });

  test('a card saying its rule is off stays on that rule when another rule flags its words', () => {
    const cant = finding("we can't");
    const { card, followed } = opened(cant);
    card.turnedOff = true;
    expect(followCard(card, followed, TEXT, [finding("we can't", 't/other')])).toBe(true);
    expect(card.finding).toBe(cant);
  });
});
