// Packs: what is installed and from where; import a file (picker or drop) with a preview before
// anything is stored; subscribe to a URL; refresh subscriptions now.
import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import type { PackError } from '../engine/types';
import type { OptionsState, PackInfo, PackPreview } from '../shared/protocol';
import { packTooLarge } from '../shared/limits';
import { hostPattern } from '../shared/settings';
import { categoryList, download, formatTime, send } from './api';
import { RolloutSection } from './rollout';
import { refreshSummaryText, subscriptionStatus } from './subscription-status';

const SOURCE_NAMES: Record<PackInfo['source'], string> = {
  builtin: 'Built in',
  imported: 'Imported',
  subscribed: 'Subscription',
  managed: 'Your organisation',
};

function ErrorList({ errors, source }: { errors: PackError[]; source: string }) {
  return (
    <ul class="errors" role="alert" data-testid="pack-errors" data-source={source}>
      {errors.map((e) => (
        <li>
          {e.rule ? <strong>Rule “{e.rule}”</strong> : null}
          {e.field ? <span class="field"> field “{e.field}”</span> : null}
          {e.rule || e.field ? ': ' : ''}
          {e.message}
        </li>
      ))}
    </ul>
  );
}

function PackRow({ pack }: { pack: PackInfo }) {
  const [message, setMessage] = useState('');
  const act = async (request: Parameters<typeof send>[0]) => {
    const reply = (await send(request)) as { type: string; message?: string };
    setMessage(reply.type === 'error' ? (reply.message ?? 'Failed.') : '');
  };
  const exportPack = async () => {
    const reply = await send({ type: 'pack-export', packId: pack.id });
    if (reply.type === 'pack-json') download(`${pack.id}-${pack.version}.json`, 'application/json', reply.json);
    else setMessage(reply.type === 'error' ? reply.message : 'Export failed.');
  };
  return (
    <tr data-pack={pack.id}>
      <td>
        <strong>{pack.name}</strong> <code>{pack.id}</code>
        {pack.description ? <div class="muted">{pack.description}</div> : null}
        {message ? <div class="error">{message}</div> : null}
      </td>
      <td class="source">
        {SOURCE_NAMES[pack.source]}
        {pack.subscriptionUrl ? <div class="muted url">{pack.subscriptionUrl}</div> : null}
      </td>
      <td class="version">{pack.version}</td>
      <td>{formatTime(pack.updatedAt)}</td>
      <td class="categories">{categoryList(pack.rulesPerCategory)}</td>
      <td>
        <label class={pack.locked ? 'locked' : ''}>
          <input
            type="checkbox"
            class="pack-enabled"
            checked={pack.enabled}
            disabled={pack.locked}
            onChange={(e) => act({ type: 'pack-set-enabled', packId: pack.id, enabled: (e.target as HTMLInputElement).checked })}
          />
          {pack.locked ? ' On (locked by your organisation)' : pack.enabled ? ' On' : ' Off'}
        </label>
      </td>
      <td class="actions">
        <button type="button" onClick={exportPack}>Export</button>
        {pack.source === 'imported' || pack.source === 'subscribed' ? (
          <button type="button" class="remove" onClick={() => act({ type: 'pack-remove', packId: pack.id })}>Remove</button>
        ) : null}
      </td>
    </tr>
  );
}

function Preview({ preview, file }: { preview: PackPreview; file: string }) {
  const { replaces } = preview;
  return (
    <div class="preview" data-testid="pack-preview" data-source={file}>
      <h3>
        {preview.name} <span class="version">{preview.version}</span>
      </h3>
      <p>
        Id <code>{preview.id}</code>. Rules: {categoryList(preview.rulesPerCategory)}.
      </p>
      {replaces ? (
        <div class="diff">
          <p>Replaces the installed version {replaces.version}:</p>
          <ul>
            <li class="added">Added: {replaces.changes.added.join(', ') || 'none'}</li>
            <li class="changed">Changed: {replaces.changes.changed.join(', ') || 'none'}</li>
            <li class="removed">Removed: {replaces.changes.removed.join(', ') || 'none'}</li>
          </ul>
        </div>
      ) : null}
      {preview.shadowed.length ? (
        <ul class="shadowed warning" role="alert" data-testid="pack-shadowed">
          {preview.shadowed.map((s) => (
            <li>
              Rule <code>{s.ruleId}</code> will not show on its example “{s.example}”: <code>{s.by}</code> from “{s.byPack}” flags the same words
              and is shown instead.
            </li>
          ))}
        </ul>
      ) : null}
      {preview.overrides.length ? (
        <p class="overrides muted" data-testid="pack-overrides">
          Shown instead of built-in rules on the same words: {[...new Set(preview.overrides.map((o) => `${o.ruleId} over ${o.over}`))].join('; ')}.
        </p>
      ) : null}
    </div>
  );
}

type ImportState =
  | { step: 'idle' }
  | { step: 'preview'; file: string; json: string; preview: PackPreview }
  | { step: 'refused'; file: string; errors: PackError[] }
  | { step: 'done'; name: string };

