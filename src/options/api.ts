// The options page's side of the protocol: typed requests to the background.
import browser from 'webextension-polyfill';
import type { Request, ResponseFor } from '../shared/protocol';

export type Failure = { type: 'error'; message: string };

/**
 * Sends a request to the background. Any answer may be a refusal, and the worker may be restarting:
 * both come back as { type: 'error' } for the page to show, never as a thrown error.
 */
export async function send<R extends Request>(request: R): Promise<ResponseFor[R['type']] | Failure> {
  try {
    const reply = (await browser.runtime.sendMessage(request)) as ResponseFor[R['type']] | Failure | undefined;
    return reply ?? { type: 'error', message: 'CanDo’s background did not answer.' };
  } catch (e) {
    return { type: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

/** "3 min ago"-style times are ambiguous in a screenshot; the options page shows local date and time. */
export const formatTime = (ms: number | undefined): string => (ms === undefined ? '—' : new Date(ms).toLocaleString());

/** Offers `content` as a file download. */
export function download(name: string, type: string, content: string | Uint8Array): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const categoryList = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
