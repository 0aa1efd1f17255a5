// Finds editors as they appear and notices when they leave: one throttled MutationObserver per
// document (and per open shadow root, which a document's observer cannot see into), following
// same-origin iframes. Each live editor has an AbortController; aborting it tears down everything
// attached to it (session, overlay, listeners).
//
// A page may hold thousands of editors (one per row of a single-page app, one per hidden ticket),
// so the cost on the host page must not grow with them: only the subtrees the page adds are
// scanned, the scanning runs in short slices that yield to the page, and coaching starts only for
// editors the agent can see or is typing in, with a bounded number of them coached at once.
import type { Adapter } from './adapters';
import { isEditable, type SearchRoot } from './adapters/types';
import { ViewTracker } from './in-view';
import { checkValues } from './value-check';

/** Coalesce DOM churn (single-page apps re-render a lot) into one scan per interval. */
const SCAN_INTERVAL_MS = 150;
/** Work done in one task before yielding to the page: well below a 50 ms long task. */
const SLICE_MS = 8;
/** Elements a container walk visits, and mutation records read, per step (a step must stay well under the slice). */
const WALK_STEP = 500;
const RECORDS_STEP = 200;
/**
 * Editors coached at once. A help desk shows one to three reply editors at a time; past this
 * many, editors the agent cannot see give their place to the ones coming into view, so memory and
 * per-editor work stay bounded whatever the page holds (each coached editor's overlay measures it
 * on every scrolled frame: 32 of them took ~40 ms a frame on a page of 5,000 textareas).
 */
export const MAX_LIVE_EDITORS = 8;
/**
 * How often editors waiting out of view are looked at again when nothing the watcher sees has
 * happened (a page can show a hidden ticket by a class change alone).
 */
const RECHECK_MS = 2000;

export type EditorStarter = (element: HTMLElement, adapter: Adapter, signal: AbortSignal) => void;

type Root = Document | ShadowRoot;
/** One bounded piece of work; true when the job is finished. */
type Job = () => boolean;

export class EditorWatcher {
  /** Coached editors, least recently seen or used first. */
  private readonly live = new Map<HTMLElement, { adapter: Adapter; controller: AbortController }>();
  /** Editors with a draft, not coached yet: they start when they come into view or the agent focuses them. */
  private readonly waiting = new Map<HTMLElement, Adapter>();
  /**
   * Empty editors: no session, observer or overlay until the agent focuses or types in them, or
   * the page fills them with a draft (a page may hold thousands of empty composers).
   */
  private readonly dormant = new WeakMap<HTMLElement, Adapter>();
  /** The dormant text fields of each root: a page's script can fill one without any event or DOM change. */
  private readonly blankFields = new WeakMap<Root, Set<HTMLElement>>();
  /** Which coached editors are in view (followed), and which waiting ones (probed on scroll, resize and DOM changes). */
  private readonly view: ViewTracker;
  private lookTimer: ReturnType<typeof setTimeout> | 0 = 0;
  /** Something that may have brought waiting editors into view happened while they were being looked at. */
  private lookAgain = false;
  private readonly watchedRoots = new WeakSet<Root>();
  private readonly watchedFrames = new WeakSet<Element>();
  /** Scans waiting for their slice, in order (adapter priority holds across a scan's candidates). */
  private readonly jobs: Job[] = [];
  /** Editors that came into view, to start in the next slices. */
  private readonly toStart = new Set<HTMLElement>();
  /** A slice is scheduled. */
  private pending = false;
  /** A job can lead back to run() (watching a shadow root it found): the slice already running carries on. */
  private running = false;

  constructor(
    private readonly adapters: Adapter[],
    private readonly start: EditorStarter,
    private readonly signal: AbortSignal,
  ) {
    this.view = new ViewTracker((el, inView) => this.onSeen(el, inView), () => this.onLooked(), signal);
    signal.addEventListener('abort', () => {
      clearTimeout(this.lookTimer);
      for (const { controller } of this.live.values()) controller.abort();
      this.live.clear();
      this.waiting.clear();
      this.toStart.clear();
      this.jobs.length = 0;
    });
  }