function ImportPanel() {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [dragging, setDragging] = useState(false);

  const readFile = async (file: File) => {
    const tooLarge = packTooLarge(file.size);
    if (tooLarge) {
      setState({ step: 'refused', file: file.name, errors: [{ pack: file.name, message: tooLarge }] });
      return;
    }
    const json = await file.text();
    const reply = await send({ type: 'pack-preview', json });
    if (reply.type === 'pack-preview') setState({ step: 'preview', file: file.name, json, preview: reply });
    else setState({ step: 'refused', file: file.name, errors: reply.type === 'refused' ? reply.errors : [{ pack: file.name, message: reply.message }] });
  };
  const confirm = async (file: string, json: string, name: string) => {
    const reply = await send({ type: 'pack-import', json });
    if (reply.type === 'ok') setState({ step: 'done', name });
    else setState({ step: 'refused', file, errors: reply.type === 'refused' ? reply.errors : [{ pack: name, message: reply.message }] });
  };

  return (
    <section
      class={`import ${dragging ? 'dragging' : ''}`}
      data-testid="import-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file) void readFile(file);
      }}
    >
      <h2>Import a pack</h2>
      <p>
        Choose a pack file or drop it here: <input type="file" accept=".json,application/json" id="pack-file" onChange={(e) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (file) void readFile(file);
        }} />
      </p>
      {state.step === 'preview' ? (
        <>
          <Preview preview={state.preview} file={state.file} />
          <button type="button" id="confirm-import" onClick={() => confirm(state.file, state.json, state.preview.name)}>Install {state.preview.name}</button>{' '}
          <button type="button" onClick={() => setState({ step: 'idle' })}>Cancel</button>
        </>
      ) : null}
      {state.step === 'refused' ? (
        <>
          <p class="error">This pack was refused; nothing was installed or changed.</p>
          <ErrorList errors={state.errors} source={state.file} />
        </>
      ) : null}
      {state.step === 'done' ? <p class="ok" role="status">Installed {state.name}.</p> : null}
    </section>
  );
}

function SubscribePanel({ state }: { state: OptionsState }) {
  const [url, setUrl] = useState('');
  const [errors, setErrors] = useState<PackError[]>([]);
  const [status, setStatus] = useState('');

  const subscribe = async (e: Event) => {
    e.preventDefault();
    setErrors([]);
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      setErrors([{ pack: url, message: 'Enter the full address of the pack, starting with https://.' }]);
      return;
    }
    // Asked now, for this one origin, while the click still counts as the user's gesture.
    const granted = await browser.permissions.request({ origins: [hostPattern(url)] }).catch((err: Error) => {
      setErrors([{ pack: url, message: err.message }]);
      return false;
    });
    if (!granted) {
      setErrors((errs) => (errs.length ? errs : [{ pack: url, message: `CanDo needs permission to read ${origin} to subscribe.` }]));
      return;
    }
    setStatus('Fetching…');
    const reply = await send({ type: 'subscribe', url });
    setStatus(reply.type === 'ok' ? 'Subscribed.' : '');
    if (reply.type === 'refused') setErrors(reply.errors);
    if (reply.type === 'error') setErrors([{ pack: url, message: reply.message }]);
  };
  const refresh = async () => {
    setStatus('Refreshing…');
    const reply = await send({ type: 'refresh-subscriptions' });
    setStatus(reply.type === 'refresh-summary' ? refreshSummaryText(reply) : `Refresh failed: ${reply.type === 'error' ? reply.message : reply.type}`);
  };

  return (
    <section class="subscriptions">
      <h2>Subscriptions</h2>
      <form onSubmit={subscribe}>
        {state.allowImport ? (
          <>
            <input type="url" id="subscribe-url" placeholder="https://packs.example.com/support.json" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
            <button type="submit" id="subscribe">Subscribe</button>{' '}
          </>
        ) : null}
        <button type="button" id="refresh-now" onClick={refresh}>Refresh now</button>{' '}
        <span role="status" class="status">{status}</span>
      </form>
      {errors.length ? <ErrorList errors={errors} source={url} /> : null}
      <p class="muted">Subscriptions are checked every {Math.round(state.refreshMinutes / 60 * 10) / 10} hours.</p>
      <ul class="subscription-list">
        {state.subscriptions.map((s) => {
          const status = subscriptionStatus(s, Date.now());
          return (
            <li data-url={s.url} data-checked={s.lastCheckedAt ?? 0}>
              <code>{s.url}</code> {s.managed ? '(your organisation)' : ''} — pack {s.packId ?? 'not received yet'}; last good update {formatTime(s.lastGoodAt)}
              <div class={status.failed ? 'error subscription-status subscription-error' : 'ok subscription-status'} data-outcome={s.lastOutcome ?? 'none'}>
                {status.headline}
              </div>
              <div class="muted subscription-schedule">{status.schedule}</div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function PacksTab({ state }: { state: OptionsState }) {
  return (
    <div>
      <table class="packs">
        <thead>
          <tr>
            <th>Pack</th>
            <th>Source</th>
            <th>Version</th>
            <th>Last update</th>
            <th>Rules per category</th>
            <th>Active</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {state.packs.map((p) => (
            <PackRow key={p.id} pack={p} />
          ))}
        </tbody>
      </table>
      {state.problems.length ? (
        <ul class="problems">
          {state.problems.map((p) => (
            <li class="error">{p}</li>
          ))}
        </ul>
      ) : null}
      {state.allowImport ? (
        <ImportPanel />
      ) : (
        <p class="muted" id="import-off">Your organisation manages CanDo's packs: importing and subscribing are turned off.</p>
      )}
      <SubscribePanel state={state} />
      <RolloutSection state={state} />
    </div>
  );
}
