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

/** Characters that join words: one of them next to a finding's words makes them part of another word. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}_'’-]/u;

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
 * Where `range` of the old text is in `after`, the text the edit made: unchanged before the edit,
 * moved by the edit's length change after it, and null when the edit touched it: inside it, or at
 * its edge when its words now run into a word character there (a letter typed right after a
 * flagged word changes the word; a space or a full stop does not).
 */
export function moveThroughEdit(range: TextRange, edit: TextEdit, after: string): TextRange | null {
  // Overlapping what it removed, or inserting strictly inside.
  if (edit.start < range.end && edit.end > range.start) return null;
  const delta = edit.inserted - (edit.end - edit.start);
  const moved = edit.end <= range.start ? { start: range.start + delta, end: range.end + delta } : range;
  const joins = (i: number) => i >= 0 && i < after.length && WORD_CHAR.test(after[i]);
  if (edit.end === range.start && joins(moved.start - 1)) return null;
  if (edit.start === range.end && joins(moved.end)) return null;
  return moved;
}
