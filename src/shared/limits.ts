// CanDo's size limits outside the engine's own pack caps, each checked in one place.
import { PACK_BYTES } from '../engine/limits';

/** Largest pack CanDo accepts (import, subscription or policy): the engine's limit, checked before reading a file. */
export const MAX_PACK_CHARS = PACK_BYTES;

/** The one refusal for a pack over MAX_PACK_CHARS, wherever it came from; `size` in characters or bytes. */
export function packTooLarge(size: number): string | null {
  return size > MAX_PACK_CHARS ? `The pack is ${(size / 1e6).toFixed(1)} MB; CanDo accepts packs up to ${MAX_PACK_CHARS / 1e6} MB.` : null;
}

/** Longest draft the background analyzes; longer drafts are coached on their first part only. */
export const MAX_DRAFT_CHARS = 100_000;

/** The part of a draft that is analyzed: its first MAX_DRAFT_CHARS characters, never ending inside a surrogate pair. */
export function draftToAnalyze(text: string): string {
  if (text.length <= MAX_DRAFT_CHARS) return text;
  const endsInPair = /[\uD800-\uDBFF]/.test(text[MAX_DRAFT_CHARS - 1]);
  return text.slice(0, endsInPair ? MAX_DRAFT_CHARS - 1 : MAX_DRAFT_CHARS);
}

/** Longest customer message sent with a draft for the context rules (a longer one keeps its start and end). */
export const MAX_CUSTOMER_CHARS = 20_000;
export const MAX_CUSTOMER_NAME_CHARS = 200;
