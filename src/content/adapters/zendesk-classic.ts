// Zendesk classic (Ember) ticket view: a contenteditable comment editor, or a plain textarea when
// rich text is off (Markdown mode); one div.workspace per open ticket. The ticket's comments
// (.event.is-public .zd-comment) are listed newest first; an agent's carry .is-agent.
import { conversationOf, messageText, nearestContaining, textOf } from './conversation';
import { COMMON_SKIP, findAll, type Adapter } from './types';

const COMMENT = '.event.is-public';

export const zendeskClassic: Adapter = {
  name: 'zendesk-classic',
  hosts: ['zendesk.com'],
  findEditors: (root) => findAll(root, '.zendesk-editor--rich-text-comment, textarea.comment_input, textarea[name="comment[value]"]'),
  skipSelector: COMMON_SKIP,
  ignoreSelector: '',
  readConversation(editor) {
    const workspace = nearestContaining(editor, `${COMMENT} .zd-comment`);
    if (!workspace) return null;
    const messages = Array.from(workspace.querySelectorAll(COMMENT))
      .reverse()
      .flatMap((event) => {
        const comment = event.querySelector('.zd-comment');
        if (!comment) return [];
        const author = textOf(event, '.actor .name, .author .name, .name');
        return [{ author, fromCustomer: !event.matches('.is-agent, [data-role="agent"]'), text: messageText(comment) }];
      });
    return conversationOf(messages);
  },
};
