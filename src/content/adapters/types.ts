// An adapter teaches CanDo one help desk: its hosts and its markup. Adding a help desk = one adapter
// module listed in index.ts (the build takes the manifests' host permissions and content-script
// matches from the adapters' hosts), its fixture page and one line in test/e2e/adapters.test.ts;
// reading the draft goes through the shared text model, writing it through apply.ts unless the
// adapter names its own way.
import type { TextReplacer } from '../apply';
import type { MarkupRules } from '../text-model';
import type { Conversation } from './conversation';

/** Where editors are looked for: a whole document or shadow root, or just a subtree the page added. */
export type SearchRoot = Document | ShadowRoot | Element;

export interface Adapter extends MarkupRules {
  readonly name: string;
  /**
   * The product's own domains (each with its subdomains, over https), e.g. 'zendesk.com'. The
   * content script runs there without any setting; empty for the generic fallback.
   */
  readonly hosts: readonly string[];
  /** The product's reply editors in a document, an open shadow root, or a subtree (its root included). */
  findEditors(root: SearchRoot): HTMLElement[];
  /**
   * The conversation of the ticket `editor` replies to, read from the page (never sent anywhere):
   * null when the page shows no message from the customer there. Absent: the adapter reads none.
   */
  readConversation?(editor: HTMLElement): Conversation | null;
  /**
   * How a suggestion is written into this product's editors when the shared way (`replaceText` in
   * apply.ts: the editor's own input path, one undo step) does not work there. Absent: the shared way.
   */
  readonly replaceText?: TextReplacer;
}

/** Quoted history and signatures as most mail-like editors mark them up. */
export const COMMON_SKIP = 'blockquote, .gmail_quote, .quote, [class*="signature"], [data-signature]';

/** True when `url` is on one of `hosts` or their subdomains. */
export const onHosts = (url: URL, hosts: readonly string[]): boolean =>
  hosts.some((s) => url.hostname === s || url.hostname.endsWith(`.${s}`));

/** Elements the agent can type into right now. */
export function isEditable(el: Element): el is HTMLElement {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  if (el instanceof view.HTMLTextAreaElement) return !el.disabled && !el.readOnly;
  return el instanceof view.HTMLElement && el.isContentEditable;
}

/** The elements of `root` matching `selector`, `root` itself first when it is an element that matches. */
export function matching(root: SearchRoot, selector: string): Element[] {
  const inside = Array.from(root.querySelectorAll(selector));
  return root.nodeType === Node.ELEMENT_NODE && (root as Element).matches(selector) ? [root as Element, ...inside] : inside;
}

export const findAll = (root: SearchRoot, selector: string): HTMLElement[] => matching(root, selector).filter(isEditable);
