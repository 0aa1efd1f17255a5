// The status line of a subscription on the options page: what the last check did, in the words an
// admin can act on, with the last successful check and the next try. Pure, so it is tested in node.
import type { RefreshSummary, SubscriptionInfo } from '../shared/protocol';

/** A time as a person reads it: "10:42" today, with the date on other days. */
export function formatWhen(ms: number, now: number): string {
  const when = new Date(ms);
  const time = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return when.toDateString() === new Date(now).toDateString() ? time : `${when.toLocaleDateString()} ${time}`;
}

export interface StatusLine {
  /** What the last check did. */
  headline: string;
  /** Last successful check and next try. */
  schedule: string;
  failed: boolean;
}

export function subscriptionStatus(s: SubscriptionInfo, now: number): StatusLine {
  const at = (ms: number | undefined) => (ms === undefined ? 'never' : formatWhen(ms, now));
  const kept = s.version ? ` Version ${s.version} stays in use.` : ' No version of this pack is installed yet.';
  let headline: string;
  switch (s.lastOutcome) {
    case 'updated':
      headline = `Updated to ${s.version ?? '?'} (checked ${at(s.lastCheckedAt)}).`;
      break;
    case 'unchanged':
      headline = `Up to date (checked ${at(s.lastCheckedAt)}).`;
      break;
    case 'refused':
    case 'failed':
      headline = `Not updated at ${at(s.lastCheckedAt)}: ${s.lastError?.message ?? 'unknown error'}${kept}`;
      break;
    default:
      headline = s.version ? `Version ${s.version} installed (checked ${at(s.lastCheckedAt)}).` : 'Not fetched yet.';
  }
  const next = s.nextTryAt === undefined ? '' : ` Next check ${at(Math.max(s.nextTryAt, now))}.`;
  return {
    headline,
    schedule: `Last successful check ${at(s.lastSuccessAt)}.${next}`,
    failed: s.lastOutcome === 'refused' || s.lastOutcome === 'failed',
  };
}

/** The "Refresh now" button's answer: what happened, never "done" when something failed. */
export function refreshSummaryText(r: RefreshSummary): string {
  const parts = [
    r.updated ? `${r.updated} updated` : '',
    r.unchanged ? `${r.unchanged} up to date` : '',
    r.refused ? `${r.refused} refused a broken new version` : '',
    r.failed ? `${r.failed} failed` : '',
    r.waiting ? `${r.waiting} not asked (the host asked CanDo to wait)` : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'No subscriptions to check.';
  const trouble = r.refused + r.failed + r.waiting > 0 ? ' See below for what went wrong.' : '';
  return `Checked: ${parts.join(', ')}.${trouble}`;
}
