// The one text model every adapter shares: an editor's DOM (or a textarea's value) read as the
// plain text the engine analyzes, with a map from text offsets back to DOM positions.
// Block elements become line breaks, <br> a line break; characters the agent cannot see
// (zero-width fillers that editors insert) are left out; quoted history and signatures are
// read but reported as ranges the engine must skip.
import type { TextRange } from '../engine/types';

/** A textarea or input: its draft is its value, not DOM text (tested against the element's own window, which may be a frame's). */
export function isTextField(el: HTMLElement): el is HTMLTextAreaElement | HTMLInputElement {
  const view = el.ownerDocument.defaultView!;
  return el instanceof view.HTMLTextAreaElement || el instanceof view.HTMLInputElement;
}

export interface DraftText {
  readonly text: string;
  /** Quoted history, signatures: not the agent's words. */
  readonly skip: TextRange[];
  /** A DOM range over text [start, end), or null for a text field or offsets outside the text. */
  rangeFor(start: number, end: number): Range | null;
  /** The text offset of a DOM position inside the editor, or null when it is outside. */
  offsetOf(node: Node, offset: number): number | null;
}

/** What an adapter tells the text model about its product's markup. */
export interface MarkupRules {
  /** Subtrees that are not the agent's words (quoted history, signatures). */
  skipSelector: string;
  /** Elements that show but are no part of the draft (placeholders). */
  ignoreSelector: string;
}

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
const NEVER_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
/** Zero-width characters editors use as fillers and markers (CKEditor's inline filler is U+2060s, Froala uses U+200B). */
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff]/;

/** A run of visible characters of one text node: text[start, start + length) = node.data[nodeStart, ...). */
interface Run {
  node: Text;
  nodeStart: number;
  start: number;
  length: number;
}

export function readEditable(root: HTMLElement, rules: MarkupRules): DraftText {
  let text = '';
  const runs: Run[] = [];
  const skip: TextRange[] = [];
  const lineBreak = () => {
    if (text.length > 0 && !text.endsWith('\n')) text += '\n';
  };

  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      addText(node as Text);
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (NEVER_TEXT.has(el.tagName) || (rules.ignoreSelector && el.matches(rules.ignoreSelector))) return;
    if (el.tagName === 'BR') {
      text += '\n';
      return;
    }
    const block = BLOCK_TAGS.has(el.tagName);
    if (block) lineBreak();
    const skipped = el !== root && rules.skipSelector !== '' && el.matches(rules.skipSelector);
    const skipStart = text.length;
    for (let child = el.firstChild; child; child = child.nextSibling) visit(child);
    if (block) lineBreak();
    if (skipped && text.length > skipStart) skip.push({ start: skipStart, end: text.length });
  };

  const addText = (node: Text) => {
    const data = node.data;
    // Source formatting between blocks (a newline and indentation) is not text the agent sees.
    if (/^\s*$/.test(data) && data.includes('\n')) return;
    let runStart = -1;
    const close = (end: number) => {
      if (runStart >= 0 && end > runStart) {
        const piece = data.slice(runStart, end).replace(/\u00a0/g, ' ');
        runs.push({ node, nodeStart: runStart, start: text.length, length: piece.length });
        text += piece;
      }
      runStart = -1;
    };
    for (let i = 0; i < data.length; i++) {
      if (INVISIBLE.test(data[i])) close(i);
      else if (runStart < 0) runStart = i;
    }
    close(data.length);
  };

  visit(root);
  // Trailing line breaks from the last block are layout, not text.
  const last = runs[runs.length - 1];
  text = text.slice(0, Math.max(last ? last.start + last.length : 0, text.replace(/\n+$/, '').length));
  return new EditableText(root, text, runs, mergeRanges(skip, text.length));
}

class EditableText implements DraftText {
  constructor(
    private readonly root: HTMLElement,
    readonly text: string,
    private readonly runs: Run[],
    readonly skip: TextRange[],
  ) {}

  rangeFor(start: number, end: number): Range | null {
    if (start < 0 || end < start || end > this.text.length) return null;
    const from = this.position(start, 'forward');
    const to = this.position(end, 'backward');
    if (!from || !to) return null;
    const range = this.root.ownerDocument.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    if (range.collapsed && start !== end) return null;
    return range;
  }

  offsetOf(node: Node, offset: number): number | null {
    if (!this.root.contains(node)) return null;
    if (node.nodeType === Node.TEXT_NODE) {
      for (const run of this.runs) {
        if (run.node === node && offset >= run.nodeStart && offset <= run.nodeStart + run.length) return run.start + offset - run.nodeStart;
      }
    }
    // An element position (or an invisible character): the first run at or after it.
    const probe = this.root.ownerDocument.createRange();
    probe.setStart(node, offset);
    for (const run of this.runs) {
      if (probe.comparePoint(run.node, run.nodeStart) >= 0) return run.start;
    }
    return this.text.length;
  }

  /** The DOM position of a text offset; at a line break, 'forward' picks the next run's start and 'backward' the previous run's end. */
  private position(offset: number, bias: 'forward' | 'backward'): { node: Text; offset: number } | null {
    const runs = this.runs;
    if (runs.length === 0) return null;
    let lo = 0;
    let hi = runs.length - 1;
    // Last run starting at or before the offset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    let run = runs[lo];
    if (run.start > offset) return { node: run.node, offset: run.nodeStart };
    const inside = offset - run.start;
    if (inside < run.length || (inside === run.length && bias === 'backward')) return { node: run.node, offset: run.nodeStart + inside };
    // Past this run's end: either a line break follows, or the next run starts here.
    const next = runs[lo + 1];
    if (bias === 'forward' && next) return { node: next.node, offset: next.nodeStart };
    if (next && next.start === offset) return { node: next.node, offset: next.nodeStart };
    run = runs[lo];
    return { node: run.node, offset: run.nodeStart + run.length };
  }
}

/** A textarea's (or text input's) value is the text; Markdown quote lines ("> ...") are skipped. */
export function readField(field: HTMLTextAreaElement | HTMLInputElement): DraftText {
  const text = field.value;
  const skip: TextRange[] = [];
  const quote = /^>.*$/gm;
  for (let m = quote.exec(text); m; m = quote.exec(text)) skip.push({ start: m.index, end: m.index + m[0].length });
  return { text, skip, rangeFor: () => null, offsetOf: () => null };
}

function mergeRanges(ranges: TextRange[], max: number): TextRange[] {
  const sorted = ranges.map((r) => ({ start: r.start, end: Math.min(r.end, max) })).sort((a, b) => a.start - b.start);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else if (r.end > r.start) out.push(r);
  }
  return out;
}
