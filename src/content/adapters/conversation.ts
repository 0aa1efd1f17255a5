// Reading the conversation a reply answers, from the ticket page, on the device: the customer's
// latest message, their name as the help desk shows it, and the earlier messages. Each adapter
// says where its help desk keeps the messages of the ticket around an editor; what they have in
// common (text without quoted history, the latest message from the customer) is here.
import type { CustomerContext } from '../../engine/types';
import { MAX_CUSTOMER_CHARS, MAX_CUSTOMER_NAME_CHARS } from '../../shared/limits';

/** One message of a ticket's conversation, in the order the page shows it. */
export interface PageMessage {
  author: string;
  fromCustomer: boolean;
  text: string;
}

/** What the context rules read: the customer's latest message (with their name), and what came before. */
export interface Conversation {
  customer: CustomerContext;
  earlier: string[];
}

/** The text a person reads in an element: block elements and <br> become line breaks; quoted history is left out. */
export function messageText(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const quoted of clone.querySelectorAll('blockquote, .quote, .gmail_quote, .zd-quote, [class*="signature"], script, style, button')) quoted.remove();
  for (const br of clone.querySelectorAll('br')) br.replaceWith('\n');
  for (const block of clone.querySelectorAll('p, div, li, h1, h2, h3, h4, tr')) block.append('\n');
  return (clone.textContent ?? '').replace(/[ \t\u00A0]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The conversation for the context rules: the latest message from the customer, or null when the page shows none. */
export function conversationOf(messages: readonly PageMessage[], requester?: string): Conversation | null {
  let latest = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].fromCustomer && messages[i].text.trim()) {
      latest = i;
      break;
    }
  }
  if (latest < 0) return null;
  const { author, text } = messages[latest];
  const name = (requester || author).trim();
  // A longer message keeps its start and end, where the questions and the sign-off are.
  const clipped = text.length > MAX_CUSTOMER_CHARS ? `${text.slice(0, MAX_CUSTOMER_CHARS / 2 - 1)}\n${text.slice(-MAX_CUSTOMER_CHARS / 2)}` : text;
  return {
    customer: { text: clipped, ...(name && { name: name.slice(0, MAX_CUSTOMER_NAME_CHARS) }) },
    earlier: messages.slice(0, latest).map((m) => m.text).filter(Boolean),
  };
}

export const textOf = (root: ParentNode, selector: string): string => (root.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * The nearest element around `editor` that contains a match of `selector`: the ticket's own panel
 * when several tickets are open side by side. Crosses into the parent document for an editor in a
 * same-origin iframe.
 */
export function nearestContaining(editor: Element, selector: string): Element | null {
  for (let el: Element | null = editor.parentElement; el; ) {
    if (el.querySelector(selector)) return el;
    let up: Element | null = el.parentElement;
    if (!up) {
      try {
        up = el.ownerDocument.defaultView?.frameElement ?? null;
      } catch {
        up = null; // a cross-origin parent: not ours to read
      }
    }
    el = up;
  }
  return null;
}
