// Freshdesk agent UI: reply, forward and note composers are Froala (div.fr-element.fr-view, or the
// body of Froala's iframe mode), mounted and unmounted without a page load; the customer portal
// uses Redactor. Forwards carry the quoted message in a blockquote. The ticket's thread lists the
// customer's messages as incoming and the agents' as outgoing, oldest first.
import { conversationOf, messageText, nearestContaining, textOf } from './conversation';
import { COMMON_SKIP, findAll, type Adapter } from './types';

const MESSAGE = '[data-test-id="conversation-item"], .conversation-item, .ticket-description, .thread-message';
const INCOMING = '.incoming, .incoming-msg, .customer-reply, .ticket-description, [data-direction="incoming"]';

export const freshdesk: Adapter = {
  name: 'freshdesk',
  hosts: ['freshdesk.com', 'freshworks.com', 'myfreshworks.com'],
  findEditors: (root) => findAll(root, '.fr-element.fr-view, .redactor_editor, .redactor-editor'),
  skipSelector: `${COMMON_SKIP}, .freshdesk_quote, .fr-quote`,
  ignoreSelector: '.fr-placeholder, .fr-marker',
  readConversation(editor) {
    const ticket = nearestContaining(editor, MESSAGE);
    if (!ticket) return null;
    const messages = Array.from(ticket.querySelectorAll(MESSAGE))
      // Not the composers' own text (a forward quotes the thread), nor a message nested in another.
      .filter((item) => !item.closest('[contenteditable="true"]') && !item.parentElement?.closest(MESSAGE))
      .map((item) => ({
        author: textOf(item, '[data-test-id="author-name"], .user-name, .author-name'),
        fromCustomer: item.matches(INCOMING),
        text: messageText(item.querySelector('[data-test-id="message-content"], .conv-content, .message-content') ?? item),
      }));
    return conversationOf(messages, textOf(ticket, '[data-test-id="requester-name"]'));
  },
};
