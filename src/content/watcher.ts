// Finds editors as they appear and notices when they leave: one throttled MutationObserver per
// document (and per open shadow root, which a document's observer cannot see into), following
// same-origin iframes. Per-editor state lives in a WeakMap; an editor that leaves the DOM or stops
// being editable has its AbortController aborted, which tears down everything attached to it.
import type { Adapter } from './adapters';
import { isEditable } from './adapters/types';
import { checkValues } from './value-check';

/** Coalesce DOM churn (single-page apps re-render a lot) into one scan per interval. */
const SCAN_INTERVAL_MS = 150;

export type EditorStarter = (element: HTMLElement, adapter: Adapter, signal: AbortSignal) => void;

type Root = Document | ShadowRoot;

export class EditorWatcher {
  private readonly state = new WeakMap<HTMLElement, AbortController>();
  /** The live editors, to check for removal (the WeakMap cannot be iterated). */
  private readonly live = new Set<HTMLElement>();
  private readonly watchedRoots = new WeakSet<Root>();
  private readonly watchedFrames = new WeakSet<Element>();
  /**
   * Empty editors found but not coached yet: a page may hold thousands (one per hidden ticket),
   * so an empty one gets its session only when the agent focuses or types in it, or the page
   * fills it with a draft.
   */
  private readonly dormant = new WeakMap<HTMLElement, Adapter>();
  /** The dormant text fields of each root: a page's script can fill one without any event or DOM change. */
  private readonly blankFields = new WeakMap<Root, Set<HTMLElement>>();

  constructor(
    private readonly adapters: Adapter[],
    private readonly start: EditorStarter,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => {
      for (const el of this.live) this.state.get(el)?.abort();
      this.live.clear();
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
        if (!event.persisted) for (const el of this.live) if (el.ownerDocument === root) this.drop(el);
      }, { signal: this.signal });
    }
    let timer = 0;
    const added: Node[] = [];
    let removed = false;
    const flush = () => {
      timer = 0;
      if (this.signal.aborted) return;
      if (removed) this.dropGone();
      removed = false;
      this.scanEditors(root);
      for (const node of added.splice(0)) this.scanContainers(node);
    };
    const observer = new win.MutationObserver((records) => {
      let relevant = false;
      for (const record of records) {
        if (record.type === 'attributes') {
          // An element became editable (editors often set contenteditable after mounting), or an editor stopped being one.
          relevant = removed = true;
          continue;
        }
        // Typing inside an editor we already coach is the session's business, not the finder's;
        // CanDo's own elements (the overlay host, the textarea mirror) are not the page's.
        if (this.insideEditor(record.target) || (onlyOurs(record.addedNodes) && onlyOurs(record.removedNodes))) continue;
        if (this.wake(record.target)) continue;
        relevant = true;
        if (record.removedNodes.length > 0) removed = true;
        for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) added.push(node);
      }
      if (relevant && !timer) timer = win.setTimeout(flush, SCAN_INTERVAL_MS);
    });
    // contenteditable toggling changes which elements are editors.
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable', 'disabled', 'readonly'] });
    this.signal.addEventListener('abort', () => {
      observer.disconnect();
      win.clearTimeout(timer);
    });
    const wakeOnEvent = (event: Event) => void this.wake(event.composedPath()[0] as Node);
    root.addEventListener('focusin', wakeOnEvent, { capture: true, signal: this.signal });
    root.addEventListener('input', wakeOnEvent, { capture: true, signal: this.signal });
    const fields = new Set<HTMLElement>();
    this.blankFields.set(root, fields);
    checkValues(win.document, () => {
      for (const field of fields) {
        if (!isBlank(field)) this.wake(field);
        // Woken, or gone: a field that cannot be typed into yet (disabled) stays to be checked again.
        if (!this.dormant.has(field) || !field.isConnected) fields.delete(field);
      }
    }, this.signal);
    this.scanEditors(root);
    this.scanContainers(root);
  }

  /** Whether `node` is a coached editor or inside one: a walk up its ancestors, not over every editor (pages may have thousands). */
  private insideEditor(node: Node): boolean {
    for (let at: Node | null = node; at; at = at.parentNode) {
      if (this.live.has(at as HTMLElement)) return true;
    }
    return false;
  }

  private scanEditors(root: Root): void {
    const claimed = new Set<HTMLElement>();
    for (const adapter of this.adapters) {
      for (const el of adapter.findEditors(root)) {
        if (claimed.has(el) || this.state.has(el) || this.dormant.has(el) || this.insideEditor(el)) continue;
        claimed.add(el);
        if (isBlank(el)) {
          this.dormant.set(el, adapter);
          if ('value' in el) this.blankFields.get(root)?.add(el);
        } else this.begin(el, adapter);
      }
    }
  }

  private begin(el: HTMLElement, adapter: Adapter): void {
    this.dormant.delete(el);
    const controller = new AbortController();
    this.state.set(el, controller);
    this.live.add(el);
    this.start(el, adapter, controller.signal);
  }

  /** Starts coaching the dormant editor `node` is in, if any; true when it did. */
  private wake(node: Node): boolean {
    for (let at: Node | null = node; at; at = at.parentNode) {
      const adapter = this.dormant.get(at as HTMLElement);
      if (adapter) {
        if (!this.signal.aborted && (at as HTMLElement).isConnected && isEditable(at as Element)) this.begin(at as HTMLElement, adapter);
        return true;
      }
    }
    return false;
  }

  /** Editors that left the DOM, or stopped being editable, are torn down. */
  private dropGone(): void {
    for (const el of this.live) if (!el.isConnected || !isEditable(el)) this.drop(el);
  }

  private drop(el: HTMLElement): void {
    this.state.get(el)?.abort();
    this.state.delete(el);
    this.live.delete(el);
  }

  /** Same-origin iframes and open shadow roots under `node` get their own watching. */
  private scanContainers(node: Node): void {
    const doc = node.nodeType === Node.DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
    if (!doc) return;
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode as Element | null; el; el = walker.nextNode() as Element | null) {
      if (el.nodeType !== Node.ELEMENT_NODE) continue;
      if (el.shadowRoot) {
        this.watch(el.shadowRoot);
        this.scanContainers(el.shadowRoot);
      }
      if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') this.watchFrame(el as HTMLIFrameElement);
    }
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
