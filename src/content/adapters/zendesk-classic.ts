// Zendesk classic (Ember) ticket view: a contenteditable comment editor, or a plain textarea when
// rich text is off (Markdown mode); one div.workspace per open ticket.
import { COMMON_SKIP, findAll, type Adapter } from './types';

export const zendeskClassic: Adapter = {
  name: 'zendesk-classic',
  hosts: ['zendesk.com'],
  findEditors: (root) => findAll(root, '.zendesk-editor--rich-text-comment, textarea.comment_input, textarea[name="comment[value]"]'),
  skipSelector: COMMON_SKIP,
  ignoreSelector: '',
};
