// The overlay the agent sees on the help-desk page: underlines over the flagged words and the
// suggestion card, for one CoachedEditor (see ../session.ts). The content entry calls
// mountOverlay for every coached editor; aborting `signal` removes everything it added.
// An editor in a same-origin iframe gets its overlay in the top-most document we can reach, so a
// card near the frame's edge is not cut off by the frame: the editor's rects are carried up
// through the frames' boxes, and clipped by them.
import { render } from 'preact';
import type { Finding, Rewrite } from '../../engine/types';
import { CARDS_READ_KEY } from '../../shared/settings';
import type { CoachedEditor } from '../session';
import { isTextField } from '../text-model';
import { groupFindings, LegendCount, OpenCard, sentenceAround, TabStops } from './cards';
import { acquireHost, releaseHost, type OverlayHost } from './host';
import { findingAt, findingAtCaret, HoverIntent, keyCommand, type Opener } from './input';
import { documentChain, frameView, intersect, isEmpty, overlaps, placeCard, shiftBox, visibleBox, type Box, type FrameView } from './layout';
import { Card, Layer, type CardState, type Underline } from './view';

type SavedCaret = { kind: 'field'; start: number; end: number } | { kind: 'range'; range: Range } | null;

export function mountOverlay(editor: CoachedEditor, signal: AbortSignal): void {
  if (!signal.aborted) new EditorOverlay(editor, signal);
}


let nextCardId = 1;

type StorageArea = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
const g = globalThis as { browser?: { storage?: { local: StorageArea } }; chrome?: { storage?: { local: StorageArea } } };
/** The extension's own storage (never the page's): the count of cards read outlives the page. */
const storage = (g.browser ?? g.chrome)?.storage?.local;

/** Cards read, shared by the page's overlays. */
const legend = new LegendCount(0, Date.now);
storage?.get(CARDS_READ_KEY).then((stored) => (legend.count += Number(stored[CARDS_READ_KEY]) || 0), () => undefined);

class EditorOverlay {
  /** The editor's document, where its pointer and keyboard events happen. */
  readonly #editorDoc: Document;
  /** The top-most reachable document, where the overlay lives, and the documents between. */
  readonly #doc: Document;
  readonly #chain: Document[];
  readonly #host: OverlayHost;
  readonly #container: HTMLDivElement;
  readonly #cardId = `cando-card-${nextCardId++}`;
  /** Top-viewport boxes of the visible underlines from the last layout, for hit-testing the pointer. */
  #visible: { finding: Finding; boxes: Box[] }[] = [];
  /** Where the editor's viewport showed in the top document at the last layout. */
  #view: FrameView = { x: 0, y: 0, clip: null };
  #card: CardState | null = null;
  /** The open card's words, followed through edits and new answers. */
  #followed: OpenCard | null = null;
  /** The gaps of the rewrite applied last: Tab and Shift+Tab move between them. */
  #tabStops: TabStops | null = null;
  /** Counts the cards opened, so each opening renders a fresh card and a followed finding keeps its card. */
  #openings = 0;
  #opener: Opener = 'click';
  #savedCaret: SavedCaret = null;
  #frame = 0;
  readonly #hover: HoverIntent;
  /** What the last update drew, to redraw the card alone without measuring the page again. */
  #lastClip: Box = { left: 0, top: 0, right: 0, bottom: 0 };
  #lastUnderlines: Underline[] = [];

  readonly #editor: CoachedEditor;
  readonly #signal: AbortSignal;