  watch(root: Root): void {
    if (this.signal.aborted || this.watchedRoots.has(root)) return;
    this.watchedRoots.add(root);
    // A same-origin iframe's document comes from another realm, so `instanceof Document` is false for it.
    const win = (root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root as ShadowRoot).ownerDocument).defaultView;
    if (!win) return;
    if (root.nodeType === Node.DOCUMENT_NODE) {
      removeLeftoverHosts(root as Document);
      // A frame's document going away (navigated, reloaded, removed) takes its editors with it, and
      // their overlays, which live in the top document: torn down while the document still works.
      // A page kept in the back/forward cache comes back as it was: its editors stay.
      win.addEventListener('pagehide', (event) => {
        if (!event.persisted) for (const el of [...this.live.keys()]) if (el.ownerDocument === root) this.stop(el);
      }, { signal: this.signal });
    }
    let timer = 0;
    // Records are only queued here: the observer's callback runs in the page's own task (a page that
    // redraws 5,000 cells a second sends 5,000 records), so reading them waits for a slice of ours.
    let queued: MutationRecord[][] = [];
    const flush = () => {
      timer = 0;
      this.jobs.push(this.readRecords(queued));
      queued = [];
      this.runSoon();
    };
    const observer = new win.MutationObserver((records) => {
      queued.push(records);
      if (!timer) timer = win.setTimeout(flush, SCAN_INTERVAL_MS);
    });
    // contenteditable toggling changes which elements are editors.
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'disabled', 'readonly'] });
    this.signal.addEventListener('abort', () => {
      observer.disconnect();
      win.clearTimeout(timer);
    });
    // The agent focusing or typing in an editor starts its coaching at once, whatever else waits.
    const startOnEvent = (event: Event) => void this.startUrgently(event.composedPath()[0] as Node);
    root.addEventListener('focusin', startOnEvent, { capture: true, signal: this.signal });
    root.addEventListener('input', startOnEvent, { capture: true, signal: this.signal });
    // What brings waiting editors into view: scrolling (of any element but an editor's own text: capture),
    // resizing, clicks (a ticket tab).
    const look = () => this.lookSoon();
    const options = { capture: true, passive: true, signal: this.signal };
    root.addEventListener('scroll', (event) => {
      if (!this.isEditor(event.target)) this.lookSoon();
    }, options);
    root.addEventListener('click', look, options);
    if (root.nodeType === Node.DOCUMENT_NODE) win.addEventListener('resize', look, { passive: true, signal: this.signal });
    const fields = new Set<HTMLElement>();
    this.blankFields.set(root, fields);
    checkValues(win.document, () => {
      for (const field of fields) {
        const adapter = this.dormant.get(field);
        // Filled by the page: it waits to be seen, like any editor holding a draft.
        if (adapter && field.isConnected && !isBlank(field)) this.await(field, adapter);
        if (!this.dormant.has(field) || !field.isConnected) fields.delete(field);
      }
    }, this.signal);
    this.scan(root);
    this.run();
  }

  /** A job that reads the page's mutation records, some at a time, then scans what was added and drops what left. */
  private readRecords(batches: MutationRecord[][]): Job {
    const added: Element[] = [];
    let removed = false;
    let batch = 0;
    let next = 0;
    return () => {
      for (let n = 0; n < RECORDS_STEP && batch < batches.length; n++) {
        const record = batches[batch][next];
        if (++next >= batches[batch].length) {
          batch++;
          next = 0;
        }
        if (record.type === 'attributes') {
          // An element became editable (editors often set contenteditable after mounting), or an editor stopped being one.
          removed = true;
          added.push(record.target as Element);
          continue;
        }
        // CanDo's own elements (the overlay host, the textarea mirror) are not the page's.
        if (onlyOurs(record.addedNodes) && onlyOurs(record.removedNodes)) continue;
        // Typing inside an editor we know is the session's business (or will be), not the finder's.
        const around = this.editorAround(record.target);
        if (around) {
          // The page filled an empty editor with a draft: it is coached once it is in view.
          const adapter = this.dormant.get(around);
          if (adapter && !isBlank(around)) this.await(around, adapter);
          continue;
        }
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) added.push(node as Element);
        for (const node of record.removedNodes) if (node.nodeType === Node.ELEMENT_NODE) removed = true;
      }
      if (batch < batches.length) return false;
      // The page changed its structure: editors may have moved into view.
      if (removed || added.length > 0) this.lookSoon();
      if (removed) this.dropGone();
      // Added and removed again since: nothing to find there.
      for (const node of added) if (node.isConnected) this.scan(node);
      return true;
    };
  }

  /** Queues a scan of `node` (a root or an element the page added) for editors, open shadow roots and same-origin iframes. */
  private scan(node: SearchRoot): void {
    let candidates: [HTMLElement, Adapter][] | null = null;
    let next = 0;
    this.jobs.push(() => {
      // Selector matching is fast even over a large page; deciding about each editor is what is sliced.
      candidates ??= this.adapters.flatMap((adapter) => adapter.findEditors(node).map((el): [HTMLElement, Adapter] => [el, adapter]));
      const end = Math.min(candidates.length, next + 50);
      for (; next < end; next++) this.found(...candidates[next]);
      return next >= candidates.length;
    });
    this.jobs.push(this.containersIn(node));
  }

  private found(el: HTMLElement, adapter: Adapter): void {
    // Claimed by an adapter before this one, or an editable part of an editor we know.
    if (this.editorAround(el) || !el.isConnected) return;
    // The agent is in it already (the page focused its reply box before this scan reached it): its
    // focus event has passed, so it starts now, like an editor the agent focuses, whatever waits.
    if (holdsFocus(el)) this.startNow(el, adapter);
    else if (isBlank(el)) this.rest(el, adapter);
    else this.await(el, adapter);
  }

  /** Whether `target` is a known editor: coached, waiting or dormant. */
  private isEditor(target: EventTarget | null): boolean {
    const el = target as HTMLElement;
    return this.live.has(el) || this.waiting.has(el) || this.dormant.has(el);
  }

  /** The known editor `node` is, or is inside: a walk up its ancestors, not over every editor. */
  private editorAround(node: Node): HTMLElement | null {
    for (let at: Node | null = node; at; at = at.parentNode) {
      if (this.isEditor(at)) return at as HTMLElement;
    }
    return null;
  }

  /** An empty editor gets nothing until the agent focuses or types in it, or the page fills it. */
  private rest(el: HTMLElement, adapter: Adapter): void {
    this.dormant.set(el, adapter);
    if ('value' in el) this.blankFields.get(el.getRootNode() as Root)?.add(el);
  }

  /** The editor waits for the agent to see it. */
  private await(el: HTMLElement, adapter: Adapter): void {
    this.dormant.delete(el);
    this.waiting.set(el, adapter);
    // At once for the first editor a scan finds; the ones it finds meanwhile get the next look.
    if (!this.lookTimer) this.lookSoon(0, false);
  }

  /**
   * Looks (again) for waiting editors in view after `delay` (by default once DOM churn or scrolling
   * has paused for SCAN_INTERVAL_MS). `moved`: the page scrolled or changed, so what the last look
   * saw may be out of view (an agent scrolling fast is past it before it starts): the next look decides.
   */
  private lookSoon(delay = SCAN_INTERVAL_MS, moved = true): void {
    if (this.signal.aborted) return;
    if (moved) this.toStart.clear();
    if (this.view.probingNow) {
      this.lookAgain = true;
      return;
    }
    clearTimeout(this.lookTimer);
    this.lookTimer = setTimeout(() => {
      this.lookTimer = 0;
      if (this.waiting.size > 0) this.view.probe(this.waiting.keys());
    }, delay);
  }

  private onLooked(): void {
    if (this.lookAgain) {
      this.lookAgain = false;
      this.lookSoon(SCAN_INTERVAL_MS, false);
    } else if (this.waiting.size > 0 && !this.lookTimer) {
      this.lookSoon(RECHECK_MS, false);
    }
  }

  private onSeen(el: HTMLElement, inView: boolean): void {
    const live = this.live.get(el);
    if (!inView) this.toStart.delete(el);
    else if (live) this.touch(el, live);
    else if (this.waiting.has(el)) this.toStart.add(el);
    // A coached editor that left the view frees a place for one that came into it.
    if (this.toStart.size > 0) this.runSoon();
  }

  /** Marks a coached editor as the most recently seen or used (the last to give its place). */
  private touch(el: HTMLElement, entry: { adapter: Adapter; controller: AbortController }): void {
    this.live.delete(el);
    this.live.set(el, entry);
  }

  /**
   * Runs the next slice just after the browser's next frame, when the page's layout is fresh: a
   * slice that measures (starting an editor does) then does not lay the page out in the page's
   * stead (after a page changed 5,000 rows, that took a slice 200 ms).
   */
  private runSoon(): void {
    if (this.pending || this.signal.aborted) return;
    this.pending = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.pending = false;
        this.run();
      }, 0),
    );
  }

  /** Runs queued work for SLICE_MS, then yields to the page. */
  private run(): void {
    if (this.running || this.signal.aborted) return;
    this.running = true;
    try {
      this.runSlice();
    } finally {
      this.running = false;
    }
  }

  private runSlice(): void {
    const deadline = performance.now() + SLICE_MS;
    let mayStart = true;
    while (performance.now() < deadline) {
      if (mayStart) {
        const starting = this.startNext();
        if (starting === 'skipped') continue;
        // One start per slice: starting an editor (its first read and layout) can take most of a slice by itself.
        // Otherwise nothing to start now (none in view, or no place until one leaves the view): scan on.
        mayStart = false;
        if (starting === 'started' && this.toStart.size > 0) return this.runSoon();
      }
      if (this.jobs.length === 0) return;
      if (this.jobs[0]()) this.jobs.shift();
    }
    this.runSoon();
  }

  /** Starts the next editor that came into view, if there is one and a place for it. */
  private startNext(): 'started' | 'skipped' | 'blocked' | 'none' {
    const [el] = this.toStart;
    if (!el) return 'none';
    const adapter = this.waiting.get(el);
    if (!adapter || !this.view.inView(el)) {
      // Started meanwhile (the agent focused it), or out of view again before its turn.
      this.toStart.delete(el);
      return 'skipped';
    }
    if (!el.isConnected || !isEditable(el)) {
      this.toStart.delete(el);
      this.waiting.delete(el);
      return 'skipped';
    }
    if (!this.makeRoom(false)) return 'blocked';
    this.toStart.delete(el);
    this.begin(el, adapter);
    return 'started';
  }

  /**
   * Frees a place when MAX_LIVE_EDITORS are coached: the least recently seen editor out of view
   * stops (it starts again when it comes back), or, for the editor the agent is typing in
   * (`urgent`), the least recently seen one the agent is not in. False when no place could be freed.
   */
  private makeRoom(urgent: boolean): boolean {
    if (this.live.size < MAX_LIVE_EDITORS) return true;
    for (const [el, { adapter }] of this.live) {
      if (el.matches(':focus-within') || (!urgent && this.view.inView(el))) continue;
      this.stop(el);
      if (el.isConnected && isEditable(el)) {
        if (isBlank(el)) this.rest(el, adapter);
        else this.waiting.set(el, adapter);
      }
      return true;
    }
    return false;
  }

  private stop(el: HTMLElement): void {
    this.live.get(el)?.controller.abort();
    this.live.delete(el);
    this.view.unfollow(el);
  }

  /** Starts coaching the editor `node` is in (the agent focused or typed in it) at once. */
  private startUrgently(node: Node): void {
    if (this.signal.aborted) return;
    const el = this.editorAround(node);
    if (!el) return;
    const live = this.live.get(el);
    if (live) return this.touch(el, live);
    const adapter = this.waiting.get(el) ?? this.dormant.get(el);
    if (!adapter || !el.isConnected || !isEditable(el)) return;
    this.startNow(el, adapter);
  }

  /** Starts coaching an editor the agent is in, taking the place of one the agent is not in if need be. */
  private startNow(el: HTMLElement, adapter: Adapter): void {
    this.makeRoom(true);
    this.begin(el, adapter);
  }

  private begin(el: HTMLElement, adapter: Adapter): void {
    this.dormant.delete(el);
    this.waiting.delete(el);
    this.view.follow(el);
    const controller = new AbortController();
    this.live.set(el, { adapter, controller });
    this.start(el, adapter, controller.signal);
  }

  /** Editors that left the DOM, or stopped being editable, are torn down; the ones waiting that left are forgotten. */
  private dropGone(): void {
    for (const el of [...this.live.keys()]) {
      if (el.isConnected && isEditable(el)) continue;
      this.stop(el);
    }
    // Only a connection check per waiting editor: whether it is still editable is checked when it starts.
    for (const el of this.waiting.keys()) {
      if (el.isConnected) continue;
      this.waiting.delete(el);
    }
    this.view.dropGone();
  }

  /** A job that finds the same-origin iframes and open shadow roots under `node` and watches them, a step at a time. */
  private containersIn(node: SearchRoot): Job {
    const doc = node.nodeType === Node.DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
    if (!doc) return () => true;
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    let el = walker.currentNode as Element | null;
    return () => {
      for (let n = 0; el && n < WALK_STEP; n++, el = walker.nextNode() as Element | null) {
        if (el.nodeType !== Node.ELEMENT_NODE) continue;
        if (el.shadowRoot) this.watch(el.shadowRoot);
        if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') this.watchFrame(el as HTMLIFrameElement);
      }
      return !el;
    };
  }

  private watchFrame(frame: HTMLIFrameElement): void {
    if (this.watchedFrames.has(frame)) return;
    this.watchedFrames.add(frame);
    const attach = () => {
      let inner: Document | null = null;
      try {
        inner = frame.contentDocument;
      } catch {
        // Cross-origin: that frame's own content script (if the site is ours) coaches it.
      }
      if (inner) this.watch(inner);
    };
    // Each navigation of the frame brings a new document.
    frame.addEventListener('load', attach, { signal: this.signal });
    attach();
  }
}

