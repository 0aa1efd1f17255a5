// Replaces a range of the draft the way a person typing would, through the editor's own input
// path, so the editor's model and undo stack see one ordinary edit (see help-desks.md):
// - rich editors that handle `beforeinput` (CKEditor 5) get an 'insertReplacementText' event with
//   targetRanges over the selected words; they cancel it and apply it to their model;
// - other contenteditables (Froala, plain ones) and text fields get `execCommand('insertText')`,
//   which goes through the browser's own editing, fires the real input events and keeps native undo;
// - a text field where execCommand does nothing gets the native value setter plus an 'input' event,
//   which framework-controlled fields (React) pick up.
import type { TextRange } from '../engine/types';
import { isTextField, readField, type DraftText } from './text-model';

/** CKEditor syncs its model selection on 'selectionchange'; replacing before that merges the edit into the typing batch. */
const SELECTION_SETTLE_MS = 40;

/**
 * Replaces text [start, end) of `el` with `replacement`; resolves to whether the draft now holds it.
 * Then the caret is after the replacement, or `select` (offsets in the new text, a gap to fill) is selected.
 */
export type TextReplacer = (el: HTMLElement, read: () => DraftText, start: number, end: number, replacement: string, select?: TextRange) => Promise<boolean>;

/** The shared way, for any editor whose adapter names none of its own. */
export async function replaceText(
  el: HTMLElement,
  read: () => DraftText,
  start: number,
  end: number,
  replacement: string,
  select: TextRange = { start: start + replacement.length, end: start + replacement.length },
): Promise<boolean> {
  const before = read().text;
  const expected = before.slice(0, start) + replacement + before.slice(end);
  const done = isTextField(el) ? replaceInField(el, start, end, replacement, expected) : await replaceInEditable(el, read, before, start, end, replacement, expected);
  if (done) selectText(el, read(), select);
  return done;
}

/** Selects `range` of the draft (a collapsed range puts the caret there), unless the selection is there already. */
export function selectText(el: HTMLElement, draft: DraftText, { start, end }: TextRange): void {
  if (isTextField(el)) return el.setSelectionRange(start, end);
  const selection = el.ownerDocument.defaultView!.getSelection();
  const range = draft.rangeFor(start, end);
  if (!selection || !range) return;
  const at = selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  if (at && draft.offsetOf(at.startContainer, at.startOffset) === start && draft.offsetOf(at.endContainer, at.endOffset) === end) return;
  selection.removeAllRanges();
  selection.addRange(range);
}

async function replaceInEditable(
  el: HTMLElement,
  read: () => DraftText,
  before: string,
  start: number,
  end: number,
  replacement: string,
  expected: string,
): Promise<boolean> {
  const doc = el.ownerDocument;
  const win = doc.defaultView!;
  const range = read().rangeFor(start, end);
  if (!range) return false;
  el.focus({ preventScroll: true });
  const selection = win.getSelection();
  if (!selection) return false;
  selection.removeAllRanges();
  selection.addRange(range);
  await settle(doc);

  // The editor's renderer may have replaced text nodes meanwhile: recompute the range from offsets.
  const current = read();
  if (current.text !== before) return false;
  const target = current.rangeFor(start, end);
  if (!target) return false;
  // An empty suggestion removes the words: a deletion, as the agent pressing Backspace over them.
  const removal = replacement === '';
  const event = new win.InputEvent('beforeinput', {
    inputType: removal ? 'deleteContentBackward' : 'insertReplacementText',
    data: removal ? null : replacement,
    targetRanges: [new win.StaticRange({ startContainer: target.startContainer, startOffset: target.startOffset, endContainer: target.endContainer, endOffset: target.endOffset })],
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  el.dispatchEvent(event);
  if (!event.defaultPrevented) {
    // Nobody handled the replacement: type it through the browser's editing over the selection.
    // Editors with an undo stack of their own (Froala) record a step when they lose focus, not on
    // input events: leaving and re-entering the editor, as the agent's click on the card would,
    // closes the typing step before the edit and records the replacement as one step after it.
    recordUndoStep(el);
    selection.removeAllRanges();
    selection.addRange(target);
    doc.execCommand(removal ? 'delete' : 'insertText', false, replacement);
    recordUndoStep(el);
  }
  return read().text === expected;
}

function replaceInField(
  field: HTMLTextAreaElement | HTMLInputElement,
  start: number,
  end: number,
  replacement: string,
  expected: string,
): boolean {
  field.focus({ preventScroll: true });
  field.setSelectionRange(start, end);
  const doc = field.ownerDocument;
  doc.execCommand(replacement === '' ? 'delete' : 'insertText', false, replacement);
  if (readField(field).text !== expected) {
    const view = doc.defaultView!;
    const proto = field instanceof view.HTMLTextAreaElement ? view.HTMLTextAreaElement.prototype : view.HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, expected);
    field.dispatchEvent(new view.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: replacement }));
  }
  return field.value === expected;
}

/** Blurs and refocuses `el` (the caller sets the selection it needs afterwards). */
function recordUndoStep(el: HTMLElement): void {
  el.blur();
  el.focus({ preventScroll: true });
}

/** Waits for the selection change to reach the editor (or a short timeout when none fires). */
function settle(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const win = doc.defaultView!;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      doc.removeEventListener('selectionchange', onChange);
      win.setTimeout(resolve, SELECTION_SETTLE_MS);
    };
    const onChange = () => finish();
    doc.addEventListener('selectionchange', onChange);
    win.setTimeout(finish, SELECTION_SETTLE_MS);
  });
}
