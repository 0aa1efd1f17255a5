// Finds editors as they appear and notices when they leave: one throttled MutationObserver per
// document (and per open shadow root, which a document's observer cannot see into), following
// same-origin iframes. Each live editor has an AbortController; aborting it tears down everything
// attached to it (session, overlay, listeners).
//
// A page may hold thousands of editors (one per row of a single-page app, one per hidden ticket),
// so the cost on the host page must not grow with them: only the subtrees the page adds are
// scanned, the scanning runs in short slices that yield to the page, and coaching starts only for
// editors the agent can see or is typing in, with a bounded number of them coached at once (the
// rules of which are admission.ts's; this module is the DOM side: scanning, events, slices).
import type { Adapter } from './adapters';
import { isEditable, type SearchRoot } from './adapters/types';
import { Admission, LOOK_INTERVAL_MS, type EditorState, type SessionStarter } from './admission';
import { ViewTracker } from './in-view';
import { checkValues } from './value-check';

/** Coalesce DOM churn (single-page apps re-render a lot) into one scan per interval. */
const SCAN_INTERVAL_MS = LOOK_INTERVAL_MS;
/** Work done in one task before yielding to the page: well below a 50 ms long task. */
const SLICE_MS = 8;
/** Elements a container walk visits, and mutation records read, per step (a step must stay well under the slice). */
const WALK_STEP = 500;
const RECORDS_STEP = 200;
/** CanDo's own markup in the page, which the watcher must neither scan nor mistake for the page's. */
export interface OwnMarkup {
  /** A node CanDo put in the page (the overlay host, the textarea mirror). */
  isOurs(node: Node): boolean;
  /** Removes what an unloaded earlier CanDo left in `doc`. */
  removeLeftovers(doc: Document): void;
}

type Root = Document | ShadowRoot;
/** One bounded piece of work; true when the job is finished. */
type Job = () => boolean;

export class EditorWatcher<S> {
  /** Which editors are coached, waiting or dormant: the one registry of the live editors' sessions. */
  readonly #admission: Admission<HTMLElement, Adapter, S>;
  /** The dormant text fields of each root: a page's script can fill one without any event or DOM change. */
  readonly #blankFields = new WeakMap<Root, Set<HTMLElement>>();
  /** Which coached editors are in view (followed), and which waiting ones (probed on scroll, resize and DOM changes). */
  readonly #view: ViewTracker;
  readonly #watchedRoots = new WeakSet<Root>();
  readonly #watchedFrames = new WeakSet<Element>();
  /** Scans waiting for their slice, in order (adapter priority holds across a scan's candidates). */
  readonly #jobs: Job[] = [];
  /** A slice is scheduled. */
  #pending = false;
  /** A job can lead back to run() (watching a shadow root it found): the slice already running carries on. */
  #running = false;

  readonly #adapters: Adapter[];
  readonly #ours: OwnMarkup;
  readonly #signal: AbortSignal;

  constructor(
    adapters: Adapter[],
    start: SessionStarter<HTMLElement, Adapter, S>,
    ours: OwnMarkup,
    signal: AbortSignal,
  ) {
    this.#adapters = adapters;
    this.#ours = ours;
    this.#signal = signal;
    this.#view = new ViewTracker((el, inView) => this.#admission.seen(el, inView), () => this.#admission.looked(), signal);
    const editors: EditorState<HTMLElement> = {
      isBlank,
      isUsable: (el) => el.isConnected && isEditable(el),
      isConnected: (el) => el.isConnected,
      hasAgent: (el) => el.matches(':focus-within'),
      rested: (el) => {
        if ('value' in el) this.#blankFields.get(el.getRootNode() as Root)?.add(el);
      },
    };
    const clock = { setTimeout: (run: () => void, ms: number) => setTimeout(run, ms), clearTimeout: (timer: unknown) => clearTimeout(timer as number) };
    this.#admission = new Admission(this.#view, editors, clock, start, () => this.#runSoon(), signal);
    signal.addEventListener('abort', () => {
      this.#jobs.length = 0;
    });
  }

