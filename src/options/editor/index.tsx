// The pack editor: a form for a pack and its rules, whose examples pass or fail as the lead types,
// a box to try the rules on a reply, and Save (the same import the file picker uses, so only a pack
// the import accepts is saved), Export and Copy policy entry.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Analyzer, type CompiledPack } from '../../engine';
import { SEVERITIES, type Finding, type PackError } from '../../engine/types';
import type { OptionsState } from '../../shared/protocol';
import { CORE_CATEGORY_STYLES, SEVERITY_LABEL } from '../../shared/categories';
import { download, send } from '../api';
import { ErrorList, TryFindings, Underlined } from '../shared';
import {
  CHECK_NAMES, checkDraft, contextExampleLines, contextExamples, emptyCategory, emptyRule, isSeverity, MATCHER_KINDS, packLevelErrors, packSpec, PLACES, policyEntry,
  type CategoryDraft, type ContextExampleDraft, type DraftCheck, type ExampleResult, type MatcherKind, type PackDraft, type Place, type RuleCheck, type RuleDraft,
} from './draft';

/** How long typing rests before the pack is checked again. */
const CHECK_AFTER_MS = 150;

const fileText = (spec: Record<string, unknown>) => `${JSON.stringify(spec, null, 2)}\n`;

type Field<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

