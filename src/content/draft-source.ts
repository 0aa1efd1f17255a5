// One editor's draft as the content script reads it: its plain text (through the shared text
// model), the caret's offset in it, and the viewport rectangles of a range of it. A text field is
// read from its value; a contenteditable's reading is kept until its DOM changes (the overlay asks
// for the rects of every finding on every frame).
import type { TextRange } from '../engine/types';
import { fieldRects } from './field-rects';
import { isTextField, readEditable, readField, type DraftText, type MarkupRules } from './text-model';

export class DraftSource {
  /** The editor when it is a textarea or input (its draft is its value), else null. */
  readonly field: HTMLTextAreaElement | HTMLInputElement | null;
  readonly #observer: MutationObserver | null = null;
  #cached: DraftText | null = null;

  /** `onDomChange` runs when a contenteditable's DOM changes (drafts also change without input events). */
  readonly #rules: MarkupRules;
  readonly #onDomChange: () => void;

  constructor(
    readonly element: HTMLElement,
    rules: MarkupRules,
    onDomChange: () => void,
    signal: AbortSignal,
  ) {
    this.#rules = rules;
    this.#onDomChange = onDomChange;
    this.field = isTextField(element) ? element : null;
    if (this.field) return;
    const observer = new (element.ownerDocument.defaultView!.MutationObserver)(() => this.#domChanged());
    // Classes decide what is quoted history or a placeholder.
    observer.observe(element, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
    this.#observer = observer;
    signal.addEventListener('abort', () => observer.disconnect());
  }

  /**
   * The draft as it is now. Pending mutation records are checked first, so a change made earlier
   * in this same task is never missed.
   */
  read(): DraftText {
    if (this.field) return readField(this.field);
    if (this.#observer && this.#observer.takeRecords().length > 0) this.#domChanged();
    this.#cached ??= readEditable(this.element, this.#rules);
    return this.#cached;
  }

  /** The draft may have changed (an input event): read it again next time. */
  forget(): void {
    this.#cached = null;
  }

  #domChanged(): void {
    this.#cached = null;
    this.#onDomChange();
  }

  /** Viewport rects of text [start, end); [] when the editor is gone or the range not laid out. */
  rectsFor(start: number, end: number): DOMRect[] {
    if (!this.element.isConnected) return [];
    if (this.field) return fieldRects(this.field, start, end);
    const range = this.read().rangeFor(start, end);
    if (!range) return [];
    return Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
  }

  /** The selection (or the caret) in the plain text, or null when it is not in the editor. */
  selection(): TextRange | null {
    if (this.field) return this.element.ownerDocument.activeElement === this.field ? { start: this.field.selectionStart ?? 0, end: this.field.selectionEnd ?? 0 } : null;
    const root = this.element.getRootNode() as Document | ShadowRoot;
    const selection = 'getSelection' in root && typeof root.getSelection === 'function' ? root.getSelection() : this.element.ownerDocument.defaultView!.getSelection();
    if (!selection?.rangeCount || !this.element.contains(selection.focusNode)) return null;
    const range = selection.getRangeAt(0);
    const draft = this.read();
    const start = draft.offsetOf(range.startContainer, range.startOffset);
    const end = draft.offsetOf(range.endContainer, range.endOffset);
    return start === null || end === null ? null : { start, end };
  }
}
