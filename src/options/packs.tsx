// Packs: what is installed and from where; import a file (picker or drop) with a preview before
// anything is stored; subscribe to a URL; refresh subscriptions now; write or edit a pack in the editor.
import browser from 'webextension-polyfill';
import { useState } from 'preact/hooks';
import { validatePackShape } from '../engine';
import type { CategoryStyle, PackError } from '../engine/types';
import type { OptionsState, PackInfo, PackPreview, RulePreview } from '../shared/protocol';
import { packTooLarge } from '../shared/limits';
import { hostPattern } from '../shared/settings';
import { categoryStyle, SEVERITY_LABEL } from '../shared/categories';
import { download, formatTime, send } from './api';
import { RolloutSection } from './rollout';
import { refreshSummaryText, subscriptionStatus } from './subscription-status';
import { PackEditor } from './editor';
import { draftFromSpec, newPackDraft, type PackDraft } from './editor/draft';
import { CategoryTag, categoryCounts, categoryStyles, ErrorList } from './shared';

const SOURCE_NAMES: Record<PackInfo['source'], string> = {
  builtin: 'Built in',
  imported: 'Imported',
  subscribed: 'Subscription',
  managed: 'Your organisation',
};

/** Opens a pack in the editor: an imported pack as itself, any other as a copy under a new id (only imported packs can be replaced). */
type OpenEditor = (draft: PackDraft, installed: boolean) => void;

function PackRow({ pack, styleOf, edit }: { pack: PackInfo; styleOf: (category: string) => CategoryStyle; edit: OpenEditor }) {
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
  const openInEditor = async () => {
    const reply = await send({ type: 'pack-export', packId: pack.id });
    const shape = reply.type === 'pack-json' ? validatePackShape(JSON.parse(reply.json), pack.id) : null;
    if (!shape?.ok) return setMessage(reply.type === 'error' ? reply.message : 'This pack could not be opened.');
    const draft = draftFromSpec(shape.spec);
    if (pack.source === 'imported') return edit(draft, true);
    edit({ ...draft, id: `${pack.id}-copy`, name: `${pack.name} (copy)` }, false);
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
      <td class="categories">{categoryCounts(pack.rulesPerCategory, styleOf)}</td>
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
        <button type="button" class="edit" onClick={openInEditor} title={pack.source === 'imported' ? 'Edit this pack' : 'Only packs you imported can be changed: this opens a copy to edit'}>
          {pack.source === 'imported' ? 'Edit' : 'Copy and edit'}
        </button>
        <button type="button" class="export" onClick={exportPack}>Export</button>
        {pack.source === 'imported' || pack.source === 'subscribed' ? (
          <button type="button" class="remove" onClick={() => act({ type: 'pack-remove', packId: pack.id })}>Remove</button>
        ) : null}
      </td>
    </tr>
  );
}

/** A rule of a pack being imported: what the card will say, and its examples. */
function RuleSummary({ rule, styleOf }: { rule: RulePreview; styleOf: (category: string) => CategoryStyle }) {
  return (
    <li class="rule-summary" data-rule={rule.id}>
      <CategoryTag style={styleOf(rule.category)} id={rule.category} /> <strong>{rule.message}</strong>{' '}
      <span class="muted">
        {rule.id} · {SEVERITY_LABEL[rule.severity as keyof typeof SEVERITY_LABEL] ?? rule.severity}
      </span>
      <div class="examples">
        Flags: {rule.examples.flag.map((t) => <q class="flag">{t}</q>)} · Passes: {rule.examples.pass.map((t) => <q class="pass">{t}</q>)}
      </div>
    </li>
  );
}

function Preview({ preview, file }: { preview: PackPreview; file: string }) {
  const { replaces } = preview;
  const styleOf = (category: string) => categoryStyle(category, Object.hasOwn(preview.categories, category) ? preview.categories[category] : undefined);
  const listed = (ids: string[]) => preview.rules.filter((r) => ids.includes(r.id));
  return (
    <div class="preview" data-testid="pack-preview" data-source={file}>
      <h3>
        {preview.name} <span class="version">{preview.version}</span>
      </h3>
      <p>
        Id <code>{preview.id}</code>. Rules: {categoryCounts(preview.rulesPerCategory, styleOf)}.
      </p>
      {replaces ? (
        <div class="diff">
          <p>Replaces the installed version {replaces.version}:</p>
          <ul>
            <li class="added">Added: {replaces.changes.added.join(', ') || 'none'}</li>
            <li class="changed">Changed: {replaces.changes.changed.join(', ') || 'none'}</li>
            <li class="removed">Removed: {replaces.changes.removed.join(', ') || 'none'}</li>
          </ul>
          {replaces.changes.added.length ? <h4>New rules</h4> : null}
          <ul class="rule-summaries added-rules">
            {listed(replaces.changes.added).map((r) => <RuleSummary rule={r} styleOf={styleOf} />)}
          </ul>
          {replaces.changes.changed.length ? <h4>Changed rules, as they will be</h4> : null}
          <ul class="rule-summaries changed-rules">
            {listed(replaces.changes.changed).map((r) => <RuleSummary rule={r} styleOf={styleOf} />)}
          </ul>
        </div>
      ) : (
        <ul class="rule-summaries added-rules">
          {preview.rules.map((r) => <RuleSummary rule={r} styleOf={styleOf} />)}
        </ul>
      )}
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
          <button type="button" class="primary" id="confirm-import" onClick={() => confirm(state.file, state.json, state.preview.name)}>Install {state.preview.name}</button>{' '}
          <button type="button" class="cancel" onClick={() => setState({ step: 'idle' })}>Cancel</button>
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
  const [editing, setEditing] = useState<{ draft: PackDraft; installed: boolean } | null>(null);
  const styleOf = categoryStyles(state);
  const edit: OpenEditor = (draft, installed) => setEditing({ draft, installed });
  if (editing) return <PackEditor initial={editing.draft} installed={editing.installed} state={state} onClose={() => setEditing(null)} />;
  return (
    <div>
      <div class="tab-actions">
        <button type="button" class="primary" id="new-pack" onClick={() => edit(newPackDraft(), false)}>
          Write a new pack
        </button>
      </div>
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
            <PackRow key={p.id} pack={p} styleOf={styleOf} edit={edit} />
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
