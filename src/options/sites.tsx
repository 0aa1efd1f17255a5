// Sites: where CanDo runs. Built-in help-desk hosts, custom domains (each through its own optional
// host permission, asked for at the click), and sites where coaching is paused.
import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import type { OptionsState } from '../shared/protocol';
import { hostPattern, normalizeOrigin } from '../shared/settings';
import { send } from './api';

function PauseButton({ origin, paused }: { origin: string; paused: boolean }) {
  return (
    <button type="button" class="pause" onClick={() => send({ type: 'set-site-paused', origin, paused: !paused })}>
      {paused ? 'Resume' : 'Pause'}
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
      setError(`CanDo needs permission for ${origin} to coach there.`);
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
      <h2>Help desks CanDo knows</h2>
      <ul class="builtin-sites">
        {builtin.map((p) => (
          <li>
            <code>{p}</code>
          </li>
        ))}
      </ul>
      <h2>Your own help-desk domains</h2>
      <ul class="custom-sites">
        {custom.map((origin) => (
          <li data-origin={origin}>
            <code>{origin}</code> {paused.includes(origin) ? '(paused) ' : ''}
            <PauseButton origin={origin} paused={paused.includes(origin)} />{' '}
            <button type="button" class="remove" onClick={() => remove(origin)}>Remove</button>
          </li>
        ))}
      </ul>
      <form onSubmit={add}>
        <input id="site-origin" placeholder="support.example.com" value={input} onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
        <button type="submit" id="site-add">Add</button>
        {error ? <div class="error">{error}</div> : null}
      </form>
      <h2>Paused</h2>
      {paused.length ? (
        <ul class="paused-sites">
          {paused.map((origin) => (
            <li data-origin={origin}>
              <code>{origin}</code> <PauseButton origin={origin} paused />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">Coaching runs on every site above. Pause a help desk from CanDo's toolbar button while you are on it.</p>
      )}
    </div>
  );
}
