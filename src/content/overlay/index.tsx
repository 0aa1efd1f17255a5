// The overlay the agent sees on the help-desk page: underlines over the flagged words and the
// suggestion card, for one CoachedEditor (see ../session.ts). The content entry calls
// mountOverlay for every coached editor; aborting `signal` removes everything it added.
// An editor in a same-origin iframe gets its overlay in the top-most document we can reach, so a
// card near the frame's edge is not cut off by the frame: the editor's rects are carried up
// through the frames' boxes, and clipped by them.
import { render } from 'preact';
import type { Finding } from '../../engine/types';
import type { CoachedEditor } from '../session';
import { isTextField } from '../text-model';
import { acquireHost, releaseHost, type OverlayHost } from './host';
import { contains, documentChain, frameView, intersect, isEmpty, placeCard, shiftBox, visibleBox, type Box, type FrameView } from './layout';
import { Card, Layer, type CardState, type Underline } from './view';

/** How long the pointer rests on an underline before its card opens, and away from both before a hovered card closes. */
const HOVER_OPEN_MS = 450;
const HOVER_CLOSE_MS = 400;

type Opener = 'keyboard' | 'click' | 'hover';
type SavedCaret = { kind: 'field'; start: number; end: number } | { kind: 'range'; range: Range } | null;

export function mountOverlay(editor: CoachedEditor, signal: AbortSignal): void {
  if (!signal.aborted) new EditorOverlay(editor, signal);
}

const narrowest = (findings: Finding[]): Finding | null =>
  findings.reduce<Finding | null>((best, f) => (!best || f.end - f.start < best.end - best.start ? f : best), null);
const toBox = (r: DOMRect): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });

let nextCardId = 1;

class EditorOverlay {
  /** The editor's document, where its pointer and keyboard events happen. */
  private readonly editorDoc: Document;
  /** The top-most reachable document, where the overlay lives, and the documents between. */
  private readonly doc: Document;
  private readonly chain: Document[];
  private readonly host: OverlayHost;
  private readonly container: HTMLDivElement;
  private readonly cardId = `cando-card-${nextCardId++}`;
  /** Top-viewport boxes of the visible underlines from the last layout, for hit-testing the pointer. */
  private visible: { finding: Finding; boxes: Box[] }[] = [];
  /** Where the editor's viewport showed in the top document at the last layout. */
  private view: FrameView = { x: 0, y: 0, clip: null };
  private card: CardState | null = null;
  /** The open card's finding by occurrence, which survives edits elsewhere and new answers. */
  private cardKey: string | null = null;
  /** Counts the cards opened, so each opening renders a fresh card and a followed finding keeps its card. */
  private openings = 0;
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
    this.editorDoc = editor.element.ownerDocument;
    this.chain = documentChain(this.editorDoc);
    this.doc = this.chain[this.chain.length - 1];
    const win = this.doc.defaultView!;
    this.host = acquireHost(this.doc);
    this.container = this.doc.createElement('div');
    this.host.root.append(this.container);

    const opts = { signal, capture: true };
    // The session batches its changes into one call per frame: draw at once, not a frame later.
    editor.onChange(this.updateNow, signal);
    // Scrolling or resizing any document on the way up moves the editor in the top viewport, as
    // does the editor's or a frame's box changing size (each observed from its own document).
    // Events come from the editor's document (the editor) and the top one (the card), or any
    // document between (a click there closes the card).
    const observers: ResizeObserver[] = [];
    this.chain.forEach((doc, i) => {
      const view = doc.defaultView!;
      const resize = new view.ResizeObserver(this.schedule);
      resize.observe(i === 0 ? editor.element : this.chain[i - 1].defaultView!.frameElement!);
      observers.push(resize);
      doc.addEventListener('scroll', this.schedule, { ...opts, passive: true });
      view.addEventListener('resize', this.schedule, { signal, passive: true });
      doc.addEventListener('keydown', this.onKeyDown, opts);
      doc.addEventListener('click', this.onClick, opts);
      doc.addEventListener('pointermove', this.onPointerMove, { ...opts, passive: true });
    });
    // Pressing a card button must not take the focus (and the caret) away from the editor.
    this.container.addEventListener('mousedown', (e) => e.preventDefault(), { signal });
    // Keys pressed in the card are ours: the help desk's own shortcuts must not see them.
    this.container.addEventListener('keydown', (e) => e.stopPropagation(), { signal });
    signal.addEventListener('abort', () => {
      win.cancelAnimationFrame(this.frame);
      win.clearTimeout(this.hoverTimer);
      win.clearTimeout(this.leaveTimer);
      for (const resize of observers) resize.disconnect();
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
      const current = editor.findings.find((f) => editor.keyOf(f) === this.cardKey);
      // A card that is applying, or says why an apply did nothing, stays until that is done or the agent closes it.
      if (current) this.card.finding = current;
      else if (!this.card.notice && !this.card.busy) return this.closeCard();
    }
    const view = (this.view = frameView(this.editorDoc));
    const inTop = (b: Box) => shiftBox(b, view.x, view.y);
    const own = inTop(visibleBox(editor.element));
    const clip = view.clip ? intersect(own, view.clip) : own;
    this.visible = isEmpty(clip)
      ? []
      : editor.findings
          .map((finding) => ({ finding, boxes: editor.rectsFor(finding.start, finding.end).map((r) => inTop(toBox(r))).filter((b) => !isEmpty(b)) }))
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
            key={this.openings}
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
    // With its finding gone (the card kept for its notice), the card stays where it was.
    let position: CardState['position'] = card.notice ? card.position : null;
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
    return box ? shiftBox(toBox(box), this.view.x, this.view.y) : null;
  }

  private cardElement(): HTMLElement | null {
    return this.container.querySelector<HTMLElement>('.card');
  }

  /** The finding under the pointer of an event in the editor; where findings overlap, the narrowest, so each one can be reached. */
  private findingAt(event: MouseEvent): Finding | null {
    const x = event.clientX + this.view.x;
    const y = event.clientY + this.view.y;
    return narrowest(this.visible.filter(({ boxes }) => boxes.some((b) => contains(b, x, y))).map((v) => v.finding));
  }

  private isCardFinding(finding: Finding | null): boolean {
    return !!finding && !!this.card && this.editor.keyOf(finding) === this.cardKey;
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
    const finding = this.inEditor(event) ? this.findingAt(event) : null;
    if (finding) this.openCard(finding, 'click');
    else if (this.card) this.closeCard();
  };

  private readonly onPointerMove = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    const win = this.doc.defaultView!;
    const over = this.inEditor(event) ? this.findingAt(event) : null;
    if (over !== this.hoverTarget) {
      win.clearTimeout(this.hoverTimer);
      this.hoverTarget = over;
      if (over && !this.isCardFinding(over)) this.hoverTimer = win.setTimeout(() => this.openCard(over, 'hover'), HOVER_OPEN_MS);
    }
    if (this.card && this.opener === 'hover') {
      const staying = this.inCard(event) || this.isCardFinding(over);
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
    this.cardKey = this.editor.keyOf(finding);
    this.openings++;
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
    const selection = this.editorDoc.getSelection();
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
      const selection = this.editorDoc.getSelection();
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
