// Zendesk Agent Workspace: the omnichannel composer is CKEditor 5 in the top document, re-created
// when the agent switches tickets; several tickets' composers can be alive at once. Each ticket's
// conversation log (article[data-test-id="omni-log-comment-item"] in omni-log-container) sits in
// the same panel as its composer; a message's bubble says who wrote it (type="end-user" / "agent").
import { conversationOf, messageText, nearestContaining, textOf } from './conversation';
import { COMMON_SKIP, findAll, type Adapter } from './types';

const LOG = '[data-test-id="omni-log-container"]';

export const zendeskWorkspace: Adapter = {
  name: 'zendesk-workspace',
  hosts: ['zendesk.com'],
  findEditors: (root) =>
    findAll(root, '[data-test-id="omnicomposer-rich-text-ckeditor"], [data-test-id="editor-view"] .ck-editor__editable'),
  skipSelector: COMMON_SKIP,
  ignoreSelector: '.ck-fake-selection-container, .ck-widget__type-around',
  readConversation(editor) {
    const log = nearestContaining(editor, LOG)?.querySelector(LOG);
    if (!log) return null;
    const messages = Array.from(log.querySelectorAll('[data-test-id="omni-log-comment-item"]')).flatMap((item) => {
      if (item.querySelector('[data-test-id="omni-log-internal-note-tag"]')) return [];
      const bubble = item.querySelector('[data-test-id="omni-log-item-message"]');
      const content = item.querySelector('[data-test-id="omni-log-message-content"]') ?? bubble;
      if (!content || bubble?.getAttribute('aria-hidden') === 'true') return [];
      const author = textOf(item, '[data-test-id="omni-log-comment-user-link"], [data-test-id="omni-log-item-sender"]');
      return [{ author, fromCustomer: bubble?.getAttribute('type') === 'end-user', text: messageText(content) }];
    });
    return conversationOf(messages);
  },
};
