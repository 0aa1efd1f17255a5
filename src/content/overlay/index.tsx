// The overlay the agent sees on the help-desk page: underlines over the flagged words and the
// suggestion card, for one CoachedEditor (see ../session.ts). The content entry calls
// mountOverlay for every coached editor; aborting `signal` removes everything it added.
import { render } from 'preact';
import type { Finding } from '../../engine/types';
import type { CoachedEditor } from '../session';
import { acquireHost, releaseHost, type OverlayHost } from './host';
import { contains, isEmpty, placeCard, visibleBox, type Box } from './layout';
import { Card, Layer, type CardState, type Underline } from './view';

/** How long the pointer rests on an underline before its card opens, and away from both before a hovered card closes. */
const HOVER_OPEN_MS = 450;
const HOVER_CLOSE_MS = 400;

type Opener = 'keyboard' | 'click' | 'hover';
type SavedCaret = { kind: 'field'; start: number; end: number } | { kind: 'range'; range: Range } | null;

export function mountOverlay(editor: CoachedEditor, signal: AbortSignal): void {
  if (!signal.aborted) new EditorOverlay(editor, signal);
}

const sameFinding = (a: Finding, b: Finding) => a.ruleId === b.ruleId && a.start === b.start && a.end === b.end && a.text === b.text;
const narrowest = (findings: Finding[]): Finding | null =>
  findings.reduce<Finding | null>((best, f) => (!best || f.end - f.start < best.end - best.start ? f : best), null);
const toBox = (r: DOMRect): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
const isTextField = (el: HTMLElement): el is HTMLTextAreaElement | HTMLInputElement =>
  el instanceof el.ownerDocument.defaultView!.HTMLTextAreaElement || el instanceof el.ownerDocument.defaultView!.HTMLInputElement;

let nextCardId = 1;

class EditorOverlay {
  private readonly doc: Document;
  private readonly host: OverlayHost;
  private readonly container: HTMLDivElement;
  private readonly cardId = `cando-card-${nextCardId++}`;
  /** Viewport boxes of the visible underlines from the last layout, for hit-testing the pointer. */
  private visible: { finding: Finding; boxes: Box[] }[] = [];
  private card: CardState | null = null;
  private opener: Opener = 'click';
  private savedCaret: SavedCaret = null;
  private frame = 0;
  private hoverTimer = 0;
  private hoverTarget: Finding | null = null;
  private leaveTimer = 0;
  /** What the last update drew, to redraw the card alone without measuring the page again. */
  private lastClip: Box = { left: 0, top: 0, right: 0, bottom: 0 };
  private lastUnderlines: Underline[] = [];

  constructor(
    private readonly editor: CoachedEditor,
    private readonly signal: AbortSignal,
  ) {
    this.doc = editor.element.ownerDocument;
    const win = this.doc.defaultView!;
    this.host = acquireHost(this.doc);
    this.container = this.doc.createElement('div');
    this.host.root.append(this.container);

    const opts = { signal, capture: true };
    // The session batches its changes into one call per frame: draw at once, not a frame later.
    editor.onChange(this.updateNow, signal);
    this.doc.addEventListener('scroll', this.schedule, { ...opts, passive: true });
    win.addEventListener('resize', this.schedule, { signal, passive: true });
    const resize = new win.ResizeObserver(this.schedule);
    resize.observe(editor.element);
    this.doc.addEventListener('keydown', this.onKeyDown, opts);
    this.doc.addEventListener('click', this.onClick, opts);
    this.doc.addEventListener('pointermove', this.onPointerMove, { ...opts, passive: true });
    // Pressing a card button must not take the focus (and the caret) away from the editor.
    this.container.addEventListener('mousedown', (e) => e.preventDefault(), { signal });
    // Keys pressed in the card are ours: the help desk's own shortcuts must not see them.
    this.container.addEventListener('keydown', (e) => e.stopPropagation(), { signal });
    signal.addEventListener('abort', () => {
      win.cancelAnimationFrame(this.frame);
      win.clearTimeout(this.hoverTimer);
      win.clearTimeout(this.leaveTimer);
      resize.disconnect();
      this.host.releaseCard(this.closeFromHost);
      render(null, this.container);
      this.container.remove();
      releaseHost(this.doc);
    });
    this.update();
  }

  /** Coalesces layout work (scroll, resize, reflow, new findings) into one update per frame. */
  private readonly schedule = () => {
    if (!this.frame && !this.signal.aborted) this.frame = this.doc.defaultView!.requestAnimationFrame(this.update);
  };

