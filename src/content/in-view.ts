// Which editors are in (or near) the agent's view, from IntersectionObservers (one per document:
// same-origin frames are other realms, and a frame's window outlives its document on navigation,
// in Firefox as a dead object). The browser computes every observed element's
// intersection on every frame that scrolls or lays out, so a page's thousands of editors are not
// all observed at once: coached editors are followed for as long as they are coached, and the
// others are probed on request, a batch per frame, each observed only until its first answer.

/** Coaching starts a little before an editor scrolls into view, so its underlines are there when it arrives. */
const VIEW_MARGIN = '200px';
/** Editors probed per frame: the browser's intersection work for them stays a few milliseconds. */
const PROBE_BATCH = 250;

export class ViewTracker {
  readonly #observers = new WeakMap<Document, IntersectionObserver>();
  readonly #seen = new WeakSet<Element>();
  readonly #followed = new WeakSet<Element>();
  /** Probed and not answered yet. */
  readonly #probing = new Set<Element>();
  #queue: HTMLElement[] = [];

  constructor(
    /** Called with each probe answer and each change of a followed element's visibility. */
    private readonly onSeen: (el: HTMLElement, inView: boolean) => void,
    /** Called when every probe asked for has been answered. */
    private readonly onProbed: () => void,
    private readonly signal: AbortSignal,
  ) {}

  /** Whether `el` was in view at its last probe, or is now if it is followed. */
  inView(el: Element): boolean {
    return this.#seen.has(el);
  }

  get probingNow(): boolean {
    return this.#probing.size > 0 || this.#queue.length > 0;
  }

  /** Keeps `el`'s visibility up to date until unfollow(). */
  follow(el: HTMLElement): void {
    this.#followed.add(el);
    this.#probing.delete(el);
    this.#observerFor(el)?.observe(el);
  }

  unfollow(el: HTMLElement): void {
    this.#followed.delete(el);
    this.#seen.delete(el);
    this.#observerFor(el)?.unobserve(el);
  }

  /** Asks once whether each of `elements` is in view (answers come through onSeen over the next frames). */
  probe(elements: Iterable<HTMLElement>): void {
    this.#queue.push(...elements);
    this.#feed();
  }

  /** Forgets probes of elements that left the page before the browser answered them. */
  dropGone(): void {
    const probes = this.#probing.size;
    for (const el of this.#probing) {
      if (el.isConnected) continue;
      this.#probing.delete(el);
      this.#observerFor(el)?.unobserve(el);
    }
    if (this.#probing.size < probes) this.#feed();
  }

  #feed(): void {
    while (this.#probing.size < PROBE_BATCH && this.#queue.length > 0) {
      const el = this.#queue.pop()!;
      if (this.#followed.has(el) || this.#probing.has(el) || !el.isConnected) continue;
      this.#probing.add(el);
      this.#observerFor(el)?.observe(el);
    }
    if (!this.probingNow) this.onProbed();
  }

  #observerFor(el: Element): IntersectionObserver | null {
    const doc = el.ownerDocument;
    const win = doc.defaultView;
    if (!win || this.signal.aborted) return null;
    let observer = this.#observers.get(doc);
    if (!observer) {
      const created = new win.IntersectionObserver((entries) => this.#answered(entries, created), { rootMargin: VIEW_MARGIN });
      this.signal.addEventListener('abort', () => created.disconnect());
      this.#observers.set(doc, created);
      observer = created;
    }
    return observer;
  }

  #answered(entries: IntersectionObserverEntry[], observer: IntersectionObserver): void {
    if (this.signal.aborted) return;
    const probes = this.#probing.size;
    for (const entry of entries) {
      const el = entry.target as HTMLElement;
      if (this.#probing.delete(el)) observer.unobserve(el);
      // An answer that crossed an unfollow.
      else if (!this.#followed.has(el)) continue;
      if (entry.isIntersecting) this.#seen.add(el);
      else this.#seen.delete(el);
      this.onSeen(el, entry.isIntersecting);
    }
    if (this.#probing.size < probes || this.#queue.length > 0) this.#feed();
  }
}
