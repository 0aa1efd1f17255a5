// The fuzz's reference model: what a draft must hold after each step of an agent's session, worked
// out from the steps alone. Pure (no browser): the seeded step generator, the model, and the
// shrinker that reduces a failing session to a minimal list of steps.
//
// Text convention, shared with the editor drivers: "\n" separates paragraphs (Enter), "\v" is a
// soft line break (Shift+Enter) in rich editors; in a textarea both keys insert "\n".

import { seededRandom } from '../support/random';

export type Step =
  | { kind: 'type'; text: string }
  | { kind: 'paste'; text: string }
  | { kind: 'backspace'; n: number }
  | { kind: 'delete'; n: number }
  | { kind: 'left'; n: number }
  | { kind: 'right'; n: number }
  | { kind: 'docStart' }
  | { kind: 'docEnd' }
  | { kind: 'enter' }
  | { kind: 'softBreak' }
  /** Opens the card of the pick-th coached phrase (by keyboard, from the caret) and clicks its first suggestion. */
  | { kind: 'apply'; pick: number }
  | { kind: 'dismiss'; pick: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** Leaves the ticket and comes back: the host app re-creates the composer from its saved draft. */
  | { kind: 'switchTicket' };

/** Phrases the fuzz's coaching pack (test/fixtures/packs/e2e-coaching.json) flags. */
export const COACHED = ["we can't", 'we cannot', "the courier's fault", "the warehouse's fault"];

const WORDS = [
  'Hi', 'Dana,', 'thanks', 'for', 'writing', 'in.', 'Unfortunately', "we can't", 'refund', 'this', 'order.',
  "It's", "the courier's fault.", 'Sadly', 'we cannot', 'ship', 'it', 'today.', 'café', 'naïve', 'don’t', 'worry',
  '😀', 'OK?', 'sure!', 'the', "the warehouse's fault", 'and', 'so', '50%', '#5512', '(soon)', '"quoted"', 'e-mail',
];

export interface GenerateOptions {
  steps: number;
  /** Whether the editor's page can switch tickets (re-creating the composer). */
  canSwitchTicket: boolean;
  softBreaks: boolean;
  /** Whether arrow keys move the caret by exactly one character (false: only Ctrl+Home/End moves it). */
  arrowKeys: boolean;
}

/** A session of `steps` random steps; the same seed gives the same session. */
export function generateSession(seed: number, opts: GenerateOptions): Step[] {
  const random = seededRandom(seed);
  const int = (max: number) => Math.floor(random() * max);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[int(WORDS.length)]).join(' ');
  const steps: Step[] = [];
  // Every session starts with a coached sentence, so applying has something to work on early.
  steps.push({ kind: 'type', text: `Hi, ${words(2)} ${COACHED[int(COACHED.length)]} ${words(2)}.` });
  while (steps.length < opts.steps) {
    const last = steps[steps.length - 1];
    // Undo and redo are checked exactly right after an apply (the one-Ctrl+Z promise) and its undo.
    if (last.kind === 'apply' && random() < 0.4) {
      steps.push({ kind: 'undo' });
      continue;
    }
    if (last.kind === 'undo' && random() < 0.5) {
      steps.push({ kind: 'redo' });
      continue;
    }
    const r = random();
    if (r < 0.22) steps.push({ kind: 'type', text: ` ${words(1 + int(4))}` });
    else if (r < 0.3) steps.push({ kind: 'type', text: ` ${COACHED[int(COACHED.length)]}` });
    else if (r < 0.36) steps.push({ kind: 'paste', text: ` ${words(1 + int(6))}` });
    else if (r < 0.44) steps.push({ kind: 'backspace', n: 1 + int(6) });
    else if (r < 0.48) steps.push({ kind: 'delete', n: 1 + int(4) });
    else if (r < 0.56) steps.push(opts.arrowKeys ? { kind: 'left', n: 1 + int(12) } : { kind: 'docStart' });
    else if (r < 0.61) steps.push(opts.arrowKeys ? { kind: 'right', n: 1 + int(12) } : { kind: 'docEnd' });
    else if (r < 0.63) steps.push({ kind: 'docStart' });
    else if (r < 0.66) steps.push({ kind: 'docEnd' });
    else if (r < 0.7) steps.push({ kind: 'enter' });
    else if (r < 0.73) steps.push(opts.softBreaks ? { kind: 'softBreak' } : { kind: 'enter' });
    else if (r < 0.88) steps.push({ kind: 'apply', pick: int(8) });
    else if (r < 0.95) steps.push({ kind: 'dismiss', pick: int(8) });
    else if (opts.canSwitchTicket) steps.push({ kind: 'switchTicket' });
  }
  return steps;
}