  private readonly updateNow = () => {
    this.doc.defaultView!.cancelAnimationFrame(this.frame);
    this.update();
  };

  private readonly update = () => {
    this.frame = 0;
    if (this.signal.aborted) return;
    const { editor } = this;
    if (this.card) {
      const current = editor.findings.find((f) => sameFinding(f, this.card!.finding));
      if (!current) return this.closeCard();
      this.card.finding = current;
    }
    const clip = visibleBox(editor.element);
    this.visible = isEmpty(clip)
      ? []
      : editor.findings
          .map((finding) => ({ finding, boxes: editor.rectsFor(finding.start, finding.end).map(toBox).filter((b) => !isEmpty(b)) }))
          .filter(({ boxes }) => boxes.some((b) => b.bottom > clip.top && b.top < clip.bottom && b.right > clip.left && b.left < clip.right));
    const underlines: Underline[] = this.visible.map(({ finding, boxes }) => ({
      finding,
      boxes: boxes.map((b) => ({ left: b.left - clip.left, top: b.top - clip.top, right: b.right - clip.left, bottom: b.bottom - clip.top })),
    }));
    this.draw(clip, underlines);
    if (this.card) this.placeCard();
  };

  private draw(clip: Box, underlines: Underline[]) {
    const { card } = this;
    render(
      <>
        <Layer clip={clip} underlines={underlines} active={card?.finding ?? null} />
        {card && (
          <Card
            key={`${card.finding.ruleId}@${card.finding.start}`}
            id={this.cardId}
            state={card}
            locked={this.editor.isLocked(card.finding.ruleId)}
            actions={{
              apply: (s) => void this.apply(card.finding, s),
              dismiss: () => this.dismiss(card.finding),
              turnOff: () => void this.turnOff(card.finding),
              close: () => this.closeCard(true),
            }}
          />
        )}
      </>,
      this.container,
    );
    this.lastClip = clip;
    this.lastUnderlines = underlines;
  }

  private redraw() {
    this.draw(this.lastClip, this.lastUnderlines);
  }

  /** Puts the card next to its flagged text (measured after rendering), or hides it while that text is out of view. */
  private placeCard() {
    const card = this.card!;
    const flagged = this.visible.find((v) => v.finding === card.finding)?.boxes ?? [];
    const element = this.cardElement();
    let position: CardState['position'] = null;
    if (flagged.length && element) {
      const win = this.doc.defaultView!;
      position = placeCard(flagged, { width: element.offsetWidth, height: element.offsetHeight }, { width: win.innerWidth, height: win.innerHeight }, this.caretBox(card.caret));
    }
    if (position?.left !== card.position?.left || position?.top !== card.position?.top) {
      card.position = position;
      this.redraw();
    }
  }

  /** The box of the character next to the caret (zero-width ranges have no box). */
  private caretBox(caret: number | null): Box | null {
    if (caret === null) return null;
    const [box] = caret > 0 ? this.editor.rectsFor(caret - 1, caret) : this.editor.rectsFor(0, 1);
    return box ? toBox(box) : null;
  }

  private cardElement(): HTMLElement | null {
    return this.container.querySelector<HTMLElement>('.card');
  }

  /** The finding under the pointer; where findings overlap, the narrowest, so each one can be reached. */
  private findingAt(x: number, y: number): Finding | null {
    return narrowest(this.visible.filter(({ boxes }) => boxes.some((b) => contains(b, x, y))).map((v) => v.finding));
  }

  /** The (narrowest) finding under the caret, else the next one after it, else the last one before it. */
  private findingAtCaret(): Finding | null {
    const caret = this.editor.caretOffset();
    const findings = [...this.editor.findings].sort((a, b) => a.start - b.start);
    if (caret === null || !findings.length) return null;
    return narrowest(findings.filter((f) => f.start <= caret && caret <= f.end)) ?? findings.find((f) => f.start > caret) ?? findings[findings.length - 1];
  }

  private inEditor(event: Event) {
    return event.composedPath().includes(this.editor.element);
  }

