// Between an edit and the background's next answer, findings still carry offsets into the text
// they were found in. The edit that turned that text into the current one (its common prefix and
// suffix) says where each finding's words are now, or that the edit touched them.
import type { TextRange } from '../engine/types';

/** `before[start, end)` was replaced by `inserted` characters. */
export interface TextEdit {
  start: number;
  end: number;
  inserted: number;
}

/** The single edit that turns `before` into `after` (several edits merge into one span); null when they are equal. */
export function editBetween(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, inserted: after.length - suffix - prefix };
}

/**
 * Where `range` of the old text is in the new one: unchanged before the edit, moved by the edit's
 * length change after it, and null when the edit touched it, inside or at its edge (a letter typed
 * right after a flagged word changes the word).
 */
export function moveThroughEdit(range: TextRange, edit: TextEdit): TextRange | null {
  if (range.end < edit.start) return range;
  if (range.start > edit.end) {
    const delta = edit.inserted - (edit.end - edit.start);
    return { start: range.start + delta, end: range.end + delta };
  }
  return null;
}
