// The card's state, apart from the DOM and the browser: which findings one card covers (a
// sentence's findings share its rewrites; overlapping findings share a card), what it offers and
// how it shows it (the sentence before and after), which card is open across new analyses, the
// gaps of an applied rewrite as tab stops through later edits, and how many cards the agent has
// read (the colour legend shows until a few). Pure, with the clock passed in: jest tests it in node.
import { findGaps } from '../../engine/rewrite/gaps';
import type { Finding, Rewrite, TextRange } from '../../engine/types';
import { editBetween, moveThroughEdit } from '../text-edit';

/** The choices a card offers: the sentence rewrites, else the finding's own suggestions (replacements of its words). */
export const choicesOf = (finding: Finding): Rewrite[] =>
  finding.rewrites?.length ? finding.rewrites : finding.suggestions.slice(0, 3).map((text) => ({ start: finding.start, end: finding.end, text }));

export interface CardGroup {
  /** The card's findings, by position: each is a problem the card names. */
  findings: Finding[];
  /** What applying offers, best first: the sentence rewrites, else the first finding's suggestions. */
  choices: Rewrite[];
  /** From the first finding's start to the last one's end. */
  start: number;
  end: number;
}

const overlaps = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;
/** Findings of one sentence carry the same rewrites (copies of them, once they crossed the messaging). */
const sameRewrites = (a: Finding, b: Finding) => !!a.rewrites?.length && JSON.stringify(a.rewrites) === JSON.stringify(b.rewrites);

/** One group per card: findings that overlap, or share their sentence's rewrites, go together. */
export function groupFindings(findings: readonly Finding[]): CardGroup[] {
  const groups: Finding[][] = [];
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    const group = groups.find((g) => g.some((f) => overlaps(f, finding) || sameRewrites(f, finding)));
    if (group) group.push(finding);
    else groups.push([finding]);
  }
  return groups.map((group) => ({
    findings: group,
    choices: choicesOf(group.find((f) => f.rewrites?.length) ?? group.find((f) => f.suggestions.length) ?? group[0]),
    start: group[0].start,
    end: Math.max(...group.map((f) => f.end)),
  }));
}

/** The sentence around [start, end): from after the previous sentence's end (or a line break) to its own end. */
export function sentenceAround(text: string, start: number, end: number): TextRange {
  let from = start;
  while (from > 0 && text[from - 1] !== '\n' && !/[.!?]\s/.test(text.slice(from - 2, from))) from--;
  while (from < start && /\s/.test(text[from])) from++;
  const after = /[.!?](?=\s|$)|\n/.exec(text.slice(Math.max(end, start + 1) - 1));
  const to = after ? Math.max(end, start + 1) - 1 + after.index + (after[0] === '\n' ? 0 : 1) : text.length;
  return { start: from, end: Math.max(to, end) };
}

/** The sentence before and after a choice: the words around it, the words it removes, the words it puts in. */
export interface Preview {
  before: string;
  removed: string;
  inserted: string;
  after: string;
}

export function previewOf(text: string, choice: Rewrite): Preview {
  const sentence = sentenceAround(text, choice.start, choice.end);
  return {
    before: text.slice(sentence.start, choice.start),
    removed: text.slice(choice.start, choice.end),
    inserted: choice.text,
    after: text.slice(choice.end, sentence.end),
  };
}

/**
 * The open card: the words it was opened on, followed through the agent's edits. A new analysis
 * rebinds it to the group over those words, so a card opened on the last answer's findings (a click
 * just after a keystroke) stays open when the next answer flags the same words in other spans.
 */
export class OpenCard {
  #anchor: TextRange;
  #text: string;

  constructor(anchor: TextRange, text: string) {
    this.#anchor = anchor;
    this.#text = text;
  }

  /** The group over the card's words in `text`, or null when the edits touched them or nothing there is flagged any more. */
  follow(text: string, groups: readonly CardGroup[]): CardGroup | null {
    const edit = editBetween(this.#text, text);
    const moved = edit ? moveThroughEdit(this.#anchor, edit, text) : this.#anchor;
    if (!moved) return null;
    const group = groups.find((g) => overlaps(g, moved)) ?? null;
    this.#text = text;
    this.#anchor = group ? { start: group.start, end: group.end } : moved;
    return group;
  }
}

/**
 * The gaps of an applied rewrite as tab stops: the rewrite's words are followed through the agent's
 * edits (typing into a gap grows them); the gaps are the placeholders still in them.
 */
export class TabStops {
  #range: TextRange;
  #text: string;

  constructor(range: TextRange, text: string) {
    this.#range = range;
    this.#text = text;
  }

  /**
   * The gap to select from the selection [start, end) in `text` (Tab: the next one; Shift+Tab: the
   * previous one), or null when the selection is outside the rewrite or no gap lies that way
   * (Tab then does what the editor does with it).
   */
  next(text: string, selection: TextRange, back: boolean): TextRange | null {
    const range = this.follow(text);
    if (!range || selection.start < range.start || selection.end > range.end) return null;
    const gaps = findGaps(text.slice(range.start, range.end)).map((g) => ({ start: range.start + g.start, end: range.start + g.end }));
    return (back ? gaps.reverse().find((g) => g.end <= selection.start) : gaps.find((g) => g.start >= selection.end)) ?? null;
  }

  /** The rewrite's words in `text`, or null once an edit ran over their edges. */
  follow(text: string): TextRange | null {
    const edit = editBetween(this.#text, text);
    if (edit) {
      // An edit within the rewrite's words (a gap typed over) keeps them; one across their edges ends the tab stops.
      if (edit.start < this.#range.start || edit.end > this.#range.end) {
        const moved = moveThroughEdit(this.#range, edit, text);
        if (!moved) return null;
        this.#range = moved;
      } else this.#range = { start: this.#range.start, end: this.#range.end + edit.inserted - (edit.end - edit.start) };
      this.#text = text;
    }
    return this.#range;
  }
}

/** Cards the agent reads before the colour legend stops showing. */
export const LEGEND_CARDS = 3;
/** A card open this long was read (one the pointer passed over was not). */
export const READ_MS = 1000;

/** Counts the cards the agent has read, to show the colour legend on the first few only. */
export class LegendCount {
  #openedAt = 0;

  constructor(
    public count: number,
    readonly now: () => number,
  ) {}

  get showLegend(): boolean {
    return this.count < LEGEND_CARDS;
  }

  opened(): void {
    this.#openedAt = this.now();
  }

  /** The card closed: true when it counted as read (the count is then worth saving). */
  closed(): boolean {
    const read = this.#openedAt > 0 && this.now() - this.#openedAt >= READ_MS;
    this.#openedAt = 0;
    if (read) this.count++;
    return read;
  }
}
