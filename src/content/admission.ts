// Which of the editors the watcher found are coached, and when. An editor is in one of three
// states:
// - dormant: empty; nothing runs for it until the agent focuses or types in it, or the page fills it;
// - waiting: it holds a draft; it starts when it comes into view, or when the agent enters it;
// - live: coached (a session, an overlay), at most MAX_LIVE_EDITORS at once, least recently seen
//   or used first: past the limit, one the agent cannot see gives its place.
// The live editors are the content script's one registry of sessions. No DOM here: what the page
// shows (views, focus, blank drafts) and the clock come in through interfaces, so every sequence
// can be replayed in a unit test.

/**
 * Editors coached at once. A help desk shows one to three reply editors at a time; past this
 * many, editors the agent cannot see give their place to the ones coming into view, so memory and
 * per-editor work stay bounded whatever the page holds (each coached editor's overlay measures it
 * on every scrolled frame: 32 of them took ~40 ms a frame on a page of 5,000 textareas).
 */
export const MAX_LIVE_EDITORS = 8;
/** Coalesce scrolling and DOM churn into one look at the waiting editors per interval. */
export const LOOK_INTERVAL_MS = 150;
/**
 * How often editors waiting out of view are looked at again when nothing the watcher sees has
 * happened (a page can show a hidden ticket by a class change alone).
 */
export const RECHECK_MS = 2000;

/** Which editors are in view: probed on request (answers come later, to `seen`), or followed while live. */
export interface ViewOf<E> {
  inView(el: E): boolean;
  readonly probingNow: boolean;
  probe(elements: Iterable<E>): void;
  follow(el: E): void;
  unfollow(el: E): void;
}

/** What admission asks the page about an editor. */
export interface EditorState<E> {
  /** Nothing typed in it (a blank draft). */
  isBlank(el: E): boolean;
  /** Still in its document and editable. */
  isUsable(el: E): boolean;
  isConnected(el: E): boolean;
  /** The agent is in it (focus within). */
  hasAgent(el: E): boolean;
  /** The editor went dormant (a text field a page's script may fill without any event). */
  rested(el: E): void;
}

export interface Clock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Starts coaching `el`; aborting `signal` stops it. */
export type SessionStarter<E, A, S> = (el: E, adapter: A, signal: AbortSignal) => S;

interface Live<A, S> {
  adapter: A;
  controller: AbortController;
  /** Undefined only while the starter runs. */
  session?: S;
}

export class Admission<E extends object, A, S> {
  /** Coached editors, least recently seen or used first. */
  readonly #live = new Map<E, Live<A, S>>();
  readonly #waiting = new Map<E, A>();
  readonly #dormant = new WeakMap<E, A>();
  /** Waiting editors that came into view, to start in order as places and slices allow. */
  readonly #toStart = new Set<E>();
  #lookTimer: unknown = null;
  /** Something that may have brought waiting editors into view happened while they were being looked at. */
  #lookAgain = false;

  readonly #view: ViewOf<E>;
  readonly #editors: EditorState<E>;
  readonly #clock: Clock;
  readonly #start: SessionStarter<E, A, S>;
  /** Asks for a slice soon: editors came into view and wait for startNext(). */
  readonly #wake: () => void;
  readonly #signal: AbortSignal;

