// Freshdesk agent UI: reply, forward and note composers are Froala (div.fr-element.fr-view, or the
// body of Froala's iframe mode), mounted and unmounted without a page load; the customer portal
// uses Redactor. Forwards carry the quoted message in a blockquote.
import { COMMON_SKIP, findAll, type Adapter } from './types';

export const freshdesk: Adapter = {
  name: 'freshdesk',
  hosts: ['freshdesk.com', 'freshworks.com', 'myfreshworks.com'],
  findEditors: (root) => findAll(root, '.fr-element.fr-view, .redactor_editor, .redactor-editor'),
  skipSelector: `${COMMON_SKIP}, .freshdesk_quote, .fr-quote`,
  ignoreSelector: '.fr-placeholder, .fr-marker',
};