  private inCard(event: Event) {
    const card = this.cardElement();
    return !!card && event.composedPath().includes(card);
  }

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted) return;
    if (event.key === 'Escape' && this.card && (this.inEditor(event) || this.inCard(event))) {
      event.preventDefault();
      event.stopPropagation();
      this.closeCard(true);
      return;
    }
    if (event.key === 'Enter' && event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && this.inEditor(event)) {
      const finding = this.findingAtCaret();
      if (!finding) return;
      event.preventDefault();
      event.stopPropagation();
      this.openCard(finding, 'keyboard');
    }
  };

  private readonly onClick = (event: MouseEvent) => {
    if (!event.isTrusted || this.inCard(event)) return;
    const finding = this.inEditor(event) ? this.findingAt(event.clientX, event.clientY) : null;
    if (finding) this.openCard(finding, 'click');
    else if (this.card) this.closeCard();
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    const win = this.doc.defaultView!;
    const over = this.inEditor(event) ? this.findingAt(event.clientX, event.clientY) : null;
    if (over !== this.hoverTarget) {
      win.clearTimeout(this.hoverTimer);
      this.hoverTarget = over;
      if (over && over !== this.card?.finding) this.hoverTimer = win.setTimeout(() => this.openCard(over, 'hover'), HOVER_OPEN_MS);
    }
    if (this.card && this.opener === 'hover') {
      const staying = this.inCard(event) || over === this.card.finding;
      win.clearTimeout(this.leaveTimer);
      if (!staying) this.leaveTimer = win.setTimeout(() => this.opener === 'hover' && this.closeCard(), HOVER_CLOSE_MS);
    }
  };

  private openCard(finding: Finding, opener: Opener) {
    const win = this.doc.defaultView!;
    win.clearTimeout(this.hoverTimer);
    win.clearTimeout(this.leaveTimer);
    if (opener === 'keyboard') this.savedCaret = this.saveCaret();
    this.opener = opener;
    this.host.claimCard(this.closeFromHost);
    this.card = { finding, position: null, notice: null, busy: false, caret: this.editor.caretOffset() };
    this.host.announce(`CanDo: ${finding.message} On “${finding.text}”. ${finding.suggestions.length ? `Suggestion: ${finding.suggestions[0]}.` : ''}`);
    this.update();
    if (opener === 'keyboard') this.cardElement()?.querySelector<HTMLElement>('button.suggestion, button.dismiss')?.focus();
  }

  private readonly closeFromHost = () => this.closeCard();

  /** Closes the card; `returnFocus` puts the focus and the caret back where the agent left them. */
  private closeCard(returnFocus = false) {
    if (!this.card) return;
    const hadFocus = this.doc.activeElement === (this.host.root.host as Element);
    this.card = null;
    this.host.releaseCard(this.closeFromHost);
    this.update();
    if (returnFocus || hadFocus) this.restoreCaret();
  }

  private saveCaret(): SavedCaret {
    const el = this.editor.element;
    if (isTextField(el)) return { kind: 'field', start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 };
    const selection = this.doc.getSelection();
    if (!selection?.rangeCount) return null;
    const range = selection.getRangeAt(0);
    return el.contains(range.startContainer) ? { kind: 'range', range: range.cloneRange() } : null;
  }

  private restoreCaret() {
    const el = this.editor.element;
    const saved = this.savedCaret;
    this.savedCaret = null;
    el.focus({ preventScroll: true });
    if (saved?.kind === 'field' && isTextField(el)) el.setSelectionRange(saved.start, saved.end);
    else if (saved?.kind === 'range' && el.contains(saved.range.startContainer)) {
      const selection = this.doc.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(saved.range);
    }
  }

  private async apply(finding: Finding, suggestion: string) {
    if (!this.card || this.card.busy) return;
    this.card.busy = true;
    this.card.notice = null;
    this.redraw();
    if (this.opener === 'keyboard') this.restoreCaret();
    const applied = await this.editor.apply(finding, suggestion);
    if (this.signal.aborted || !this.card) return;
    if (applied) {
      this.card = null;
      this.host.releaseCard(this.closeFromHost);
      this.update();
      return;
    }
    this.card.busy = false;
    this.card.notice = 'The text changed; check again.';
    this.redraw();
  }

  private dismiss(finding: Finding) {
    this.editor.dismiss(finding);
    this.closeCard(this.opener === 'keyboard');
  }

  private async turnOff(finding: Finding) {
    if (!this.card) return;
    this.card.busy = true;
    this.redraw();
    const off = await this.editor.turnOffRule(finding.ruleId);
    if (this.signal.aborted || !this.card) return;
    if (off) return this.closeCard(this.opener === 'keyboard');
    this.card.busy = false;
    this.card.notice = 'This rule could not be turned off.';
    this.redraw();
  }
}