  constructor(editor: CoachedEditor, signal: AbortSignal) {
    this.#editor = editor;
    this.#signal = signal;
    this.#editorDoc = editor.element.ownerDocument;
    this.#chain = documentChain(this.#editorDoc);
    this.#doc = this.#chain[this.#chain.length - 1];
    const win = this.#doc.defaultView!;
    this.#host = acquireHost(this.#doc);
    this.#container = this.#doc.createElement('div');
    this.#host.root.append(this.#container);
    this.#hover = new HoverIntent(win, (f) => this.#openCard(f, 'hover'), () => this.#closeCard());

    const opts = { signal, capture: true };
    // The session batches its changes into one call per frame: draw at once, not a frame later.
    editor.onChange(this.#updateNow, signal);
    // Scrolling or resizing any document on the way up moves the editor in the top viewport, as
    // does the editor's or a frame's box changing size (each observed from its own document).
    // Events come from the editor's document (the editor) and the top one (the card), or any
    // document between (a click there closes the card).
    const observers: ResizeObserver[] = [];
    this.#chain.forEach((doc, i) => {
      const view = doc.defaultView!;
      const resize = new view.ResizeObserver(this.#schedule);
      resize.observe(i === 0 ? editor.element : this.#chain[i - 1].defaultView!.frameElement!);
      observers.push(resize);
      doc.addEventListener('scroll', this.#schedule, { ...opts, passive: true });
      view.addEventListener('resize', this.#schedule, { signal, passive: true });
      doc.addEventListener('keydown', this.#onKeyDown, opts);
      doc.addEventListener('click', this.#onClick, opts);
      doc.addEventListener('pointermove', this.#onPointerMove, { ...opts, passive: true });
    });
    // Pressing a card button must not take the focus (and the caret) away from the editor.
    this.#container.addEventListener('mousedown', (e) => e.preventDefault(), { signal });
    // Keys pressed in the card are ours: the help desk's own shortcuts must not see them.
    this.#container.addEventListener('keydown', (e) => e.stopPropagation(), { signal });
    signal.addEventListener('abort', () => {
      win.cancelAnimationFrame(this.#frame);
      this.#hover.cancel();
      for (const resize of observers) resize.disconnect();
      this.#host.releaseCard(this.#closeFromHost);
      render(null, this.#container);
      this.#container.remove();
      releaseHost(this.#doc);
    });
    this.#update();
  }

  /** Coalesces layout work (scroll, resize, reflow, new findings) into one update per frame. */
  readonly #schedule = () => {
    if (!this.#frame && !this.#signal.aborted) this.#frame = this.#doc.defaultView!.requestAnimationFrame(this.#update);
  };

  readonly #updateNow = () => {
    this.#doc.defaultView!.cancelAnimationFrame(this.#frame);
    this.#update();
  };

  readonly #update = () => {
    this.#frame = 0;
    if (this.#signal.aborted) return;
    const editor = this.#editor;
    if (this.#tabStops && !this.#tabStops.follow(editor.text)) this.#tabStops = null;
    // A card saying its rule is off stays on that rule (another rule may flag its words now).
    if (this.#card && !this.#card.turnedOff.length) {
      const group = this.#followed!.follow(editor.text, groupFindings(editor.findings));
      if (group) {
        this.#card.group = group;
        const { ruleId } = this.#card.finding;
        this.#card.finding = group.findings.find((f) => f.ruleId === ruleId) ?? group.findings[0];
      // A card that is applying, or says why an apply did nothing, stays until that is done or the agent closes it.
      } else if (!this.#card.notice && !this.#card.busy) return this.#closeCard();
    }
    const view = (this.#view = frameView(this.#editorDoc));
    const inTop = (b: Box) => shiftBox(b, view.x, view.y);
    const own = inTop(visibleBox(editor.element));
    const clip = view.clip ? intersect(own, view.clip) : own;
    this.#visible = isEmpty(clip)
      ? []
      : editor.findings
          .map((finding) => ({ finding, boxes: this.#boxesOf(finding).filter((b) => !isEmpty(b)) }))
          .filter(({ boxes }) => boxes.some((b) => overlaps(b, clip)));
    const underlines: Underline[] = this.#visible.map(({ finding, boxes }) => ({
      finding,
      boxes: boxes.map((b) => shiftBox(b, -clip.left, -clip.top)),
    }));
    this.#draw(clip, underlines);
    if (this.#card) this.#placeCard();
  };

  #draw(clip: Box, underlines: Underline[]) {
    const card = this.#card;
    render(
      <>
        <Layer clip={clip} underlines={underlines} active={card?.group.findings ?? []} />
        {card && (
          <Card
            key={this.#openings}
            id={this.#cardId}
            state={card}
            text={this.#editor.text}
            legend={legend.showLegend}
            switchable={this.#switchable(card).length}
            actions={{
              apply: (choice) => void this.#apply(choice),
              dismiss: () => this.#dismiss(),
              turnOff: () => void this.#turnOff(this.#switchable(card)),
              undoTurnOff: () => void this.#undoTurnOff(card.turnedOff),
              close: () => this.#closeCard(true),
              toggle: () => {
                card.expanded = !card.expanded;
                this.#redraw();
              },
            }}
          />
        )}
      </>,
      this.#container,
    );
    this.#lastClip = clip;
    this.#lastUnderlines = underlines;
  }

  #redraw() {
    this.#draw(this.#lastClip, this.#lastUnderlines);
  }

  /**
   * Puts the card next to its sentence (measured after rendering) and clear of other flagged words,
   * or hides it while its flagged words are out of view.
   */
  #placeCard() {
    const card = this.#card!;
    const { findings } = card.group;
    const own = this.#visible.flatMap((v) => (findings.includes(v.finding) ? v.boxes : []));
    const others = this.#visible.flatMap((v) => (findings.includes(v.finding) ? [] : v.boxes));
    // Beside the whole sentence: the card shows it rewritten, and must not hide it.
    const flagged = own.length ? [...this.#boxesOf(sentenceAround(this.#editor.text, card.group.start, card.group.end)), ...own] : [];
    const element = this.#cardElement();
    // With its finding gone (the card kept for its notice, its Undo, or while it acts), the card stays where it was.
    let position: CardState['position'] = card.notice || card.turnedOff.length || card.busy ? card.position : null;
    if (flagged.length && element) {
      const win = this.#doc.defaultView!;
      position = placeCard(flagged, { width: element.offsetWidth, height: element.offsetHeight }, { width: win.innerWidth, height: win.innerHeight }, this.#caretBox(card.caret), others);
    }
    if (position?.left !== card.position?.left || position?.top !== card.position?.top) {
      card.position = position;
      this.#redraw();
    }
  }

  /** Top-viewport boxes of the draft text [start, end). */
  #boxesOf({ start, end }: { start: number; end: number }): Box[] {
    return this.#editor.rectsFor(start, end).map((r) => shiftBox(r, this.#view.x, this.#view.y));
  }

  /** The box of the character next to the caret (zero-width ranges have no box). */
  #caretBox(caret: number | null): Box | null {
    if (caret === null) return null;
    return this.#boxesOf(caret > 0 ? { start: caret - 1, end: caret } : { start: 0, end: 1 })[0] ?? null;
  }

  #cardElement(): HTMLElement | null {
    return this.#container.querySelector<HTMLElement>('.card');
  }

  /** The finding under the pointer of an event in the editor (null for one elsewhere). */
  #findingAt(event: MouseEvent): Finding | null {
    return this.#inEditor(event) ? findingAt(this.#visible, event.clientX + this.#view.x, event.clientY + this.#view.y) : null;
  }

  #inEditor(event: Event) {
    return event.composedPath().includes(this.#editor.element);
  }

  #inCard(event: Event) {
    const card = this.#cardElement();
    return !!card && event.composedPath().includes(card);
  }

  readonly #onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted) return;
    const command = keyCommand(event, { inEditor: this.#inEditor(event), inCard: this.#inCard(event), cardOpen: !!this.#card, tabStops: !!this.#tabStops });
    if (!command) return;
    // With no gap that way, Tab is the editor's Tab; with no finding, Alt+Enter is the page's.
    const selection = this.#editor.selection();
    const gap = command === 'gap' && selection && this.#tabStops!.next(this.#editor.text, selection, event.shiftKey);
    const finding = command === 'open' && findingAtCaret(this.#editor.findings, selection?.end ?? null);
    if (!gap && !finding && command !== 'close') return;
    event.preventDefault();
    event.stopPropagation();
    if (gap) this.#editor.select(gap);
    else if (finding) this.#openCard(finding, 'keyboard');
    else this.#closeCard(true);
  };

  readonly #onClick = (event: MouseEvent) => {
    if (!event.isTrusted || this.#inCard(event)) return;
    const finding = this.#findingAt(event);
    if (finding) this.#openCard(finding, 'click');
    else if (this.#card) this.#closeCard();
  };

  readonly #onPointerMove = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    const card = this.#card;
    this.#hover.moved(this.#findingAt(event), card && { findings: card.group.findings, hovered: this.#opener === 'hover', pointerOnCard: this.#inCard(event) });
  };

  #openCard(drawn: Finding, opener: Opener) {
    // The finding as the draft is now (the pointer found it as last drawn; typing may have moved it since), and its card's group.
    const key = this.#editor.keyOf(drawn);
    const group = groupFindings(this.#editor.findings).find((g) => g.findings.some((f) => this.#editor.keyOf(f) === key));
    if (!group) return;
    const finding = group.findings.find((f) => this.#editor.keyOf(f) === key)!;
    this.#hover.cancel();
    if (opener === 'keyboard') this.#savedCaret = this.#saveCaret();
    this.#opener = opener;
    this.#host.claimCard(this.#closeFromHost);
    this.#card = { group, finding, position: null, notice: null, busy: false, caret: this.#editor.selection()?.end ?? null, turnedOff: [], expanded: false };
    this.#followed = new OpenCard(group, this.#editor.text);
    this.#openings++;
    legend.opened();
    for (const f of group.findings) this.#editor.cardOpened(f);
    const [choice] = group.choices;
    this.#host.announce(`CanDo: ${group.findings.map((f) => f.message).join(' ')} On “${finding.text}”. ${choice ? `Suggestion: ${choice.text}.` : ''}`);
    this.#update();
    if (opener === 'keyboard') this.#cardElement()?.querySelector<HTMLElement>('button.suggestion, button.dismiss')?.focus();
  }

  readonly #closeFromHost = () => this.#closeCard();

  /** Closes the card; `returnFocus` puts the focus and the caret back where the agent left them. */
  #closeCard(returnFocus = false) {
    if (!this.#card) return;
    const hadFocus = this.#doc.activeElement === (this.#host.root.host as Element);
    this.#forgetCard();
    this.#host.releaseCard(this.#closeFromHost);
    this.#update();
    if (returnFocus || hadFocus) this.#restoreCaret();
  }

  #saveCaret(): SavedCaret {
    const el = this.#editor.element;
    if (isTextField(el)) return { kind: 'field', start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 };
    const selection = this.#editorDoc.getSelection();
    if (!selection?.rangeCount) return null;
    const range = selection.getRangeAt(0);
    return el.contains(range.startContainer) ? { kind: 'range', range: range.cloneRange() } : null;
  }

  #restoreCaret() {
    const el = this.#editor.element;
    const saved = this.#savedCaret;
    this.#savedCaret = null;
    el.focus({ preventScroll: true });
    if (saved?.kind === 'field' && isTextField(el)) el.setSelectionRange(saved.start, saved.end);
    else if (saved?.kind === 'range' && el.contains(saved.range.startContainer)) {
      const selection = this.#editorDoc.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(saved.range);
    }
  }

  /** The card is gone: counted as read when it was open long enough to be, and no longer followed. */
  #forgetCard() {
    this.#card = null;
    this.#followed = null;
    if (legend.closed()) void storage?.set({ [CARDS_READ_KEY]: legend.count }).catch(() => undefined);
  }

  async #apply(choice: Rewrite) {
    if (!this.#card || this.#card.busy) return;
    this.#card.busy = true;
    this.#card.notice = null;
    this.#redraw();
    if (this.#opener === 'keyboard') this.#restoreCaret();
    const applied = await this.#editor.apply(this.#card.group.findings, choice);
    if (this.#signal.aborted || !this.#card) return;
    if (applied) {
      this.#tabStops = new TabStops({ start: applied.start, end: applied.start + applied.text.length }, this.#editor.text);
      this.#forgetCard();
      this.#host.releaseCard(this.#closeFromHost);
      this.#update();
      return;
    }
    this.#card.busy = false;
    this.#card.notice = 'The text changed; check again.';
    this.#redraw();
  }

  #dismiss() {
    for (const f of this.#card!.group.findings) this.#editor.dismiss(f);
    this.#closeCard(this.#opener === 'keyboard');
  }

  /**
   * What the card's "Turn off" switches: one finding of each rule among the problems it names, or
   * none when the organisation locked one of them (the button would read as turning that one off).
   */
  #switchable(card: CardState): Finding[] {
    const { findings } = card.group;
    if (findings.some((f) => this.#editor.isLocked(f.ruleId))) return [];
    return findings.filter((f, i, all) => all.findIndex((g) => g.ruleId === f.ruleId) === i);
  }

  /** Switches the findings' rules off or on, one after another; resolves with the findings whose rule switched. */
  async #setEnabled(findings: readonly Finding[], enabled: boolean): Promise<Finding[]> {
    const done: Finding[] = [];
    for (const f of findings) if (await this.#editor.setRuleEnabled(f.ruleId, enabled)) done.push(f);
    return done;
  }

  async #turnOff(findings: readonly Finding[]) {
    if (!this.#card) return;
    this.#card.busy = true;
    this.#redraw();
    // The findings as the agent clicked: switching a rule off takes its findings out of the card's group meanwhile.
    const off = await this.#setEnabled(findings, false);
    if (this.#signal.aborted || !this.#card) return;
    this.#card.busy = false;
    // The card stays, saying where the rules can be turned back on, with Undo: one click took them off every ticket.
    // It speaks of the rules turned off, though a newer analysis may have put another rule's finding on its words meanwhile.
    if (off.length) this.#card.turnedOff = off;
    else this.#card.notice = 'This rule could not be turned off.';
    this.#update();
    if (off.length && this.#opener === 'keyboard') this.#cardElement()?.querySelector<HTMLElement>('button.undo')?.focus();
  }

  async #undoTurnOff(findings: readonly Finding[]) {
    if (!this.#card) return;
    this.#card.busy = true;
    this.#redraw();
    const on = await this.#setEnabled(findings, true);
    if (this.#signal.aborted || !this.#card) return;
    if (on.length === findings.length) return this.#closeCard(this.#opener === 'keyboard');
    this.#card.busy = false;
    this.#card.notice = 'This rule could not be turned back on; switch it on under Rules in CanDo’s settings.';
    this.#redraw();
  }
}