  /** The coached editors' sessions. */
  sessions(): IterableIterator<S> {
    return this.#admission.sessions();
  }

  watch(root: Root): void {
    if (this.#signal.aborted || this.#watchedRoots.has(root)) return;
    this.#watchedRoots.add(root);
    // A same-origin iframe's document comes from another realm, so `instanceof Document` is false for it.
    const win = (root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : (root as ShadowRoot).ownerDocument).defaultView;
    if (!win) return;
    if (root.nodeType === Node.DOCUMENT_NODE) {
      this.#ours.removeLeftovers(root as Document);
      // A frame's document going away (navigated, reloaded, removed) takes its editors with it, and
      // their overlays, which live in the top document: torn down while the document still works.
      // A page kept in the back/forward cache comes back as it was: its editors stay.
      win.addEventListener('pagehide', (event) => {
        if (!event.persisted) this.#admission.stopWhere((el) => el.ownerDocument === root);
      }, { signal: this.#signal });
    }
    let timer = 0;
    // Records are only queued here: the observer's callback runs in the page's own task (a page that
    // redraws 5,000 cells a second sends 5,000 records), so reading them waits for a slice of ours.
    let queued: MutationRecord[][] = [];
    const flush = () => {
      timer = 0;
      this.#jobs.push(this.#readRecords(queued));
      queued = [];
      this.#runSoon();
    };
    const observer = new win.MutationObserver((records) => {
      queued.push(records);
      if (!timer) timer = win.setTimeout(flush, SCAN_INTERVAL_MS);
    });
    // contenteditable toggling changes which elements are editors.
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'disabled', 'readonly'] });
    this.#signal.addEventListener('abort', () => {
      observer.disconnect();
      win.clearTimeout(timer);
    });
    // The agent focusing or typing in an editor starts its coaching at once, whatever else waits.
    const startOnEvent = (event: Event) => void this.#startUrgently(event.composedPath()[0] as Node);
    root.addEventListener('focusin', startOnEvent, { capture: true, signal: this.#signal });
    root.addEventListener('input', startOnEvent, { capture: true, signal: this.#signal });
    // What brings waiting editors into view: scrolling (of any element but an editor's own text: capture),
    // resizing, clicks (a ticket tab).
    const look = () => this.#admission.lookSoon();
    const options = { capture: true, passive: true, signal: this.#signal };
    root.addEventListener('scroll', (event) => {
      if (!this.#admission.knows(event.target as HTMLElement)) look();
    }, options);
    root.addEventListener('click', look, options);
    if (root.nodeType === Node.DOCUMENT_NODE) win.addEventListener('resize', look, { passive: true, signal: this.#signal });
    const fields = new Set<HTMLElement>();
    this.#blankFields.set(root, fields);
    checkValues(win.document, () => {
      for (const field of fields) {
        // Filled by the page: it waits to be seen, like any editor holding a draft.
        this.#admission.mayBeFilled(field);
        if (!this.#admission.isDormant(field) || !field.isConnected) fields.delete(field);
      }
    }, this.#signal);
    this.#scan(root);
    this.#run();
  }

  /** A job that reads the page's mutation records, some at a time, then scans what was added and drops what left. */
  #readRecords(batches: MutationRecord[][]): Job {
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
        if (this.#onlyOurs(record.addedNodes) && this.#onlyOurs(record.removedNodes)) continue;
        // Typing inside an editor we know is the session's business (or will be), not the finder's.
        const around = this.#editorAround(record.target);
        if (around) {
          // The page filled an empty editor with a draft: it is coached once it is in view.
          this.#admission.mayBeFilled(around);
          continue;
        }
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) added.push(node as Element);
        for (const node of record.removedNodes) if (node.nodeType === Node.ELEMENT_NODE) removed = true;
      }
      if (batch < batches.length) return false;
      // The page changed its structure: editors may have moved into view.
      if (removed || added.length > 0) this.#admission.lookSoon();
      if (removed) {
        this.#admission.dropGone();
        this.#view.dropGone();
      }
      // Added and removed again since: nothing to find there.
      for (const node of added) if (node.isConnected) this.#scan(node);
      return true;
    };
  }

  /** Queues a scan of `node` (a root or an element the page added) for editors, open shadow roots and same-origin iframes. */
  #scan(node: SearchRoot): void {
    let candidates: [HTMLElement, Adapter][] | null = null;
    let next = 0;
    this.#jobs.push(() => {
      // Selector matching is fast even over a large page; deciding about each editor is what is sliced.
      candidates ??= this.#adapters.flatMap((adapter) => adapter.findEditors(node).map((el): [HTMLElement, Adapter] => [el, adapter]));
      const end = Math.min(candidates.length, next + 50);
      for (; next < end; next++) this.#found(...candidates[next]);
      return next >= candidates.length;
    });
    this.#jobs.push(this.#containersIn(node));
  }

  #found(el: HTMLElement, adapter: Adapter): void {
    // Claimed by an adapter before this one, or an editable part of an editor we know.
    if (this.#editorAround(el) || !el.isConnected) return;
    // The agent is in it already (the page focused its reply box before this scan reached it): its
    // focus event has passed, so it starts now, like an editor the agent focuses, whatever waits.
    this.#admission.found(el, adapter, holdsFocus(el));
  }

  /** The known editor `node` is, or is inside: a walk up its ancestors, not over every editor. */
  #editorAround(node: Node): HTMLElement | null {
    for (let at: Node | null = node; at; at = at.parentNode) {
      if (this.#admission.knows(at as HTMLElement)) return at as HTMLElement;
    }
    return null;
  }

  /** Starts coaching the editor `node` is in (the agent focused or typed in it) at once. */
  #startUrgently(node: Node): void {
    if (this.#signal.aborted) return;
    const el = this.#editorAround(node);
    if (el) this.#admission.entered(el);
  }

  /**
   * Runs the next slice just after the browser's next frame, when the page's layout is fresh: a
   * slice that measures (starting an editor does) then does not lay the page out in the page's
   * stead (after a page changed 5,000 rows, that took a slice 200 ms).
   */
  #runSoon(): void {
    if (this.#pending || this.#signal.aborted) return;
    this.#pending = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.#pending = false;
        this.#run();
      }, 0),
    );
  }

  /** Runs queued work for SLICE_MS, then yields to the page. */
  #run(): void {
    if (this.#running || this.#signal.aborted) return;
    this.#running = true;
    try {
      this.#runSlice();
    } finally {
      this.#running = false;
    }
  }

  #runSlice(): void {
    const deadline = performance.now() + SLICE_MS;
    let mayStart = true;
    while (performance.now() < deadline) {
      if (mayStart) {
        const starting = this.#admission.startNext();
        if (starting === 'skipped') continue;
        // One start per slice: starting an editor (its first read and layout) can take most of a slice by itself.
        // Otherwise nothing to start now (none in view, or no place until one leaves the view): scan on.
        mayStart = false;
        if (starting === 'started' && this.#admission.hasStarts) return this.#runSoon();
      }
      if (this.#jobs.length === 0) return;
      if (this.#jobs[0]()) this.#jobs.shift();
    }
    this.#runSoon();
  }

  #onlyOurs(nodes: NodeList): boolean {
    return Array.prototype.every.call(nodes, (n: Node) => this.#ours.isOurs(n));
  }

  /** A job that finds the same-origin iframes and open shadow roots under `node` and watches them, a step at a time. */
  #containersIn(node: SearchRoot): Job {
    const doc = node.nodeType === Node.DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
    if (!doc) return () => true;
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    let el = walker.currentNode as Element | null;
    return () => {
      for (let n = 0; el && n < WALK_STEP; n++, el = walker.nextNode() as Element | null) {
        if (el.nodeType !== Node.ELEMENT_NODE) continue;
        if (el.shadowRoot) this.watch(el.shadowRoot);
        if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') this.#watchFrame(el as HTMLIFrameElement);
      }
      return !el;
    };
  }

  #watchFrame(frame: HTMLIFrameElement): void {
    if (this.#watchedFrames.has(frame)) return;
    this.#watchedFrames.add(frame);
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
    frame.addEventListener('load', attach, { signal: this.#signal });
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
