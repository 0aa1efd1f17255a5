// One coached editor: reads its draft (DraftSource), asks the background for findings (debounced
// while the agent types, versioned, stale answers dropped), carries them through edits
// (FindingsTracker), and implements the CoachedEditor seam the overlay draws on.
import type { Strength } from '../engine/strengths';
import { findGaps } from '../engine/rewrite/gaps';
import type { Finding, Rewrite, TextRange } from '../engine/types';
import type { BackgroundClient } from '../shared/client';
import { draftToAnalyze } from '../shared/limits';
import type { ContentRequestType } from '../shared/protocol';
import type { Adapter } from './adapters';
import { replaceText, selectText } from './apply';
import { DraftSource } from './draft-source';
import { FindingsTracker } from './findings-tracker';
import type { CoachedEditor } from './session';
import type { DraftText } from './text-model';
import { choicesOf } from './overlay/cards';
import { checkValues } from './value-check';

/** Pause in typing before the draft is analyzed: short enough to keep keystroke-to-underline well under 100 ms. */
const DEBOUNCE_MS = 50;
/** While the agent types without pause, still analyze this often. */
const MAX_WAIT_MS = 200;
/**
 * Editors close an undo step for typed text once typing pauses (Froala's default typingTimer is
 * 500 ms); an apply before that would share an undo step with the words just typed, and Ctrl+Z
 * would take both away.
 */
const TYPING_SETTLE_MS = 600;

export class EditorSession implements CoachedEditor {
  readonly #tracked = new FindingsTracker();
  readonly #source: DraftSource;
  #locked = new Set<string>();
  #paused = false;
  /** What the last answer found the draft does well (for the reply check), and the strengths already counted for this reply. */
  #strengths: readonly Strength[] = [];
  readonly #countedStrengths = new Set<string>();
  readonly #listeners = new Set<() => void>();
  #version = 0;
  #analyzedText: string | null = null;
  /** The customer message (name and text) the last analysis read the draft against; '' for none. */
  #analyzedCustomer = '';
  #timer = 0;
  #firstPending = 0;
  #notifyFrame = 0;
  #lastInputAt = 0;
  readonly #win: Window & typeof globalThis;

  readonly #adapter: Adapter;
  readonly #runtime: BackgroundClient<ContentRequestType>;
  readonly #signal: AbortSignal;

