// The fallback when a help desk changes its markup: any textarea or outermost contenteditable.
import { isTextField } from '../text-model';
import { COMMON_SKIP, isEditable, matching, type Adapter } from './types';

export const generic: Adapter = {
  name: 'generic',
  hosts: [],
  findEditors: (root) =>
    matching(root, 'textarea, [contenteditable]')
      .filter(isEditable)
      // Only the root of an editing host: nested editable children belong to it.
      .filter((el) => isTextField(el) || !el.parentElement?.isContentEditable),
  skipSelector: COMMON_SKIP,
  ignoreSelector: '',
};
