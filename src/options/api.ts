// The options page's helpers: its line to the background, times, downloads.
import { BackgroundClient } from '../shared/client';
import { MESSAGES } from '../shared/protocol';

const background = new BackgroundClient(MESSAGES);
/** Sends a request to the background; a refusal or no answer comes back as { type: 'error' } for the page to show. */
export const send = background.send.bind(background);

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
