// The one <cando-overlay> element per document: an open shadow root that holds every coached
// editor's underlines and card, outside the help desk's editor DOM (the agent's words are never wrapped).
import { OVERLAY_CSS } from './styles';

export interface OverlayHost {
  readonly root: ShadowRoot;
  /** Polite live region: what a screen reader announces when a card opens. */
  announce(text: string): void;
  /** Closes the card another editor of this document has open (one card per document). */
  claimCard(close: () => void): void;
  releaseCard(close: () => void): void;
}

interface HostRecord extends OverlayHost {
  element: HTMLElement;
  users: number;
}

// Our own hosts only: an element a page planted with the same tag name is never reused.
const hosts = new WeakMap<Document, HostRecord>();

const HOST_STYLE: Record<string, string> = {
  position: 'fixed',
  top: '0',
  left: '0',
  width: '0',
  height: '0',
  margin: '0',
  padding: '0',
  border: '0',
  overflow: 'visible',
  'z-index': '2147483647',
  display: 'block',
  'pointer-events': 'none',
};

/**
 * A <cando-overlay> with our shadow root. A page may define a custom element of that name whose
 * constructor takes the shadow root first; then the host is a plain <div data-cando-overlay>,
 * which no page definition can upgrade.
 */
function createHostElement(doc: Document): { element: HTMLElement; root: ShadowRoot } {
  const element = doc.createElement('cando-overlay');
  try {
    return { element, root: element.attachShadow({ mode: 'open' }) };
  } catch {
    const fallback = doc.createElement('div');
    fallback.setAttribute('data-cando-overlay', '');
    return { element: fallback, root: fallback.attachShadow({ mode: 'open' }) };
  }
}

export function acquireHost(doc: Document): OverlayHost {
  let record = hosts.get(doc);
  if (!record) {
    const { element, root } = createHostElement(doc);
    for (const [name, value] of Object.entries(HOST_STYLE)) element.style.setProperty(name, value, 'important');
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    const live = doc.createElement('div');
    live.className = 'sr-only';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    root.append(style, live);
    doc.documentElement.append(element);
    let openCard: (() => void) | null = null;
    record = {
      element,
      root,
      users: 0,
      announce(text) {
        live.textContent = text;
      },
      claimCard(close) {
        if (openCard && openCard !== close) openCard();
        openCard = close;
      },
      releaseCard(close) {
        if (openCard === close) openCard = null;
      },
    };
    hosts.set(doc, record);
  }
  record.users++;
  return record;
}

/** Removes the host when the last coached editor of its document is gone. */
export function releaseHost(doc: Document): void {
  const record = hosts.get(doc);
  if (!record || --record.users > 0) return;
  record.element.remove();
  hosts.delete(doc);
}

/** The overlay host (either form), as the page's DOM shows it. */
export const isOverlayHost = (n: Node): boolean =>
  n.nodeName === 'CANDO-OVERLAY' || (n.nodeType === Node.ELEMENT_NODE && (n as Element).hasAttribute('data-cando-overlay'));

/**
 * Firefox leaves the UI of an unloaded add-on's scripts in the page, with nobody left to remove
 * it. Only overlay hosts as CanDo builds them go (under <html>, an open shadow root with its live
 * region): an element a page named like ours stays.
 */
export function removeLeftoverHosts(doc: Document): void {
  // A frame's document can still be empty (no <html> yet) while it loads.
  for (const host of doc.documentElement?.querySelectorAll(':scope > cando-overlay, :scope > div[data-cando-overlay]') ?? []) {
    if (host.shadowRoot?.querySelector('.sr-only[aria-live]')) host.remove();
  }
}
