// Fetching a subscribed pack from an ordinary static host. The request carries only CORS-safelisted
// headers, so a host that sends `Access-Control-Allow-Origin: *` and nothing else can serve it: no
// preflight, no exposed headers. Revalidation is the browser's own: a `no-cache` fetch makes the
// HTTP cache send whatever validators it holds (ETag, Last-Modified) and turns a 304 into the cached
// body; CanDo then compares a hash of the body with the last one to tell "unchanged" from "new".
import { compile } from './store';
import { MAX_PACK_CHARS } from '../shared/limits';
import type { SubscriptionState } from '../shared/settings';
import { parseRetryAfter, retryDelayMinutes, type FetchOutcome } from './subscription-state';

/** Bytes read at most: a larger body is cut off there and refused, never read to its end. */
const MAX_PACK_BYTES = MAX_PACK_CHARS;
const MB = MAX_PACK_BYTES / 1e6;

class TooLarge extends Error {}

/** The body's bytes, reading no further than `limit` (the stream is cancelled there). */
async function readLimited(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  // Content-Length counts the encoded (gzip, br) bytes; decoded text can only be larger.
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What an HTTP error status means for the admin who runs the host; `busyWaitMs` is how long to leave a busy host alone by default. */
function httpFailure(response: Response, now: number, busyWaitMs: number): FetchOutcome {
  const status = `${response.status} ${response.statusText}`.trim();
  const host = new URL(response.url).host;
  if (response.status === 429 || response.status === 503) {
    // Under CORS, Retry-After is readable only when the host exposes it; a busy host is left alone either way.
    const header = response.headers.get('retry-after');
    const retryAfter = parseRetryAfter(header, now);
    const wait = retryAfter
      ? `asked CanDo to come back later (Retry-After: ${header}), and CanDo waits until then`
      : `CanDo waits ${Math.round(busyWaitMs / 60_000)} min before asking again (to have CanDo wait as long as its Retry-After says, the host must also send "Access-Control-Expose-Headers: Retry-After")`;
    return { kind: 'network', message: `The host ${host} is busy or down (${status}); ${wait}.`, retryAfter: retryAfter ?? now + busyWaitMs };
  }
  if (response.status === 404 || response.status === 410) {
    return { kind: 'network', message: `The host ${host} has no file at this address (${status}): check the URL.` };
  }
  if (response.status === 401 || response.status === 403) {
    return { kind: 'network', message: `The host ${host} refused the request (${status}): the pack must be readable by anyone, without signing in.` };
  }
  if (response.status >= 500) return { kind: 'network', message: `The host ${host} failed (${status}); CanDo asks again later.` };
  return { kind: 'network', message: `The host ${host} answered ${status} instead of the pack.` };
}

const refused = (url: string, message: string): FetchOutcome => ({ kind: 'refused', errors: [{ pack: url, message }] });

export interface FetchSettings {
  /** Headers and body together; then the check has failed and the last good version stays. */
  timeoutMs: number;
  refreshMinutes: number;
}

/** Fetches the pack at `url` and compares it with what `previous` holds; validates a new version. */
export async function fetchPack(url: string, previous: SubscriptionState | undefined, { timeoutMs, refreshMinutes }: FetchSettings): Promise<FetchOutcome> {
  const host = new URL(url).host;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    // No custom header: `Accept` with these values is CORS-safelisted, so no preflight is sent.
    const response = await fetch(url, {
      headers: { accept: 'application/json, */*;q=0.8' },
      cache: 'no-cache',
      credentials: 'omit',
      redirect: 'follow',
      signal: controller.signal,
    });
    if (!response.ok) return httpFailure(response, Date.now(), retryDelayMinutes((previous?.failures ?? 0) + 1, refreshMinutes) * 60_000);
    bytes = await readLimited(response, MAX_PACK_BYTES);
  } catch (e) {
    if (e instanceof TooLarge) return refused(url, `The file is larger than ${MB} MB (CanDo stopped reading there); packs are limited to ${MB} MB.`);
    if (controller.signal.aborted) return { kind: 'network', message: `The host ${host} did not send the pack within ${timeoutMs / 1000} s.` };
    return {
      kind: 'network',
      message:
        `Could not read ${url}: the host cannot be reached, or its answer lacks the header ` +
        `"Access-Control-Allow-Origin: *" (the browser then hides it from CanDo). (${(e as Error).message})`,
    };
  } finally {
    clearTimeout(timer);
  }
  const bodyHash = await sha256Hex(bytes);
  if (previous?.spec !== undefined && previous.bodyHash === bodyHash) return { kind: 'unchanged', bodyHash };
  // TextDecoder drops a UTF-8 byte order mark.
  const text = new TextDecoder('utf-8').decode(bytes);
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    // A sign-in page or a captive portal answers 200 with HTML: the host is not really reached.
    if (/^\s*</.test(text)) return { kind: 'network', message: `The host ${host} sent a web page, not a pack (a sign-in page or a captive portal?); CanDo asks again later.` };
    return refused(url, `Not valid JSON: ${(e as Error).message}`);
  }
  // The same pack, reformatted or re-sent with other bytes, is not a new version.
  if (previous?.spec !== undefined && JSON.stringify(previous.spec) === JSON.stringify(spec)) return { kind: 'unchanged', bodyHash };
  const result = compile(spec);
  if (!result.ok) return { kind: 'refused', errors: result.errors };
  return { kind: 'new', id: result.pack.id, spec, bodyHash };
}