function TextField<T>(props: { label: string; value: T; field: Field<T>; onChange: (field: Field<T>, value: string) => void; multiline?: boolean; rows?: number; hint?: string; class?: string; placeholder?: string }) {
  const value = props.value[props.field] as unknown as string;
  const onInput = (e: Event) => props.onChange(props.field, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
  return (
    <label class={`field ${props.class ?? ''}`}>
      <span class="label">{props.label}</span>
      {props.multiline ? (
        <textarea name={String(props.field)} rows={props.rows ?? 2} value={value} placeholder={props.placeholder} onInput={onInput} />
      ) : (
        <input name={String(props.field)} value={value} placeholder={props.placeholder} onInput={onInput} />
      )}
      {props.hint ? <span class="hint">{props.hint}</span> : null}
    </label>
  );
}

function ExampleResults({ kind, results }: { kind: 'flag' | 'pass'; results: ExampleResult[] }) {
  if (!results.length) return null;
  return (
    <ul class="example-results" data-kind={kind}>
      {results.map((r) => (
        <li class={`example ${r.ok ? 'ok' : 'fail'}`} data-ok={String(r.ok)}>
          <span class="mark" aria-hidden="true">{r.ok ? '✓' : '✗'}</span> <q>{r.text}</q>
          <span class="verdict">
            {kind === 'flag' ? (r.ok ? ' flagged' : ' not flagged: the rule misses it') : r.ok ? ' not flagged' : ` flagged at “${r.flagged ?? ''}”: the rule should leave it`}
          </span>
        </li>
      ))}
    </ul>
  );
}

const PLACE_LABELS: Record<Place, string> = { '': 'Anywhere in the draft', opening: 'Only its opening sentence', closing: 'Only its closing sentence' };

/**
 * A context rule's own fields: the condition on the customer's message (a rule kind, with its
 * exceptions), words in the draft that mean it already does what the rule asks, where in the draft
 * it looks, and a named check. Choosing no condition makes it an ordinary rule.
 */
function ContextFields({ rule, set }: { rule: RuleDraft; set: (field: keyof RuleDraft, value: string) => void }) {
  const kind: MatcherKind | undefined = MATCHER_KINDS.find((k) => k.field === rule.customerKind);
  const checks = rule.check && !CHECK_NAMES.includes(rule.check) ? [...CHECK_NAMES, rule.check] : CHECK_NAMES;
  return (
    <fieldset class="context-fields" data-context={kind ? 'on' : 'off'}>
      <legend>The customer’s message</legend>
      <label class="field">
        <span class="label">Run this rule</span>
        <select name="customerKind" value={rule.customerKind} onChange={(e) => set('customerKind', (e.target as HTMLSelectElement).value)}>
          <option value="">On every draft (it does not read the customer’s message)</option>
          {MATCHER_KINDS.map((k) => (
            <option value={k.field}>Only when the customer’s message matches: {k.label}</option>
          ))}
        </select>
        <span class="hint">A context rule reads the customer’s latest message on the ticket page (it never leaves the computer); without one it stays silent.</span>
      </label>
      {kind ? (
        <>
          <TextField label={`Customer’s message: ${kind.label}`} value={rule} field="customerMatcher" onChange={set} multiline={kind.input !== 'text'} rows={2} hint={kind.hint} />
          <TextField label="Unless the customer’s message has (one a line)" value={rule} field="customerUnless" onChange={set} multiline rows={1} />
          <TextField label="Unless the draft already has (one a line)" value={rule} field="unlessDraft" onChange={set} multiline rows={1} hint="Words or patterns anywhere in the draft (outside quotes) that mean it already does what the rule asks." />
          <div class="matcher">
            <label class="field">
              <span class="label">Where in the draft</span>
              <select name="at" value={rule.at} onChange={(e) => set('at', (e.target as HTMLSelectElement).value)}>
                {PLACES.map((p) => (
                  <option value={p}>{PLACE_LABELS[p]}</option>
                ))}
              </select>
            </label>
            <label class="field">
              <span class="label">Check against the customer’s message</span>
              <select name="check" value={rule.check} onChange={(e) => set('check', (e.target as HTMLSelectElement).value)}>
                <option value="">None</option>
                {checks.map((c) => (
                  <option value={c}>{c}</option>
                ))}
              </select>
            </label>
          </div>
        </>
      ) : null}
    </fieldset>
  );
}

/** A context rule's examples, each the customer's message (and name) with the reply to it. */
function ContextExamplesField(props: { kind: 'flag' | 'pass'; value: string; onChange: (text: string) => void }) {
  const examples = contextExamples(props.value);
  const update = (next: ContextExampleDraft[]) => props.onChange(contextExampleLines(next));
  const edit = (i: number, field: keyof ContextExampleDraft, value: string) => update(examples.map((e, j) => (j === i ? { ...e, [field]: value } : e)));
  return (
    <div class="context-examples" data-kind={props.kind}>
      <span class="label">{props.kind === 'flag' ? 'Should be flagged' : 'Should pass'}: the customer’s message and the reply</span>
      {examples.map((e, i) => (
        <div class="context-example">
          <label class="field">
            <span class="label">Customer’s message</span>
            <textarea name="customer" rows={2} value={e.customer} onInput={(ev) => edit(i, 'customer', (ev.target as HTMLTextAreaElement).value)} />
          </label>
          <label class="field">
            <span class="label">Customer’s name (optional)</span>
            <input name="customerName" value={e.customerName} onInput={(ev) => edit(i, 'customerName', (ev.target as HTMLInputElement).value)} />
          </label>
          <label class="field">
            <span class="label">Reply</span>
            <textarea name="text" rows={2} value={e.text} onInput={(ev) => edit(i, 'text', (ev.target as HTMLTextAreaElement).value)} />
          </label>
          <button type="button" class="remove-example" onClick={() => update(examples.filter((_, j) => j !== i))}>
            Remove example
          </button>
        </div>
      ))}
      <button type="button" class="add-example" onClick={() => update([...examples, { customer: '', customerName: '', text: '' }])}>
        Add an example
      </button>
    </div>
  );
}

function RuleForm(props: { rule: RuleDraft; check: RuleCheck | undefined; categories: CategoryDraft[]; onChange: (rule: RuleDraft) => void; onRemove?: () => void }) {
  const { rule, check } = props;
  const set = (field: keyof RuleDraft, value: string) => props.onChange({ ...rule, [field]: value });
  const kind = MATCHER_KINDS.find((k) => k.field === rule.kind) ?? MATCHER_KINDS[0];
  const declared = props.categories.filter((c) => c.id.trim());
  const known = CORE_CATEGORY_STYLES.some(([id]) => id === rule.category) || declared.some((c) => c.id.trim() === rule.category);
  const failing = check ? [...check.flag, ...check.pass].filter((r) => !r.ok).length : 0;
  return (
    <article class="rule-form" data-rule={rule.id} data-failing={failing}>
      <div class="rule-form-head">
        <TextField label="Rule id" value={rule} field="id" onChange={set} class="id" placeholder="per-my-last-email" />
        <label class="field">
          <span class="label">Category</span>
          <select name="category" value={rule.category} onChange={(e) => set('category', (e.target as HTMLSelectElement).value)}>
            {CORE_CATEGORY_STYLES.map(([id, s]) => (
              <option value={id}>{s.label}</option>
            ))}
            {declared.map((c) => (
              <option value={c.id.trim()}>{c.label.trim() || c.id.trim()}</option>
            ))}
            {known ? null : <option value={rule.category}>{rule.category} (not declared)</option>}
          </select>
        </label>
        <label class="field">
          <span class="label">Severity</span>
          <select
            name="severity"
            value={rule.severity}
            onChange={(e) => {
              const severity = (e.target as HTMLSelectElement).value;
              if (isSeverity(severity)) props.onChange({ ...rule, severity, severityWritten: true });
            }}
          >
            {SEVERITIES.map((s) => (
              <option value={s}>{SEVERITY_LABEL[s].toLowerCase() === s ? SEVERITY_LABEL[s] : `${SEVERITY_LABEL[s]} (${s})`}</option>
            ))}
          </select>
        </label>
        {props.onRemove ? (
          <button type="button" class="remove-rule" onClick={props.onRemove}>
            Remove rule
          </button>
        ) : null}
      </div>
      <div class="matcher">
        <label class="field">
          <span class="label">Matches</span>
          <select name="kind" value={rule.kind} onChange={(e) => set('kind', (e.target as HTMLSelectElement).value)}>
            {MATCHER_KINDS.map((k) => (
              <option value={k.field}>{k.label}</option>
            ))}
          </select>
        </label>
        <TextField label={kind.label} value={rule} field="matcher" onChange={set} multiline={kind.input !== 'text'} rows={3} hint={kind.hint} class="grow" />
      </div>
      <TextField label="Unless (exceptions, one a line)" value={rule} field="unless" onChange={set} multiline rows={1} hint="Words or patterns that, where they overlap a match, cancel it." />
      <TextField label="Message (the card’s headline)" value={rule} field="message" onChange={set} placeholder="Lead with what you can do." />
      <TextField label="Explanation (the card’s why)" value={rule} field="explanation" onChange={set} multiline rows={2} />
      <TextField label="Suggestions (one a line)" value={rule} field="suggestions" onChange={set} multiline rows={2} hint="Replacements for the flagged words; $1 or $<name> insert what the pattern captured." />
      <ContextFields rule={rule} set={set} />
      <div class="examples-grid">
        {(['flag', 'pass'] as const).map((which) => (
          <div>
            {rule.customerKind ? (
              <ContextExamplesField kind={which} value={rule[which]} onChange={(text) => set(which, text)} />
            ) : (
              <TextField label={which === 'flag' ? 'Should be flagged (one example a line)' : 'Should pass (one example a line)'} value={rule} field={which} onChange={set} multiline rows={3} />
            )}
            <ExampleResults kind={which} results={check?.[which] ?? []} />
          </div>
        ))}
      </div>
      {check?.errors.length ? <ErrorList errors={check.errors} source={rule.id} /> : null}
    </article>
  );
}

function CategoriesForm(props: { categories: CategoryDraft[]; onChange: (categories: CategoryDraft[]) => void }) {
  const update = (key: number, over: Partial<CategoryDraft>) => props.onChange(props.categories.map((c) => (c.key === key ? { ...c, ...over } : c)));
  return (
    <section class="categories-form">
      <h3>This pack’s own categories</h3>
      <p class="hint">CanDo’s categories (Can’t, Blame, Capable customer, Apology, Policy) are always there. Add your own with the name and underline colour agents will see.</p>
      {props.categories.map((c) => (
        <div class="category-row" data-category={c.id}>
          <label class="field id">
            <span class="label">Id</span>
            <input name="category-id" value={c.id} placeholder="billing" onInput={(e) => update(c.key, { id: (e.target as HTMLInputElement).value })} />
          </label>
          <label class="field grow">
            <span class="label">Label</span>
            <input name="category-label" value={c.label} placeholder="Billing" onInput={(e) => update(c.key, { label: (e.target as HTMLInputElement).value })} />
          </label>
          <label class="field">
            <span class="label">Colour</span>
            <input type="color" name="category-colour" value={c.colour} onInput={(e) => update(c.key, { colour: (e.target as HTMLInputElement).value })} />
          </label>
          <span class="swatch-sample" style={{ textDecorationColor: c.colour }}>
            {c.label || 'sample'}
          </span>
          <button type="button" class="remove-category" onClick={() => props.onChange(props.categories.filter((x) => x.key !== c.key))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" id="add-category" onClick={() => props.onChange([...props.categories, emptyCategory()])}>
        Add a category
      </button>
    </section>
  );
}

/** The draft's rules that compile, for trying them on text while others are still being written. */
function tryPack(check: DraftCheck): CompiledPack {
  if (check.pack.ok) return check.pack.compiled;
  return { id: 'draft', name: 'Draft', version: '0.0.0', language: 'en', rules: check.rules.flatMap((r) => (r.compiled ? [r.compiled] : [])) };
}

function TryDraft({ check }: { check: DraftCheck }) {
  const [text, setText] = useState('');
  const analyzer = useMemo(() => new Analyzer([tryPack(check)]), [check]);
  const findings: Finding[] = text.trim() ? analyzer.analyze(text) : [];
  return (
    <section class="try-it">
      <h3>Try this pack on a reply</h3>
      <textarea id="editor-try-text" rows={3} placeholder="Type or paste a reply to see what these rules flag." value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <Underlined text={text} findings={findings} />
      <TryFindings findings={findings} />
    </section>
  );
}

export function PackEditor(props: { initial: PackDraft; state: OptionsState; installed: boolean; onClose: () => void }) {
  const [draft, setDraft] = useState(props.initial);
  const takenIds = useMemo(() => new Set(props.state.packs.filter((p) => p.source !== 'imported').map((p) => p.id)), [props.state.packs]);
  const [check, setCheck] = useState(() => checkDraft(props.initial, takenIds));
  const [status, setStatus] = useState('');
  const [saveErrors, setSaveErrors] = useState<PackError[]>([]);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setCheck(checkDraft(draft, takenIds)), CHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [draft, takenIds]);

  const change = (next: PackDraft) => {
    setDraft(next);
    setDirty(true);
    setStatus('');
    setSaveErrors([]);
  };
  const setField = (field: Field<PackDraft>, value: string) => change({ ...draft, [field]: value });
  const setRule = (rule: RuleDraft) => change({ ...draft, rules: draft.rules.map((r) => (r.key === rule.key ? rule : r)) });
  // The form is checked a moment after typing stops; these act on the form as it is now.
  const current = () => checkDraft(draft, takenIds);

  const save = async () => {
    const now = current();
    setCheck(now);
    if (!now.pack.ok) return;
    const reply = await send({ type: 'pack-import', json: fileText(packSpec(draft)) });
    if (reply.type === 'ok') {
      setDirty(false);
      setStatus(`Saved ${draft.name.trim()} ${draft.version.trim()}: its rules are on in every help desk now.`);
    } else setSaveErrors(reply.type === 'refused' ? reply.errors : [{ pack: draft.id, message: reply.message }]);
  };
  const exportJson = () => {
    const spec = packSpec(draft);
    download(`${String(spec.id)}-${String(spec.version)}.json`, 'application/json', fileText(spec));
  };
  const copyPolicy = async () => {
    const entry = policyEntry(packSpec(draft));
    try {
      await navigator.clipboard.writeText(entry);
      setStatus('Copied the policy entry: add it to the "packs" list of CanDo’s policy.');
    } catch {
      setStatus('The browser did not allow copying; export the pack instead.');
    }
  };

  const problems = check.pack.ok ? [] : check.pack.errors;
  const top = packLevelErrors(check);
  const valid = check.pack.ok;
  const canSave = valid && props.state.allowImport;
  return (
    <section class="editor" data-testid="pack-editor" data-valid={String(valid)}>
      <div class="editor-bar">
        <h2>{props.installed ? `Edit ${props.initial.name}` : 'New pack'}</h2>
        <span class={`editor-status ${valid ? 'ok' : 'error'}`} role="status" id="editor-status">
          {status || (valid ? 'Every example passes: ready to save.' : `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before it can be saved.`)}
        </span>
        <button type="button" class="primary" id="editor-save" disabled={!canSave} onClick={save}>
          Save
        </button>
        <button type="button" id="editor-export" disabled={!valid} onClick={exportJson}>
          Export JSON
        </button>
        <button type="button" id="editor-copy-policy" disabled={!valid} onClick={copyPolicy}>
          Copy policy entry
        </button>
        <button type="button" id="editor-close" onClick={props.onClose}>
          {dirty ? 'Close without saving' : 'Close'}
        </button>
      </div>
      {!props.state.allowImport ? <p class="muted">Your organisation has turned off adding packs here: export the pack or copy its policy entry for IT.</p> : null}
      {saveErrors.length ? <ErrorList errors={saveErrors} source={draft.id} /> : null}
      {top.length ? <ErrorList errors={top} source={draft.id} /> : null}
      <div class="pack-fields">
        <TextField label="Name" value={draft} field="name" onChange={setField} placeholder="Acme support tone" class="grow" />
        <TextField label="Id" value={draft} field="id" onChange={setField} placeholder="acme-tone" hint="Lower case, digits and - _ ." />
        <TextField label="Version" value={draft} field="version" onChange={setField} placeholder="1.0.0" class="short" />
        <TextField label="Language" value={draft} field="language" onChange={setField} placeholder="en" class="short" />
      </div>
      <TextField label="Description" value={draft} field="description" onChange={setField} multiline rows={2} />
      <CategoriesForm categories={draft.categories} onChange={(categories) => change({ ...draft, categories })} />
      <h3>Rules</h3>
      {draft.rules.map((rule) => (
        <RuleForm
          key={rule.key}
          rule={rule}
          check={check.rules.find((r) => r.key === rule.key)}
          categories={draft.categories}
          onChange={setRule}
          onRemove={draft.rules.length > 1 ? () => change({ ...draft, rules: draft.rules.filter((r) => r.key !== rule.key) }) : undefined}
        />
      ))}
      <button type="button" id="add-rule" onClick={() => change({ ...draft, rules: [...draft.rules, emptyRule({ category: draft.rules[draft.rules.length - 1]?.category ?? 'cant' })] })}>
        Add a rule
      </button>
      <TryDraft check={check} />
    </section>
  );
}