/** Grapheme boundaries of `text`: where a caret can stand. */
export function caretStops(text: string): number[] {
  const stops = [0];
  for (const { index, segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) stops.push(index + segment.length);
  return stops;
}

/** The caret offset `n` grapheme steps from `caret` (negative: left), clamped to the text. */
export function moveCaret(text: string, caret: number, n: number): number {
  const stops = caretStops(text);
  const at = stops.indexOf(caret);
  if (at < 0) throw new Error(`reference caret ${caret} is inside a character of ${JSON.stringify(text)}`);
  return stops[Math.max(0, Math.min(stops.length - 1, at + n))];
}

/** Offsets of the coached phrases in `text` (case-insensitive), in order. */
export function coachedOccurrences(text: string): { start: number; end: number }[] {
  const lower = text.toLowerCase();
  const found: { start: number; end: number }[] = [];
  for (const phrase of COACHED) {
    for (let at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + 1)) found.push({ start: at, end: at + phrase.length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The reference draft: text and caret, and what undo/redo of the last apply must give. */
export class Reference {
  text = '';
  caret = 0;
  /** Texts before and after the last apply, while undo/redo of it can be checked exactly. */
  private applied: { before: string; after: string; undone: boolean } | null = null;

  constructor(private readonly softBreak: '\v' | '\n' | null) {}

  insert(s: string): void {
    this.text = this.text.slice(0, this.caret) + s + this.text.slice(this.caret);
    this.caret += s.length;
    this.applied = null;
  }

  backspace(n: number): void {
    const to = moveCaret(this.text, this.caret, -n);
    this.text = this.text.slice(0, to) + this.text.slice(this.caret);
    if (to !== this.caret) this.applied = null;
    this.caret = to;
  }

  deleteForward(n: number): void {
    const to = moveCaret(this.text, this.caret, n);
    this.text = this.text.slice(0, this.caret) + this.text.slice(to);
    if (to !== this.caret) this.applied = null;
  }

  move(n: number): void {
    this.caret = moveCaret(this.text, this.caret, n);
  }

  /** Enter or Shift+Enter. */
  lineBreak(soft: boolean): void {
    if (soft && !this.softBreak) throw new Error('this editor has no soft line break');
    this.insert(soft ? this.softBreak! : '\n');
  }

  /** The agent chose `suggestion` for the flagged `flagged` text around the caret. */
  apply(start: number, flagged: string, suggestion: string): void {
    if (this.text.slice(start, start + flagged.length) !== flagged) throw new Error(`reference has no ${JSON.stringify(flagged)} at ${start}`);
    const before = this.text;
    this.text = before.slice(0, start) + suggestion + before.slice(start + flagged.length);
    this.caret = start + suggestion.length;
    this.applied = { before, after: this.text, undone: false };
  }

  get canUndo(): boolean {
    return this.applied !== null && !this.applied.undone;
  }

  get canRedo(): boolean {
    return this.applied !== null && this.applied.undone;
  }

  /** Undo or redo of the last apply; the caret is then set by the runner (Ctrl+End). */
  undoRedo(undo: boolean): void {
    if (!this.applied) throw new Error('nothing to undo');
    this.text = undo ? this.applied.before : this.applied.after;
    this.applied.undone = undo;
    this.caret = this.text.length;
  }

  /** The host app re-loaded the draft (same words, its own whitespace): go on from its text, caret at the end. */
  resync(text: string): void {
    this.text = text;
    this.caretToEnd();
  }

  /** After something that leaves the caret where the editor decides: the runner puts it at the end. */
  caretToEnd(): void {
    this.caret = this.text.length;
    this.applied = null;
  }
}

/**
 * Delta debugging: the smallest list of steps (by removing chunks, then single steps) for which
 * `fails` still holds, within `budget` replays. The steps it returns always fail.
 */
export async function shrink(steps: Step[], fails: (steps: Step[]) => Promise<boolean>, budget = 40): Promise<Step[]> {
  let current = steps;
  let runs = 0;
  for (let chunk = Math.ceil(current.length / 2); chunk >= 1 && runs < budget; chunk = Math.floor(chunk / 2)) {
    for (let at = current.length - chunk; at >= 0 && runs < budget; at -= chunk) {
      const candidate = [...current.slice(0, at), ...current.slice(at + chunk)];
      if (candidate.length === 0) continue;
      runs++;
      if (await fails(candidate)) current = candidate;
    }
  }
  return current;
}