  constructor(
    view: ViewOf<E>,
    editors: EditorState<E>,
    clock: Clock,
    start: SessionStarter<E, A, S>,
    wake: () => void,
    signal: AbortSignal,
  ) {
    this.#view = view;
    this.#editors = editors;
    this.#clock = clock;
    this.#start = start;
    this.#wake = wake;
    this.#signal = signal;
    signal.addEventListener('abort', () => {
      this.#cancelLook();
      for (const { controller } of this.#live.values()) controller.abort();
      this.#live.clear();
      this.#waiting.clear();
      this.#toStart.clear();
    });
  }

  /** The coached editors' sessions. */
  *sessions(): IterableIterator<S> {
    for (const { session } of this.#live.values()) if (session !== undefined) yield session;
  }

  /** Whether `el` is a known editor: coached, waiting or dormant. */
  knows(el: E): boolean {
    return this.#live.has(el) || this.#waiting.has(el) || this.#dormant.has(el);
  }

  isDormant(el: E): boolean {
    return this.#dormant.has(el);
  }

  /** An editor a scan found: `focused` when the agent is in it already (its focus event has passed). */
  found(el: E, adapter: A, focused: boolean): void {
    if (focused) this.#startNow(el, adapter);
    else if (this.#editors.isBlank(el)) this.#rest(el, adapter);
    else this.#await(el, adapter);
  }

  /** The page may have filled a dormant editor: holding a draft, it waits to be seen. */
  mayBeFilled(el: E): void {
    const adapter = this.#dormant.get(el);
    if (adapter !== undefined && this.#editors.isConnected(el) && !this.#editors.isBlank(el)) this.#await(el, adapter);
  }

  /** The agent focused or typed in `el`: it starts at once, taking another's place if need be. */
  entered(el: E): void {
    if (this.#signal.aborted) return;
    const live = this.#live.get(el);
    if (live) return this.#touch(el, live);
    const adapter = this.#waiting.get(el) ?? this.#dormant.get(el);
    if (adapter === undefined || !this.#editors.isUsable(el)) return;
    this.#startNow(el, adapter);
  }

  /** A view answer: `el` is in view or not. */
  seen(el: E, inView: boolean): void {
    const live = this.#live.get(el);
    if (!inView) this.#toStart.delete(el);
    else if (live) this.#touch(el, live);
    else if (this.#waiting.has(el)) this.#toStart.add(el);
    // A coached editor that left the view frees a place for one that came into it.
    if (this.#toStart.size > 0) this.#wake();
  }

  get hasStarts(): boolean {
    return this.#toStart.size > 0;
  }

  /**
   * Looks (again) for waiting editors in view after `delay` (by default once DOM churn or scrolling
   * has paused for LOOK_INTERVAL_MS). `moved`: the page scrolled or changed, so what the last look
   * saw may be out of view (an agent scrolling fast is past it before it starts): the next look decides.
   */
  lookSoon(delay = LOOK_INTERVAL_MS, moved = true): void {
    if (this.#signal.aborted) return;
    if (moved) this.#toStart.clear();
    if (this.#view.probingNow) {
      this.#lookAgain = true;
      return;
    }
    this.#cancelLook();
    this.#lookTimer = this.#clock.setTimeout(() => {
      this.#lookTimer = null;
      if (this.#waiting.size > 0) this.#view.probe(this.#waiting.keys());
    }, delay);
  }

  /** Every probe asked for was answered. */
  looked(): void {
    if (this.#lookAgain) {
      this.#lookAgain = false;
      this.lookSoon(LOOK_INTERVAL_MS, false);
    } else if (this.#waiting.size > 0 && this.#lookTimer === null) {
      this.lookSoon(RECHECK_MS, false);
    }
  }

  /** Starts the next editor that came into view, if there is one and a place for it. */
  startNext(): 'started' | 'skipped' | 'blocked' | 'none' {
    const [el] = this.#toStart;
    if (!el) return 'none';
    const adapter = this.#waiting.get(el);
    if (adapter === undefined || !this.#view.inView(el)) {
      // Started meanwhile (the agent focused it), or out of view again before its turn.
      this.#toStart.delete(el);
      return 'skipped';
    }
    if (!this.#editors.isUsable(el)) {
      this.#toStart.delete(el);
      this.#waiting.delete(el);
      return 'skipped';
    }
    if (!this.#makeRoom(false)) return 'blocked';
    this.#toStart.delete(el);
    this.#begin(el, adapter);
    return 'started';
  }

  /** Stops the coached editors `gone` picks (their document went away). */
  stopWhere(gone: (el: E) => boolean): void {
    for (const el of [...this.#live.keys()]) if (gone(el)) this.#stop(el);
  }

  /** Editors that left the DOM, or stopped being editable, are torn down; the ones waiting that left are forgotten. */
  dropGone(): void {
    this.stopWhere((el) => !this.#editors.isUsable(el));
    // Only a connection check per waiting editor: whether it is still editable is checked when it starts.
    for (const el of this.#waiting.keys()) {
      if (!this.#editors.isConnected(el)) this.#waiting.delete(el);
    }
  }

  /** An empty editor gets nothing until the agent focuses or types in it, or the page fills it. */
  #rest(el: E, adapter: A): void {
    this.#dormant.set(el, adapter);
    this.#editors.rested(el);
  }

  /** The editor waits for the agent to see it. */
  #await(el: E, adapter: A): void {
    this.#dormant.delete(el);
    this.#waiting.set(el, adapter);
    // At once for the first editor a scan finds; the ones it finds meanwhile get the next look.
    if (this.#lookTimer === null) this.lookSoon(0, false);
  }

  /** Marks a coached editor as the most recently seen or used (the last to give its place). */
  #touch(el: E, entry: Live<A, S>): void {
    this.#live.delete(el);
    this.#live.set(el, entry);
  }

  /**
   * Frees a place when MAX_LIVE_EDITORS are coached: the least recently seen editor out of view
   * stops (it starts again when it comes back), or, for the editor the agent is typing in
   * (`urgent`), the least recently seen one the agent is not in. False when no place could be freed.
   */
  #makeRoom(urgent: boolean): boolean {
    if (this.#live.size < MAX_LIVE_EDITORS) return true;
    for (const [el, { adapter }] of this.#live) {
      if (this.#editors.hasAgent(el) || (!urgent && this.#view.inView(el))) continue;
      this.#stop(el);
      if (this.#editors.isUsable(el)) {
        if (this.#editors.isBlank(el)) this.#rest(el, adapter);
        else this.#waiting.set(el, adapter);
      }
      return true;
    }
    return false;
  }

  /** Starts coaching an editor the agent is in, taking the place of one the agent is not in if need be. */
  #startNow(el: E, adapter: A): void {
    this.#makeRoom(true);
    this.#begin(el, adapter);
  }

  #begin(el: E, adapter: A): void {
    this.#dormant.delete(el);
    this.#waiting.delete(el);
    this.#view.follow(el);
    const entry: Live<A, S> = { adapter, controller: new AbortController() };
    this.#live.set(el, entry);
    entry.session = this.#start(el, adapter, entry.controller.signal);
  }

  #stop(el: E): void {
    this.#live.get(el)?.controller.abort();
    this.#live.delete(el);
    this.#view.unfollow(el);
  }

  #cancelLook(): void {
    if (this.#lookTimer !== null) this.#clock.clearTimeout(this.#lookTimer);
    this.#lookTimer = null;
  }
}
