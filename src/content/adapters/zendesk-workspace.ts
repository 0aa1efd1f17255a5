// Zendesk Agent Workspace: the omnichannel composer is CKEditor 5 in the top document, re-created
// when the agent switches tickets; several tickets' composers can be alive at once.
import { COMMON_SKIP, findAll, type Adapter } from './types';

export const zendeskWorkspace: Adapter = {
  name: 'zendesk-workspace',
  hosts: ['zendesk.com'],
  findEditors: (root) =>
    findAll(root, '[data-test-id="omnicomposer-rich-text-ckeditor"], [data-test-id="editor-view"] .ck-editor__editable'),
  skipSelector: COMMON_SKIP,
  ignoreSelector: '.ck-fake-selection-container, .ck-widget__type-around',
};