const isBlank = (el: HTMLElement): boolean =>
  ('value' in el && typeof el.value === 'string' ? el.value : el.textContent ?? '').trim() === '';

/** The focused element of `el`'s document or shadow root is `el` or inside it (also while the window itself is in the background). */
function holdsFocus(el: HTMLElement): boolean {
  const active = (el.getRootNode() as Root).activeElement;
  return active !== null && el.contains(active);
}

const isOurs = (n: Node): boolean =>
  n.nodeName.startsWith('CANDO-') || (n.nodeType === Node.ELEMENT_NODE && (n as Element).hasAttribute('data-cando-overlay'));
const onlyOurs = (nodes: NodeList): boolean => Array.prototype.every.call(nodes, isOurs);

/**
 * Firefox leaves the UI of an unloaded add-on's scripts in the page, with nobody left to remove
 * it. Only overlay hosts as CanDo builds them go (under <html>, an open shadow root with its live
 * region): an element a page named like ours stays.
 */
function removeLeftoverHosts(doc: Document): void {
  // A frame's document can still be empty (no <html> yet) while it loads.
  for (const host of doc.documentElement?.querySelectorAll(':scope > cando-overlay, :scope > div[data-cando-overlay]') ?? []) {
    if (host.shadowRoot?.querySelector('.sr-only[aria-live]')) host.remove();
  }
}
