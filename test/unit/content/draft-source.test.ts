/**
 * @jest-environment jsdom
 */
// One editor's draft read without a browser (jsdom's DOM, no layout): a text field read from its
// value, a contenteditable read once and again after its DOM changes (even within the same task),
// the caret as an offset in the plain text, and no rects for an editor that is gone.
import { DraftSource } from '../../../src/content/draft-source';

const RULES = { skipSelector: 'blockquote', ignoreSelector: '.placeholder' };

function mount(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}

function source(element: HTMLElement) {
  const controller = new AbortController();
  let domChanges = 0;
  const draft = new DraftSource(element, RULES, () => domChanges++, controller.signal);
  return { draft, domChanges: () => domChanges, stop: () => controller.abort() };
}

/** Puts the selection over [startOffset, endOffset) of `node` (a collapsed caret when they are equal). */
function select(node: Node, startOffset: number, endOffset = startOffset) {
  const range = document.createRange();
  range.setStart(node, startOffset);
  range.setEnd(node, endOffset);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

afterEach(() => {
  document.getSelection()?.removeAllRanges();
  document.body.innerHTML = '';
});

describe('a textarea', () => {
  test('is read from its value, quoted lines skipped', () => {
    const field = mount('<textarea></textarea>') as HTMLTextAreaElement;
    field.value = 'We can help.\n> your earlier message';
    const { draft } = source(field);
    expect(draft.field).toBe(field);
    expect(draft.read()).toMatchObject({ text: 'We can help.\n> your earlier message', skip: [{ start: 13, end: 35 }] });
  });

  test('is read again after each change of its value', () => {
    const field = mount('<textarea>first</textarea>') as HTMLTextAreaElement;
    const { draft } = source(field);
    expect(draft.read().text).toBe('first');
    field.value = 'second';
    expect(draft.read().text).toBe('second');
  });

  test('has the field’s selection while it has the focus', () => {
    const field = mount('<textarea>Hello there</textarea>') as HTMLTextAreaElement;
    const { draft } = source(field);
    field.focus();
    field.setSelectionRange(2, 5);
    expect(draft.selection()).toEqual({ start: 2, end: 5 });
  });

  test('has no selection while another element has the focus', () => {
    document.body.innerHTML = '<textarea>Hello there</textarea><input id="other">';
    const field = document.querySelector('textarea')!;
    const { draft } = source(field);
    field.setSelectionRange(2, 5);
    document.querySelector<HTMLInputElement>('#other')!.focus();
    expect(draft.selection()).toBeNull();
  });
});

describe('a contenteditable', () => {
  const QUOTED = '<div contenteditable="true"><p>Hi Sam,</p><p>We can help.<span class="placeholder">Type here</span></p><blockquote>Old mail</blockquote></div>';

  test('is read as plain text with each block on its own line, placeholders left out', () => {
    const { draft } = source(mount(QUOTED));
    expect(draft.field).toBeNull();
    expect(draft.read().text).toBe('Hi Sam,\nWe can help.\nOld mail');
  });

  test('marks its quoted history to be skipped', () => {
    const { draft } = source(mount(QUOTED));
    const { text, skip } = draft.read();
    expect(skip.map((r) => text.slice(r.start, r.end))).toEqual(['Old mail']);
  });

  test('keeps its reading while its DOM is unchanged', () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
    const { draft } = source(editor);
    expect(draft.read()).toBe(draft.read());
  });

  test('is read again after a change made earlier in the same task', () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
    const { draft } = source(editor);
    draft.read();
    editor.querySelector('p')!.textContent = 'Hi Dana,';
    expect(draft.read().text).toBe('Hi Dana,');
  });

  test('reports a change it read once', () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
    const { draft, domChanges } = source(editor);
    editor.querySelector('p')!.textContent = 'Hi Dana,';
    draft.read();
    draft.read();
    expect(domChanges()).toBe(1);
  });

  test('reports a change the page makes while nobody reads', async () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
    const { domChanges } = source(editor);
    editor.append(document.createTextNode(' more'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(domChanges()).toBe(1);
  });

  test('is read again after a class change, which can make words quoted history', () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p><div>Old mail</div></div>');
    // A help desk marks quoted history by a class, after inserting it.
    const draft = new DraftSource(editor, { skipSelector: '.quoted', ignoreSelector: '' }, () => undefined, new AbortController().signal);
    expect(draft.read().skip).toEqual([]);
    editor.querySelector('div')!.className = 'quoted';
    const { text, skip } = draft.read();
    expect(skip.map((r) => text.slice(r.start, r.end))).toEqual(['Old mail']);
  });

  test('is read again after forget()', () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
    const { draft } = source(editor);
    const first = draft.read();
    draft.forget();
    expect(draft.read()).not.toBe(first);
    expect(draft.read().text).toBe(first.text);
  });

  test('stops watching its DOM once the editor goes', async () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
    const { domChanges, stop } = source(editor);
    stop();
    editor.append(document.createTextNode(' more'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(domChanges()).toBe(0);
  });

  test('has the selection as offsets in its plain text', () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p><p>We can help.</p></div>');
    const { draft } = source(editor);
    const second = editor.querySelectorAll('p')[1].firstChild!;
    select(second, 3, 6);
    expect(draft.selection()).toEqual({ start: 11, end: 14 });
    expect(draft.read().text.slice(11, 14)).toBe('can');
  });

  test('has a collapsed caret as an empty range', () => {
    const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
    const { draft } = source(editor);
    select(editor.querySelector('p')!.firstChild!, 3);
    expect(draft.selection()).toEqual({ start: 3, end: 3 });
  });

  test('has no selection while the selection is elsewhere on the page', () => {
    document.body.innerHTML = '<div contenteditable="true"><p>Hi Sam,</p></div><p id="elsewhere">Ticket #12</p>';
    const { draft } = source(document.querySelector('div')!);
    select(document.querySelector('#elsewhere')!.firstChild!, 2);
    expect(draft.selection()).toBeNull();
  });
});

test('an editor removed from the page has no rects', () => {
  const editor = mount('<div contenteditable="true"><p>Hi Sam,</p></div>');
  const { draft } = source(editor);
  editor.remove();
  expect(draft.rectsFor(0, 2)).toEqual([]);
});
