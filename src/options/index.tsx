// CanDo's options page: packs, rules, sites and local statistics. Everything it shows comes from
// the background's store; it reads it again whenever the store changes (a subscription refresh, a
// rule switched off from a help-desk page, a policy update).
import browser from 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { parseTabMessage, type OptionsState } from '../shared/protocol';
import { send } from './api';
import { PacksTab } from './packs';
import { RulesTab } from './rules';
import { SitesTab } from './sites';
import { StatsTab } from './stats';

const TABS = { packs: 'Packs', rules: 'Rules', sites: 'Sites', stats: 'Statistics' } as const;
type Tab = keyof typeof TABS;

const tabFromHash = (): Tab => {
  const h = location.hash.slice(1);
  return h in TABS ? (h as Tab) : 'packs';
};

function App() {
  const [tab, setTab] = useState<Tab>(tabFromHash());
  const [state, setState] = useState<OptionsState | null>(null);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    const load = () =>
      send({ type: 'options-state' }).then((reply) => {
        if (reply.type === 'options-state') {
          setState(reply);
          setFailure('');
        } else setFailure(reply.message);
      });
    void load();
    // Statistics and settings land in storage.local; policy changes reach the page as the
    // background's 'refresh' once it has rebuilt the store.
    const onStorage = (_changes: unknown, area: string) => {
      if (area === 'local') void load();
    };
    const onMessage = (raw: unknown) => {
      if (parseTabMessage(raw)?.type === 'refresh') void load();
    };
    browser.storage.onChanged.addListener(onStorage);
    browser.runtime.onMessage.addListener(onMessage);
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => {
      browser.storage.onChanged.removeListener(onStorage);
      browser.runtime.onMessage.removeListener(onMessage);
      removeEventListener('hashchange', onHash);
    };
  }, []);

  return (
    <>
      <header>
        <h1>CanDo settings</h1>
        {state?.managed ? <p class="managed-note">Some settings are managed by your organisation.</p> : null}
        <nav>
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <a href={`#${t}`} class={t === tab ? 'current' : ''} aria-current={t === tab ? 'page' : undefined}>
              {TABS[t]}
            </a>
          ))}
        </nav>
      </header>
      <main id={`tab-${tab}`}>
        {failure ? <p class="error">CanDo's background did not answer: {failure}</p> : null}
        {!state ? (
          <p>Loading…</p>
        ) : tab === 'packs' ? (
          <PacksTab state={state} />
        ) : tab === 'rules' ? (
          <RulesTab state={state} />
        ) : tab === 'sites' ? (
          <SitesTab state={state} />
        ) : (
          <StatsTab state={state} />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