  constructor(
    readonly element: HTMLElement,
    adapter: Adapter,
    runtime: BackgroundClient<ContentRequestType>,
    signal: AbortSignal,
  ) {
    this.#adapter = adapter;
    this.#runtime = runtime;
    this.#signal = signal;
    this.#win = element.ownerDocument.defaultView!;
    // Drafts also change without input events: the host app loads a saved draft, or another tab syncs it.
    this.#source = new DraftSource(element, adapter, () => this.#schedule(), signal);
    const opts = { signal, passive: true };
    // Back in the editor: the conversation may have changed meanwhile (a new message from the customer).
    element.addEventListener('focus', () => this.#changed(), opts);
    element.addEventListener('input', () => {
      this.#lastInputAt = Date.now();
      this.#changed();
    }, opts);
    if (this.#source.field) {
      // A page's own script can set the value without an input event (a saved draft loaded, a macro inserted).
      checkValues(element.ownerDocument, this.#checkValue, signal);
      element.addEventListener('focus', this.#checkValue, opts);
      element.addEventListener('keyup', this.#checkValue, opts);
    }
    signal.addEventListener('abort', () => {
      this.#win.clearTimeout(this.#timer);
      this.#win.cancelAnimationFrame(this.#notifyFrame);
      this.#listeners.clear();
    });
    this.#analyze();
  }

  /**
   * The last answer's findings, moved to the current text: until the next answer, an edit moves
   * the findings after it, and hides the ones it touched.
   */
  get findings(): readonly Finding[] {
    if (this.#paused) return [];
    return this.#tracked.in(this.read().text);
  }

  keyOf(finding: Finding): string | null {
    return this.#tracked.keyOf(finding);
  }

  get isPaused(): boolean {
    return this.#paused;
  }

  get strengths(): readonly Strength[] {
    return this.#strengths;
  }

  /** The draft as it is now. */
  read(): DraftText {
    return this.#source.read();
  }

  #changed(): void {
    this.#source.forget();
    this.#schedule();
  }

  /**
   * A field's value that changed with no input event: analyzed like typing. Nothing to do while an
   * analysis is pending anyway. A value set back to the analyzed text before any check saw it change
   * still needs a redraw: the overlay may have drawn the findings moved for the text in between
   * (setting a value scrolls the field, and the overlay redraws on scroll).
   */
  readonly #checkValue = () => {
    if (this.#timer || this.#signal.aborted) return;
    const text = this.read().text;
    if (text !== this.#analyzedText) this.#changed();
    else if (this.#tracked.lastText !== null && this.#tracked.lastText !== text) this.#notify();
  };

  rectsFor(start: number, end: number): DOMRect[] {
    return this.#source.rectsFor(start, end);
  }

  get text(): string {
    return this.read().text;
  }

  selection(): TextRange | null {
    return this.#source.selection();
  }

  select(range: TextRange): void {
    selectText(this.element, this.read(), range);
  }

  async apply(findings: readonly Finding[], choice: Rewrite): Promise<Rewrite | null> {
    const typing = this.#lastInputAt + TYPING_SETTLE_MS - Date.now();
    if (typing > 0) await new Promise((resolve) => this.#win.setTimeout(resolve, typing));
    if (this.#signal.aborted || this.#paused) return null;
    // The choice as it is now: typing while the card waited may have moved its words, or touched them.
    const keys = new Set(findings.map((f) => this.#tracked.keyOf(f)));
    const text = this.read().text;
    const current = this.#tracked.in(text).find((f) => keys.has(this.#tracked.keyOf(f)) && choicesOf(f).some((c) => c.text === choice.text));
    const now = current && choicesOf(current).find((c) => c.text === choice.text);
    // Never apply to a stale range: the flagged words must still be where the finding says (and a
    // rewrite is only there while no edit touched its words, see FindingsTracker).
    if (!now || text.slice(current.start, current.end) !== current.text) return null;
    // A rewrite with gaps to fill selects the first one: typing replaces it.
    const [gap] = findGaps(now.text);
    const replace = this.#adapter.replaceText ?? replaceText;
    const applied = await replace(this.element, () => this.read(), now.start, now.end, now.text, gap && { start: now.start + gap.start, end: now.start + gap.end });
    if (!applied) return null;
    for (const f of findings) void this.#runtime.send({ type: 'stat', ruleId: f.ruleId, event: 'applied' });
    // The card's findings go at once; the rest move with the text until the new answer, which must come
    // even if the text returns to what was analyzed before (an undo before the debounce ends).
    this.#tracked.keep((_, k) => !keys.has(k));
    this.#analyzedText = null;
    this.#notify();
    this.#schedule();
    return now;
  }

  dismiss(finding: Finding): void {
    if (!this.#tracked.dismiss(finding)) return;
    void this.#runtime.send({ type: 'stat', ruleId: finding.ruleId, event: 'dismissed' });
    this.#notify();
  }

  async setRuleEnabled(ruleId: string, enabled: boolean): Promise<boolean> {
    if (this.#locked.has(ruleId)) return false;
    const answer = await this.#runtime.send({ type: 'rule-set-enabled', ruleId, enabled });
    if (answer.type !== 'ok') return false;
    // Off: its underlines go at once. On: the background's refresh brings them back with the next answer.
    if (!enabled) this.#tracked.keep((f) => f.ruleId !== ruleId);
    this.#notify();
    return true;
  }

  cardOpened(finding: Finding): void {
    void this.#runtime.send({ type: 'stat', ruleId: finding.ruleId, event: 'opened' });
  }

  isLocked(ruleId: string): boolean {
    return this.#locked.has(ruleId);
  }

  onChange(listener: () => void, signal: AbortSignal): void {
    if (signal.aborted || this.#signal.aborted) return;
    this.#listeners.add(listener);
    signal.addEventListener('abort', () => this.#listeners.delete(listener));
  }

  /** Analyze again even if the text did not change (packs or settings changed). */
  refresh(): void {
    this.#analyzedText = null;
    this.#analyze();
  }

  #schedule(): void {
    if (this.#signal.aborted) return;
    const now = Date.now();
    if (!this.#timer) this.#firstPending = now;
    this.#win.clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.#firstPending + MAX_WAIT_MS - now));
    this.#timer = this.#win.setTimeout(() => {
      this.#timer = 0;
      this.#analyze();
    }, wait);
    // Until the answer comes, underlines follow the text that moved under them.
    this.#notify();
  }

  async #analyze(): Promise<void> {
    if (this.#signal.aborted) return;
    const draft = this.read();
    // The customer's latest message as the ticket page shows it now (a new one may have arrived).
    const customer = this.#adapter.readConversation?.(this.element)?.customer;
    const customerKey = customer ? `${customer.name ?? ''}\u0000${customer.text}` : '';
    if (draft.text === this.#analyzedText && customerKey === this.#analyzedCustomer) {
      // Back to the text already analyzed (a change undone before the debounce ended): the findings moved back with it.
      this.#notify();
      return;
    }
    this.#analyzedText = draft.text;
    this.#analyzedCustomer = customerKey;
    const version = ++this.#version;
    if (draft.text.trim() === '') {
      // Nothing to coach: no need to wake the background. An emptied editor (a reply sent) starts a new reply.
      this.#tracked.answered([], draft.text);
      this.#strengths = [];
      this.#countedStrengths.clear();
      this.#notify();
      return;
    }
    const text = draftToAnalyze(draft.text);
    const skip = draft.skip.filter((r) => r.start < text.length).map((r) => ({ start: r.start, end: Math.min(r.end, text.length) }));
    const answer = await this.#runtime.send({ type: 'analyze', text, skip, ...(customer && { customer }) });
    if (this.#signal.aborted || version !== this.#version) return;
    if (answer.type !== 'findings') {
      // No answer (the worker was restarting): try again on the next change.
      this.#analyzedText = null;
      return;
    }
    // The draft changed while the background worked: these offsets are stale; ask again.
    const now = this.read().text;
    if (draftToAnalyze(now) !== text) {
      this.#analyzedText = null;
      this.#schedule();
      return;
    }
    this.#paused = answer.paused;
    this.#locked = new Set(answer.lockedRules);
    this.#tracked.answered(answer.findings, now);
    this.#strengths = answer.strengths;
    this.#countShown();
    this.#notify();
  }

  #countShown(): void {
    if (this.#paused) return;
    for (const finding of this.#tracked.newlyShown()) void this.#runtime.send({ type: 'stat', ruleId: finding.ruleId, event: 'shown' });
    // Each strength once per reply: the statistics count replies that did it well, not keystrokes.
    for (const { id } of this.#strengths) {
      if (this.#countedStrengths.has(id)) continue;
      this.#countedStrengths.add(id);
      void this.#runtime.send({ type: 'strength-stat', strength: id });
    }
  }

  #notify(): void {
    if (this.#notifyFrame || this.#signal.aborted) return;
    this.#notifyFrame = this.#win.requestAnimationFrame(() => {
      this.#notifyFrame = 0;
      for (const listener of [...this.#listeners]) listener();
    });
  }
}

