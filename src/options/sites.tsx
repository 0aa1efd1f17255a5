// Sites: where CanDo runs, in words: the help desks it knows, custom domains (each through its own
// optional host permission, asked for at the click), and the sites where coaching is paused.
import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import type { OptionsState } from '../shared/protocol';
import { hostPattern, normalizeOrigin } from '../shared/settings';
import { send } from './api';

/** Help-desk products by the domain their sites live under. */
const PRODUCTS: Record<string, string> = {
  'zendesk.com': 'Zendesk',
  'freshdesk.com': 'Freshdesk',
  'freshworks.com': 'Freshdesk (Freshworks)',
  'myfreshworks.com': 'Freshdesk (Freshworks)',
};

const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/** The built-in content-script match patterns said in words, one line per product: "Zendesk: any address ending in .zendesk.com". */
export function describeSitePatterns(patterns: string[]): { name: string; where: string }[] {
  const byName = new Map<string, string[]>();
  for (const pattern of patterns) {
    const host = /^[^:]+:\/\/(?:\*\.)?([^/]+)\//.exec(pattern)?.[1] ?? pattern;
    const name = LOCAL_HOSTS.includes(host) ? 'This computer' : (PRODUCTS[host] ?? host);
    byName.set(name, [...(byName.get(name) ?? []), host]);
  }
  return [...byName].map(([name, hosts]) => ({
    name,
    where: name === 'This computer' ? `${hosts.join(' and ')} (test builds only)` : `any address ending in ${hosts.map((h) => `.${h}`).join(' or ')}, such as yourteam.${hosts[0]}`,
  }));
}

/** An origin as a person writes it: the host name, with its scheme only when it is not https. */
export const siteName = (origin: string): string => {
  const url = new URL(origin);
  return url.protocol === 'https:' ? url.host : origin;
};

function PauseButton({ origin, paused }: { origin: string; paused: boolean }) {
  return (
    <button type="button" class="pause" onClick={() => send({ type: 'set-site-paused', origin, paused: !paused })}>
      {paused ? 'Resume coaching' : 'Pause coaching'}
    </button>
  );
}

export function SitesTab({ state }: { state: OptionsState }) {
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const { builtin, custom, paused } = state.sites;

  const add = async (e: Event) => {
    e.preventDefault();
    setError('');
    const origin = normalizeOrigin(input.trim());
    if (!origin) {
      setError('Enter an https:// help-desk host such as support.example.com.');
      return;
    }
    const granted = await browser.permissions.request({ origins: [hostPattern(origin)] }).catch(() => false);
    if (!granted) {
      setError(`CanDo needs permission for ${siteName(origin)} to coach there.`);
      return;
    }
    const reply = await send({ type: 'site-add', origin });
    if (reply.type === 'error') setError(reply.message);
    else setInput('');
  };
  const remove = async (origin: string) => {
    await send({ type: 'site-remove', origin });
    await browser.permissions.remove({ origins: [hostPattern(origin)] }).catch(() => false);
  };

  return (
    <div>
      <h2>Help desks CanDo coaches on</h2>
      <ul class="builtin-sites site-list">
        {describeSitePatterns(builtin).map(({ name, where }) => (
          <li>
            <strong>{name}</strong>
            <span class="muted">{where}</span>
          </li>
        ))}
      </ul>
      <h2>Your own help-desk addresses</h2>
      {custom.length ? null : <p class="muted">None yet. Add the address of a help desk on your own domain (a Zendesk or Freshdesk with a custom host name).</p>}
      <ul class="custom-sites site-list">
        {custom.map((origin) => (
          <li data-origin={origin}>
            <strong>{siteName(origin)}</strong> {paused.includes(origin) ? <span class="paused-label">paused</span> : null}
            <span class="row-actions">
              <PauseButton origin={origin} paused={paused.includes(origin)} />
              <button type="button" class="remove" onClick={() => remove(origin)}>
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form onSubmit={add} class="inline-form">
        <input id="site-origin" placeholder="support.example.com" value={input} onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
        <button type="submit" id="site-add">
          Add address
        </button>
        {error ? <div class="error">{error}</div> : null}
      </form>
      {paused.length ? (
        <>
          <h2>Paused</h2>
          <ul class="paused-sites site-list">
            {paused.map((origin) => (
              <li data-origin={origin}>
                <strong>{siteName(origin)}</strong>
                <span class="row-actions">
                  <PauseButton origin={origin} paused />
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="muted">To pause coaching on a help desk, use CanDo’s toolbar button while you are on it.</p>
    </div>
  );
}
