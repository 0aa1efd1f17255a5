// Rules: every installed rule with its examples and a switch, under one heading per category; a
// "try it" box that runs the active packs on typed text (the same background analysis the help-desk
// pages get) and underlines the findings.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Finding } from '../engine/types';
import type { OptionsState, RuleInfo } from '../shared/protocol';
import { SEVERITY_LABEL } from '../shared/categories';
import { send } from './api';
import { categoryStyles, TryFindings, Underlined } from './shared';

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
        <strong>{rule.message}</strong>
        <span class={`severity ${rule.severity}`}>{SEVERITY_LABEL[rule.severity as keyof typeof SEVERITY_LABEL] ?? rule.severity}</span>
        {rule.locked ? <span class="lock-label"> Locked by your organisation</span> : null}
      </label>
      <div class="muted">
        {rule.explanation} <code>{rule.ruleId}</code>
      </div>
      <div class="examples">
        Flags: {rule.examples.flag.map((t) => <q class="flag">{t}</q>)} · Passes: {rule.examples.pass.map((t) => <q class="pass">{t}</q>)}
      </div>
      {message ? <div class="error">{message}</div> : null}
    </li>
  );
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
      <TryFindings findings={findings} />
    </section>
  );
}

export function RulesTab({ state }: { state: OptionsState }) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const shown = q
    ? state.rules.filter((r) => [r.ruleId, r.category, categoryStyles(state)(r.category).label, r.message, r.explanation, ...r.examples.flag, ...r.examples.pass].some((s) => s.toLowerCase().includes(q)))
    : state.rules;
  const styleOf = categoryStyles(state);
  // One heading per category (by label: a pack's undeclared categories share "Other"), CanDo's own first.
  const groups = new Map<string, RuleInfo[]>();
  for (const r of shown) {
    const key = styleOf(r.category).label;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return (
    <div>
      <TryIt rulesVersion={state.rules} />
      <h2>Rules</h2>
      <input type="search" id="rule-search" placeholder="Search rules" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      <p class="muted">
        {shown.length} of {state.rules.length} rules
      </p>
      {[...groups].map(([label, rules]) => (
        <section class="rule-group" data-category={rules[0].category}>
          <h3 style={{ '--colour': styleOf(rules[0].category).colour }}>
            {label} <span class="muted">{rules.length}</span>
          </h3>
          <ul class="rules">
            {rules.map((r) => (
              <RuleRow key={r.ruleId} rule={r} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
