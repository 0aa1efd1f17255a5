// The toolbar popup: is CanDo coaching this tab, how many findings the focused draft has, the
// reply check ("Check this reply", or opened on it by the shortcut as popup.html#check), and pause
// or resume coaching on this site.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { BackgroundClient } from '../shared/client';
import { MESSAGES } from '../shared/protocol';
import type { ReplyCheckResponse, TabStatusResponse } from '../shared/protocol';
import { ReplyCheck } from './reply-check';
import { originOf, replyCheck, tabStatus, targetTab } from './tab';

type View =
  | { kind: 'loading' }
  | { kind: 'no-tab' }
  | { kind: 'tab'; tabId: number; origin: string | null; status: TabStatusResponse | null };
/** The reply check, once asked for: not shown, being read from the tab, or its answer. */
type Check = { kind: 'none' } | { kind: 'checking' } | { kind: 'done'; check: ReplyCheckResponse | null };

/** Opened by the shortcut: go straight to the reply check. */
const CHECK_ON_OPEN = location.hash === '#check';

const background = new BackgroundClient(MESSAGES);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

async function load(): Promise<View> {
  const tab = await targetTab();
  if (tab?.id === undefined) return { kind: 'no-tab' };
  return { kind: 'tab', tabId: tab.id, origin: originOf(tab), status: await tabStatus(tab.id) };
}

/** Asks the tab again until its content script reports the wanted pause state (it re-analyzes after the change). */
async function waitForPaused(tabId: number, paused: boolean): Promise<TabStatusResponse | null> {
  let status: TabStatusResponse | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    status = await tabStatus(tabId);
    if (!status || status.paused === paused) return status;
    await new Promise((r) => setTimeout(r, 150));
  }
  return status;
}

function Popup() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<Check>({ kind: 'none' });
  useEffect(() => {
    load().then(
      (loaded) => {
        setView(loaded);
        if (CHECK_ON_OPEN && loaded.kind === 'tab' && loaded.status) void checkReply(loaded.tabId);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  async function checkReply(tabId: number) {
    setCheck({ kind: 'checking' });
    setCheck({ kind: 'done', check: await replyCheck(tabId) });
  }

  if (view.kind === 'loading') return <p class="muted">Checking this tab…</p>;
  if (view.kind === 'no-tab') return <p class="state off">No tab to coach here.</p>;
  const { status, origin } = view;

  async function setPaused(paused: boolean) {
    if (view.kind !== 'tab' || !origin) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await background.send({ type: 'set-site-paused', origin, paused });
      if (reply.type !== 'ok') setError(reply.message);
      else setView({ ...view, status: await waitForPaused(view.tabId, paused) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {!status ? (
        <p class="state off" id="state">
          CanDo isn't running on this page. It coaches replies on Zendesk, Freshdesk and the sites added in its settings.
        </p>
      ) : status.paused ? (
        <p class="state paused" id="state">
          Paused on this site.
        </p>
      ) : (
        <>
          <p class="state on" id="state">
            {status.active ? 'CanDo is coaching on this tab.' : 'CanDo is on this tab, waiting for a reply editor.'}
          </p>
          <p id="counts">
            {plural(status.editors, 'reply editor', 'reply editors')} coached ·{' '}
            <strong>{plural(status.focusedFindings, 'suggestion', 'suggestions')}</strong> in the focused draft
          </p>
        </>
      )}
      {status && origin && (
        <button type="button" id="pause" disabled={busy} onClick={() => void setPaused(!status.paused)}>
          {status.paused ? 'Resume on this site' : 'Pause on this site'}
        </button>
      )}
      {status && !origin && <p class="muted">This site's address is not available to CanDo, so it can't be paused from here.</p>}
      {status && (
        <section id="reply-check" aria-labelledby="check-title" aria-busy={check.kind === 'checking'}>
          <h2 id="check-title">Reply check</h2>
          {check.kind === 'done' && <ReplyCheck check={check.check} />}
          <button type="button" id="check-reply" disabled={check.kind === 'checking'} onClick={() => void checkReply(view.tabId)}>
            {check.kind === 'none' ? 'Check this reply' : 'Check again'}
          </button>
        </section>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </p>
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
