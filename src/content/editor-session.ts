// One coached editor: reads its draft through the shared text model, asks the background for
// findings (debounced while the agent types, versioned, stale answers dropped), and implements
// the CoachedEditor seam the overlay draws on.
import { findGaps } from '../engine/rewrite/gaps';
import type { Finding, Rewrite, TextRange } from '../engine/types';
import type { BackgroundClient } from '../shared/client';
import { draftToAnalyze } from '../shared/limits';
import type { ContentRequestType } from '../shared/protocol';
import type { Adapter } from './adapters';
import { replaceText, selectText } from './apply';
import { fieldRects } from './field-rects';
import type { CoachedEditor } from './session';
import { editBetween, moveThroughEdit, type TextEdit } from './text-edit';
import { isTextField, readEditable, readField, type DraftText } from './text-model';
import { checkValues } from './value-check';
import { choicesOf } from './overlay/cards';

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
  /** The last answer's findings, with offsets into `answeredText`. */
  private all: Finding[] = [];
  private answeredText = '';
  /** Each finding's occurrence key, for the answer's findings and the copies moved through edits alike. */
  private readonly keys = new WeakMap<Finding, string>();
  /** The findings moved to the current text, computed once per text. */
  private moved: { text: string; findings: Finding[] } | null = null;
  private locked = new Set<string>();
  private paused = false;
  /** Occurrence keys the agent dismissed, and the ones already counted as shown. */
  private readonly dismissed = new Set<string>();
  private readonly shown = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private analyzedText: string | null = null;
  /** The customer message (name and text) the last analysis read the draft against; '' for none. */
  private analyzedCustomer = '';
  private timer = 0;
  private firstPending = 0;
  private notifyFrame = 0;
  private lastInputAt = 0;
  private observer: MutationObserver | null = null;
  private cached: DraftText | null = null;
  private readonly win: Window & typeof globalThis;

  constructor(
    readonly element: HTMLElement,
    private readonly adapter: Adapter,
    private readonly runtime: BackgroundClient<ContentRequestType>,
    private readonly signal: AbortSignal,
  ) {
    this.win = element.ownerDocument.defaultView!;
    const opts = { signal, passive: true };
    // Back in the editor: the conversation may have changed meanwhile (a new message from the customer).
    element.addEventListener('focus', () => this.changed(), opts);
    element.addEventListener('input', () => {
      this.lastInputAt = Date.now();
      this.changed();
    }, opts);
    if (!this.isField) {
      // Drafts also change without input events: the host app loads a saved draft, or another tab syncs it.
      const observer = new this.win.MutationObserver(() => this.changed());
      // Classes decide what is quoted history or a placeholder.
      observer.observe(element, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
      this.observer = observer;
      signal.addEventListener('abort', () => observer.disconnect());
    } else {
      // A page's own script can set the value without an input event (a saved draft loaded, a macro inserted).
      checkValues(element.ownerDocument, this.checkValue, signal);
      element.addEventListener('focus', this.checkValue, opts);
      element.addEventListener('keyup', this.checkValue, opts);
    }
    signal.addEventListener('abort', () => {
      this.win.clearTimeout(this.timer);
      this.win.cancelAnimationFrame(this.notifyFrame);
      this.listeners.clear();
    });
    this.analyze();
  }

  /**
   * The last answer's findings, moved to the current text: until the next answer, an edit moves
   * the findings after it, and hides the ones it touched.
   */
  get findings(): readonly Finding[] {
    if (this.paused) return [];
    const text = this.read().text;
    if (this.moved?.text !== text) {
      const edit = editBetween(this.answeredText, text);
      const findings: Finding[] = [];
      for (const finding of this.all) {
        const key = this.keys.get(finding)!;
        if (this.dismissed.has(key)) continue;
        const range = edit ? moveThroughEdit(finding, edit, text) : finding;
        if (!range) continue;
        // Rewrites reach past the flagged words: an edit after those words may still touch them.
        const moved = !edit || (range === finding && !finding.rewrites) ? finding : { ...finding, ...range, rewrites: moveRewrites(finding.rewrites, edit, text) };
        this.keys.set(moved, key);
        findings.push(moved);
      }
      this.moved = { text, findings };
    }
    return this.moved.findings;
  }

  keyOf(finding: Finding): string | null {
    return this.keys.get(finding) ?? null;
  }

  /** Sets the findings the background found in `text`. */
  private answered(findings: Finding[], text: string): void {
    this.all = findings;
    this.answeredText = text;
    const keys = occurrenceKeys(findings);
    findings.forEach((f, i) => this.keys.set(f, keys[i]));
    this.moved = null;
  }

  /** The findings of the last answer other than those `keep` turns down. */
  private keepFindings(keep: (f: Finding) => boolean): void {
    this.all = this.all.filter(keep);
    this.moved = null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private get isField(): boolean {
    return isTextField(this.element);
  }

  /**
   * The draft as it is now. A contenteditable's reading is kept until its DOM changes (the overlay
   * asks for rects of every finding on every frame); pending mutation records are checked first,
   * so a change made earlier in this same task is never missed.
   */
  read(): DraftText {
    if (this.isField) return readField(this.element as HTMLTextAreaElement);
    if (this.observer && this.observer.takeRecords().length > 0) this.changed();
    this.cached ??= readEditable(this.element, this.adapter);
    return this.cached;
  }

  private changed(): void {
    this.cached = null;
    this.schedule();
  }

  /**
   * A field's value that changed with no input event: analyzed like typing. Nothing to do while an
   * analysis is pending anyway. A value set back to the analyzed text before any check saw it change
   * still needs a redraw: the overlay may have drawn the findings moved for the text in between
   * (setting a value scrolls the field, and the overlay redraws on scroll).
   */
  private readonly checkValue = () => {
    if (this.timer || this.signal.aborted) return;
    const text = this.read().text;
    if (text !== this.analyzedText) this.changed();
    else if (this.moved && this.moved.text !== text) this.notify();
  };

  rectsFor(start: number, end: number): DOMRect[] {
    if (!this.element.isConnected) return [];
    if (this.isField) return fieldRects(this.element as HTMLTextAreaElement, start, end);
    const range = this.read().rangeFor(start, end);
    if (!range) return [];
    return Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
  }

  get text(): string {
    return this.read().text;
  }

  selection(): TextRange | null {
    if (this.isField) {
      const field = this.element as HTMLTextAreaElement;
      return this.element.ownerDocument.activeElement === field ? { start: field.selectionStart ?? 0, end: field.selectionEnd ?? 0 } : null;
    }
    const root = this.element.getRootNode() as Document | ShadowRoot;
    const selection = 'getSelection' in root && typeof root.getSelection === 'function' ? root.getSelection() : this.win.getSelection();
    if (!selection?.rangeCount || !this.element.contains(selection.focusNode)) return null;
    const range = selection.getRangeAt(0);
    const draft = this.read();
    const start = draft.offsetOf(range.startContainer, range.startOffset);
    const end = draft.offsetOf(range.endContainer, range.endOffset);
    return start === null || end === null ? null : { start, end };
  }

  select(range: TextRange): void {
    selectText(this.element, this.read(), range);
  }

  async apply(findings: readonly Finding[], choice: Rewrite): Promise<Rewrite | null> {
    const typing = this.lastInputAt + TYPING_SETTLE_MS - Date.now();
    if (typing > 0) await new Promise((resolve) => this.win.setTimeout(resolve, typing));
    if (this.signal.aborted) return null;
    // The choice as it is now: typing while the card waited may have moved its words, or touched them.
    const keys = new Set(findings.map((f) => this.keys.get(f)));
    const current = this.findings.find((f) => keys.has(this.keys.get(f)) && choicesOf(f).some((c) => c.text === choice.text));
    const now = current && choicesOf(current).find((c) => c.text === choice.text);
    // Never apply to a stale range: the flagged words must still be where the finding says (and a
    // rewrite is only there while no edit touched its words, see moveRewrites).
    if (!now || this.read().text.slice(current.start, current.end) !== current.text) return null;
    // A rewrite with gaps to fill selects the first one: typing replaces it.
    const [gap] = findGaps(now.text);
    const applied = await replaceText(this.element, () => this.read(), now.start, now.end, now.text, gap && { start: now.start + gap.start, end: now.start + gap.end });
    if (!applied) return null;
    for (const f of findings) void this.runtime.send({ type: 'stat', ruleId: f.ruleId, event: 'applied' });
    // The card's findings go at once; the rest move with the text until the new answer, which must come
    // even if the text returns to what was analyzed before (an undo before the debounce ends).
    this.keepFindings((f) => !keys.has(this.keys.get(f)));
    this.analyzedText = null;
    this.notify();
    this.schedule();
    return now;
  }

  dismiss(finding: Finding): void {
    const key = this.keys.get(finding);
    if (key === undefined) return;
    this.dismissed.add(key);
    this.moved = null;
    void this.runtime.send({ type: 'stat', ruleId: finding.ruleId, event: 'dismissed' });
    this.notify();
  }

  async setRuleEnabled(ruleId: string, enabled: boolean): Promise<boolean> {
    if (this.locked.has(ruleId)) return false;
    const answer = await this.runtime.send({ type: 'rule-set-enabled', ruleId, enabled });
    if (answer.type !== 'ok') return false;
    // Off: its underlines go at once. On: the background's refresh brings them back with the next answer.
    if (!enabled) this.keepFindings((f) => f.ruleId !== ruleId);
    this.notify();
    return true;
  }

  cardOpened(finding: Finding): void {
    void this.runtime.send({ type: 'stat', ruleId: finding.ruleId, event: 'opened' });
  }

  isLocked(ruleId: string): boolean {
    return this.locked.has(ruleId);
  }

  onChange(listener: () => void, signal: AbortSignal): void {
    if (signal.aborted || this.signal.aborted) return;
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.listeners.delete(listener));
  }

  /** Analyze again even if the text did not change (packs or settings changed). */
  refresh(): void {
    this.analyzedText = null;
    this.analyze();
  }

  private schedule(): void {
    if (this.signal.aborted) return;
    const now = Date.now();
    if (!this.timer) this.firstPending = now;
    this.win.clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstPending + MAX_WAIT_MS - now));
    this.timer = this.win.setTimeout(() => {
      this.timer = 0;
      this.analyze();
    }, wait);
    // Until the answer comes, underlines follow the text that moved under them.
    this.notify();
  }

  private async analyze(): Promise<void> {
    if (this.signal.aborted) return;
    const draft = this.read();
    // The customer's latest message as the ticket page shows it now (a new one may have arrived).
    const customer = this.adapter.readConversation?.(this.element)?.customer;
    const customerKey = customer ? `${customer.name ?? ''}\u0000${customer.text}` : '';
    if (draft.text === this.analyzedText && customerKey === this.analyzedCustomer) {
      // Back to the text already analyzed (a change undone before the debounce ended): the findings moved back with it.
      this.notify();
      return;
    }
    this.analyzedText = draft.text;
    this.analyzedCustomer = customerKey;
    const version = ++this.version;
    if (draft.text.trim() === '') {
      // Nothing to coach: no need to wake the background.
      this.answered([], draft.text);
      this.notify();
      return;
    }
    const text = draftToAnalyze(draft.text);
    const skip = draft.skip.filter((r) => r.start < text.length).map((r) => ({ start: r.start, end: Math.min(r.end, text.length) }));
    const answer = await this.runtime.send({ type: 'analyze', text, skip, ...(customer && { customer }) });
    if (this.signal.aborted || version !== this.version) return;
    if (answer.type !== 'findings') {
      // No answer (the worker was restarting): try again on the next change.
      this.analyzedText = null;
      return;
    }
    // The draft changed while the background worked: these offsets are stale; ask again.
    const now = this.read().text;
    if (draftToAnalyze(now) !== text) {
      this.analyzedText = null;
      this.schedule();
      return;
    }
    this.paused = answer.paused;
    this.locked = new Set(answer.lockedRules);
    this.answered(answer.findings, now);
    this.countShown();
    this.notify();
  }

  private countShown(): void {
    if (this.paused) return;
    for (const finding of this.all) {
      const key = this.keys.get(finding)!;
      if (this.dismissed.has(key) || this.shown.has(key)) continue;
      this.shown.add(key);
      void this.runtime.send({ type: 'stat', ruleId: finding.ruleId, event: 'shown' });
    }
  }

  private notify(): void {
    if (this.notifyFrame || this.signal.aborted) return;
    this.notifyFrame = this.win.requestAnimationFrame(() => {
      this.notifyFrame = 0;
      for (const listener of [...this.listeners]) listener();
    });
  }
}

/** A finding's rewrites moved through an edit; none when the edit touched one (they are stale until the next answer). */
function moveRewrites(rewrites: Rewrite[] | undefined, edit: TextEdit, text: string): Rewrite[] | undefined {
  const moved = rewrites?.map((r) => {
    const at = moveThroughEdit(r, edit, text);
    return at && { ...r, ...at };
  });
  return moved?.every(Boolean) ? (moved as Rewrite[]) : undefined;
}

/**
 * A key for each finding that survives edits elsewhere in the draft: the rule, the flagged words,
 * and which occurrence of them (by rule and words) it is.
 */
function occurrenceKeys(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${f.text.toLowerCase()}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}\u0000${n}`;
  });
}
