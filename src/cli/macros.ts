// Canned replies from help-desk exports, so a team can clean the macros that put bad phrasing in
// every agent's replies: a Zendesk macros export (the Macros API: {"macros": [...]}, {"macro": {...}}
// or an array of macros, each with `actions` [{"field": "comment_value" | "comment_value_html",
// "value": ...}]) or a Freshdesk canned-responses export (the Canned Responses API: an array of
// {"id", "title", "content", "content_html", "folder_id"}, or one such object). Each reply's text is
// traced back to the export file, so findings carry the file's own line and column.
import { describeJsonError, lineAndColumn } from '../engine/diagnostics';
import { UsageError } from './args';
import type { LocatedFinding } from './report';

export interface CannedReply {
  macro: NonNullable<LocatedFinding['macro']>;
  text: string;
  /** File position of a text index. */
  at(index: number): { line: number; column: number };
}

/** A string literal in the JSON source: its decoded value, and the source index of each decoded character. */
interface JsonString {
  value: string;
  sourceIndex: number[];
}

/** Every string literal of a JSON document, in order (the document is known to parse). */
function jsonStrings(source: string): JsonString[] {
  const strings: JsonString[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] !== '"') continue;
    let value = '';
    const sourceIndex: number[] = [];
    for (i++; source[i] !== '"'; i++) {
      const start = i;
      if (source[i] === '\\') {
        const escape = source[++i];
        if (escape === 'u') {
          value += String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16));
          i += 4;
        } else value += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[escape] ?? escape;
      } else value += source[i];
      sourceIndex.push(start);
    }
    sourceIndex.push(i);
    strings.push({ value, sourceIndex });
  }
  return strings;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…', mdash: '—', ndash: '–' };
const BLOCK_TAGS = /^\/?(p|div|br|li|ul|ol|h[1-6]|tr|blockquote|pre|table)\b/i;

/** The text an agent sees of an HTML reply, with the HTML index of each character. */
export function htmlText(html: string): { text: string; htmlIndex: number[] } {
  let text = '';
  const htmlIndex: number[] = [];
  const emit = (s: string, at: number) => {
    for (const c of s) {
      text += c;
      htmlIndex.push(at);
      if (c.length === 2) htmlIndex.push(at);
    }
  };
  for (let i = 0; i < html.length; i++) {
    if (html[i] === '<') {
      const close = html.indexOf('>', i);
      if (close < 0) break;
      // A block boundary ends the sentence: without it, two paragraphs would read as one.
      if (BLOCK_TAGS.test(html.slice(i + 1, close)) && text !== '' && !text.endsWith('\n')) emit('\n', i);
      i = close;
    } else if (html[i] === '&') {
      const m = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(i, i + 12));
      const name = m?.[1];
      const decoded = !name ? undefined : name.startsWith('#x') || name.startsWith('#X') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name.toLowerCase()];
      if (m && decoded !== undefined) {
        emit(decoded, i);
        i += m[0].length - 1;
      } else emit('&', i);
    } else emit(html[i], i);
  }
  htmlIndex.push(html.length);
  return { text, htmlIndex };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The reply text a Zendesk macro adds to the ticket (plain `comment_value` first, else its HTML), if any. */
function zendeskComment(macro: Record<string, unknown>): { value: string; html: boolean } | undefined {
  const actions = Array.isArray(macro.actions) ? macro.actions.filter(isObject) : [];
  const value = (field: string) => {
    const v = actions.find((a) => a.field === field)?.value;
    // Older macros store the comment as ["channel:all", "text"].
    if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string').at(-1);
    return typeof v === 'string' ? v : undefined;
  };
  const plain = value('comment_value');
  if (plain) return { value: plain, html: false };
  const html = value('comment_value_html');
  return html ? { value: html, html: true } : undefined;
}

function freshdeskContent(response: Record<string, unknown>): { value: string; html: boolean } | undefined {
  if (typeof response.content === 'string' && response.content) return { value: response.content, html: false };
  if (typeof response.content_html === 'string' && response.content_html) return { value: response.content_html, html: true };
  return undefined;
}

/** The canned replies of a Zendesk macros export or a Freshdesk canned-responses export. */
export function cannedReplies(file: string, source: string): CannedReply[] {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${describeJsonError(source, e)}`);
  }
  const items: unknown[] = [];
  const collect = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v) && Array.isArray(v.macros)) v.macros.forEach(collect);
    else if (isObject(v) && isObject(v.macro)) items.push(v.macro);
    else if (isObject(v) && Array.isArray(v.canned_responses)) v.canned_responses.forEach(collect);
    else items.push(v);
  };
  collect(data);
  const strings = jsonStrings(source);
  const used = new Set<JsonString>();
  const replies: CannedReply[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const zendesk = Array.isArray(item.actions);
    const body = zendesk ? zendeskComment(item) : freshdeskContent(item);
    if (!body) continue;
    // The literal holding this reply in the file; the first not taken, for replies that repeat.
    const literal = strings.find((s) => !used.has(s) && s.value === body.value);
    if (literal) used.add(literal);
    const converted = body.html ? htmlText(body.value) : { text: body.value, htmlIndex: undefined };
    const at = (index: number) => {
      const inValue = converted.htmlIndex ? converted.htmlIndex[index] : index;
      return lineAndColumn(source, literal ? literal.sourceIndex[inValue] : 0);
    };
    replies.push({ macro: { source: zendesk ? 'zendesk' : 'freshdesk', id: item.id ?? null, title: typeof item.title === 'string' ? item.title : String(item.id ?? '') }, text: converted.text, at });
  }
  if (replies.length === 0 && !items.some((i) => isObject(i) && (Array.isArray(i.actions) || 'content' in i || 'content_html' in i))) {
    throw new UsageError(`${file} is neither a Zendesk macros export ({"macros": [...]}) nor a Freshdesk canned-responses export ([{"title", "content"}...])`);
  }
  return replies;
}
