// Text in a draft that is not the agent's own words, so it is never coached: quoted lines
// ("> ..."), the quoted history help desks and mail clients append ("On Mon, 3 Feb 2025, Jane
// wrote:" and everything after it), and a trailing signature after a "-- " line.
import type { TextRange } from './types';

// A reply header, on one line or wrapped over two, in English and the languages support desks
// most often receive mail in.
// Each header has a word that must appear for it to match: a cheap test before the regex.
const HISTORY_HEADERS: [string, RegExp][] = [
  ['wrote', /^[ \t]*On\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bwrote:[ \t]*$/gim], // On Mon, 3 Feb 2025 at 10:04, Jane <j@x.com> wrote:
  ['wrote', /^[ \t]*[^\n]{1,120}\bwrote on\b[^\n]{0,120}:[ \t]*$/gim], // Jane Doe wrote on 3 Feb 2025, 10:04:
  ['crit', /^[ \t]*Le\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\ba [ée]crit[ \t]*:[ \t]*$/gim], // fr
  ['schrieb', /^[ \t]*Am\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bschrieb\b[^\n]{0,120}:[ \t]*$/gim], // de
  ['escrib', /^[ \t]*El\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bescribi[óo][ \t]*:[ \t]*$/gim], // es
  ['escreveu', /^[ \t]*Em\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bescreveu[ \t]*:[ \t]*$/gim], // pt
  ['scritto', /^[ \t]*Il\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bha scritto[ \t]*:[ \t]*$/gim], // it
  ['schreef', /^[ \t]*Op\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bschreef\b[^\n]{0,120}:[ \t]*$/gim], // nl
  ['--', /^[ \t]*-{2,}[ \t]*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)[ \t]*-{2,}[ \t]*$/gim],
  ['subject:', /^[ \t]*From:[^\n]+\n(?:[ \t]*(?:Sent|Date):[^\n]*\n)[\s\S]{0,400}?^[ \t]*Subject:/gim], // Outlook header block
  ['forwarded', /^[ \t]*Begin forwarded message:[ \t]*$/gim], // Apple Mail
  ['##', /^[ \t]*#{2}-[ \t]*Please type your reply above this line[ \t]*-#{2}[ \t]*$/gim], // Zendesk mail delimiter
];

const QUOTED_LINE = /^[ \t]*>[^\n]*$/gm;
const SIGNATURE_DELIMITER = /^-- ?$/m;

/** Ranges of `text` that are not the agent's own words, sorted and merged. */
export function findSkippedRegions(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  const lower = text.toLowerCase();
  let historyStart = text.length;
  for (const [keyword, header] of HISTORY_HEADERS) {
    if (!lower.includes(keyword)) continue;
    header.lastIndex = 0;
    const m = header.exec(text);
    if (m) historyStart = Math.min(historyStart, m.index);
  }
  const signature = SIGNATURE_DELIMITER.exec(text);
  if (signature) historyStart = Math.min(historyStart, signature.index);
  if (text.includes('>')) for (const m of text.matchAll(QUOTED_LINE)) {
    if (m.index >= historyStart) break;
    ranges.push({ start: m.index, end: m.index + m[0].length });
  }
  if (historyStart < text.length) ranges.push({ start: historyStart, end: text.length });
  return ranges;
}

/** Sorted, non-overlapping ranges clipped to [0, length). Touching ranges are merged. */
export function normalizeRanges(ranges: Iterable<TextRange>, length: number): TextRange[] {
  const clipped = [...ranges]
    .map(({ start, end }) => ({ start: Math.max(0, Math.min(start, length)), end: Math.max(0, Math.min(end, length)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const r of clipped) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The parts of [0, length) not covered by the (normalized) skipped ranges. */
export function complementRanges(skipped: TextRange[], length: number): TextRange[] {
  const kept: TextRange[] = [];
  let at = 0;
  for (const r of skipped) {
    if (r.start > at) kept.push({ start: at, end: r.start });
    at = Math.max(at, r.end);
  }
  if (at < length) kept.push({ start: at, end: length });
  return kept;
}
