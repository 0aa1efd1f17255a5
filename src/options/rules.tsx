// Rules: every installed rule with its examples and a switch; a "try it" box that runs the active
// packs on typed text (the same background analysis the help-desk pages get) and underlines the findings.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Finding } from '../engine/types';
import type { OptionsState, RuleInfo } from '../shared/protocol';
import { categoryStyle } from '../shared/categories';
import { send } from './api';

function RuleRow({ rule }: { rule: RuleInfo }) {
  const [message, setMessage] = useState('');
  const toggle = async (enabled: boolean) => {
    const reply = await send({ type: 'rule-set-enabled', ruleId: rule.ruleId, enabled });
    setMessage(reply.type === 'error' ? reply.message : '');
  };
  return (
    <li class={`rule severity-${rule.severity}`} data-rule={rule.ruleId}>
      <label class={rule.locked ? 'locked' : ''}>
        <input type="checkbox" class="rule-enabled" checked={rule.enabled} disabled={rule.locked} onChange={(e) => toggle((e.target as HTMLInputElement).checked)} />
        <span class={`category cat-${rule.category}`}>{rule.category}</span> <strong>{rule.message}</strong>
        {rule.locked ? <span class="lock-label"> Locked by your organisation</span> : null}
      </label>
      <div class="muted">
        <code>{rule.ruleId}</code> — {rule.explanation}
      </div>
      <div class="examples">
        Flags: {rule.examples.flag.map((t) => <q class="flag">{t}</q>)} · Passes: {rule.examples.pass.map((t) => <q class="pass">{t}</q>)}
      </div>
      {message ? <div class="error">{message}</div> : null}
    </li>
  );
}

/** The text cut at the findings, each underlined in its category's overlay colour (overlapping ones: the first wins). */
function Underlined({ text, findings }: { text: string; findings: Finding[] }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark
        class={`finding cat-${f.category}`}
        style={{ textDecorationColor: categoryStyle(f.category).colour }}
        data-rule={f.ruleId}
        title={`${f.message}${f.suggestions.length ? ` → ${f.suggestions[0]}` : ''}`}
      >
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return <div class="try-output" data-testid="try-output">{parts}</div>;
}

function TryIt({ rulesVersion }: { rulesVersion: unknown }) {
  const [text, setText] = useState('');
  const [findings, setFindings] = useState<Finding[]>([]);
  const version = useRef(0);
  useEffect(() => {
    const v = ++version.current;
    const timer = setTimeout(async () => {
      const reply = await send({ type: 'analyze', text, skip: [] });
      // A failed request keeps the last underlines; the next keystroke asks again. A later keystroke's answer wins.
      if (reply.type === 'findings' && v === version.current) setFindings(reply.findings);
    }, 200);
    return () => clearTimeout(timer);
  }, [text, rulesVersion]);
  return (
    <section class="try-it">
      <h2>Try it</h2>
      <textarea id="try-text" rows={4} placeholder="Type a reply to see what CanDo would point out." value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <Underlined text={text} findings={findings} />
      <ul class="try-findings">
        {findings.map((f) => (
          <li>
            <q>{f.text}</q>: {f.message}
            {f.suggestions.length ? ` Try “${f.suggestions[0]}”.` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RulesTab({ state }: { state: OptionsState }) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = q
    ? state.rules.filter((r) => [r.ruleId, r.category, r.message, r.explanation, ...r.examples.flag, ...r.examples.pass].some((s) => s.toLowerCase().includes(q)))
    : state.rules;
  return (
    <div>
      <TryIt rulesVersion={state.rules} />
      <h2>Rules</h2>
      <input type="search" id="rule-search" placeholder="Search rules" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      <p class="muted">
        {shown.length} of {state.rules.length} rules
      </p>
      <ul class="rules">
        {shown.map((r) => (
          <RuleRow key={r.ruleId} rule={r} />
        ))}
      </ul>
    </div>
  );
}
