// The one typed protocol between CanDo's contexts (content scripts, popup, options page,
// background). Every message that arrives is checked with `parseRequest` before it is used:
// messages can come from a content script running in a hostile page.
import type { Finding, TextRange } from '../engine/types';

/** Longest draft the background analyses; longer drafts are coached on their first part only. */
export const MAX_DRAFT_CHARS = 100_000;

export type Request =
  /** Content script → background: analyse one editor's draft. */
  | { type: 'analyze'; version: number; text: string; skip: TextRange[] }
  /** Popup or content script → background: liveness check (also wakes a stopped worker). */
  | { type: 'ping' };

export type AnalyzeResponse = { type: 'findings'; version: number; findings: Finding[]; truncated: boolean };
export type PingResponse = { type: 'pong' };
export type ErrorResponse = { type: 'error'; message: string };

export interface ResponseFor {
  analyze: AnalyzeResponse;
  ping: PingResponse;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isRangeList(v: unknown, textLength: number): v is TextRange[] {
  return (
    Array.isArray(v) &&
    v.length <= 10_000 &&
    v.every((r) => isObject(r) && isInt(r.start) && isInt(r.end) && r.start <= r.end && r.end <= textLength)
  );
}

/** Returns the request if `raw` is a well-formed one, otherwise null. */
export function parseRequest(raw: unknown): Request | null {
  if (!isObject(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'analyze':
      if (!isInt(raw.version) || typeof raw.text !== 'string') return null;
      if (!isRangeList(raw.skip, raw.text.length)) return null;
      return { type: 'analyze', version: raw.version, text: raw.text, skip: raw.skip.map(({ start, end }) => ({ start, end })) };
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}
