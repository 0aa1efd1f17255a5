// An adapter teaches CanDo one help desk's markup. Adding a help desk = one adapter module (and
// its fixture page); reading and writing the draft goes through the shared text model and apply.
import type { MarkupRules } from '../text-model';

export interface Adapter extends MarkupRules {
  readonly name: string;
  /** True on the product's own hosts. */
  matchesUrl(url: URL): boolean;
  /** The product's reply editors in a document or open shadow root. */
  findEditors(root: Document | ShadowRoot): HTMLElement[];
}

/** Quoted history and signatures as most mail-like editors mark them up. */
export const COMMON_SKIP = 'blockquote, .gmail_quote, .quote, [class*="signature"], [data-signature]';

export const hostIs = (url: URL, ...suffixes: string[]): boolean =>
  suffixes.some((s) => url.hostname === s || url.hostname.endsWith(`.${s}`));

/** Elements the agent can type into right now. */
export function isEditable(el: Element): el is HTMLElement {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  if (el instanceof view.HTMLTextAreaElement) return !el.disabled && !el.readOnly;
  return el instanceof view.HTMLElement && el.isContentEditable;
}

export const findAll = (root: Document | ShadowRoot, selector: string): HTMLElement[] =>
  Array.from(root.querySelectorAll(selector)).filter(isEditable);
