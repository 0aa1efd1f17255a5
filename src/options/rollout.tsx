// "Roll out to your team": for the person who deploys CanDo. Pick the installed packs every agent
// should get (a subscription ships as its URL, any other pack inside the policy), which of them
// agents cannot switch off, and whether agents may add their own; then download the policy file
// for each browser and OS. The files come from the same generator as `npx cando policy`.
import { useState } from 'preact/hooks';
import type { OptionsState, PackInfo } from '../shared/protocol';
import { managedPolicy, policyFile, policyFileBytes, POLICY_TARGETS, type ManagedPolicy, type PolicyTarget } from '../shared/rollout-policy';
import { download, send } from './api';

const TARGET_LABELS: Record<PolicyTarget, string> = {
  linux: 'Chrome / Edge / Chromium on Linux (.json)',
  windows: 'Chrome / Edge / Chromium on Windows (.reg)',
  macos: 'Chrome / Edge / Chromium on macOS (.mobileconfig)',
  firefox: 'Firefox (policies.json)',
};

export function RolloutSection({ state }: { state: OptionsState }) {
  const [shipped, setShipped] = useState<ReadonlySet<string>>(new Set());
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set());
  const [allowImport, setAllowImport] = useState(true);
  const [note, setNote] = useState<{ error: boolean; text: string } | null>(null);
  const toggle = (set: ReadonlySet<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  /** The policy for the current choice; built-in packs every agent already has, so they are only locked. */
  const policy = async (): Promise<ManagedPolicy | string> => {
    const packs: unknown[] = [];
    const urls: string[] = [];
    for (const pack of state.packs.filter((p) => shipped.has(p.id) && p.source !== 'builtin')) {
      if (pack.subscriptionUrl) {
        urls.push(pack.subscriptionUrl);
        continue;
      }
      const reply = await send({ type: 'pack-export', packId: pack.id });
      if (reply.type !== 'pack-json') return `Could not read ${pack.name}: ${reply.type === 'error' ? reply.message : 'no answer'}`;
      packs.push(JSON.parse(reply.json));
    }
    return managedPolicy({ packs, urls, locks: [...locked], allowImport });
  };

  const save = async (target: PolicyTarget) => {
    const built = await policy();
    if (typeof built === 'string') return setNote({ error: true, text: built });
    const file = policyFile(target, built);
    download(file.fileName, file.mimeType, policyFileBytes(file));
    setNote({ error: false, text: `${file.fileName}: ${file.install}` });
  };

  const row = (pack: PackInfo) => (
    <tr data-rollout-pack={pack.id}>
      <td>
        <strong>{pack.name}</strong> <code>{pack.id}</code>
      </td>
      <td>
        {pack.source === 'builtin' ? (
          <span class="muted">built in</span>
        ) : (
          <label>
            <input type="checkbox" class="rollout-ship" checked={shipped.has(pack.id)} onChange={(e) => setShipped(toggle(shipped, pack.id, (e.target as HTMLInputElement).checked))} />{' '}
            {pack.subscriptionUrl ? 'subscribe every agent' : 'ship in the policy'}
          </label>
        )}
      </td>
      <td>
        <label>
          <input type="checkbox" class="rollout-lock" checked={locked.has(pack.id)} onChange={(e) => setLocked(toggle(locked, pack.id, (e.target as HTMLInputElement).checked))} /> agents cannot
          switch it off
        </label>
      </td>
    </tr>
  );

  return (
    <section class="rollout" data-testid="rollout">
      <h2>Roll out to your team</h2>
      <p class="muted">
        For IT: choose the packs every agent gets, then download the enterprise policy for your browsers. The same files come from{' '}
        <code>npx cando policy</code>.
      </p>
      <table class="rollout-packs">
        <tbody>{state.packs.map(row)}</tbody>
      </table>
      <p>
        <label>
          <input type="checkbox" id="rollout-allow-import" checked={allowImport} onChange={(e) => setAllowImport((e.target as HTMLInputElement).checked)} /> Agents may import packs and
          subscribe to pack URLs themselves
        </label>
      </p>
      <p>
        {POLICY_TARGETS.map((target) => (
          <button type="button" class="rollout-download" data-target={target} onClick={() => void save(target)}>
            {TARGET_LABELS[target]}
          </button>
        ))}
      </p>
      {note ? (
        <p class={note.error ? 'error' : 'muted'} role="status" data-testid="rollout-note">
          {note.text}
        </p>
      ) : null}
    </section>
  );
}
