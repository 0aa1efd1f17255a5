// Pieces the options page's tabs and the pack editor share: pack errors, a text underlined at its
// findings the way the help-desk overlay draws them, and categories by their labels.
import type { CategoryStyle, Finding, PackError } from '../engine/types';
import type { OptionsState } from '../shared/protocol';
import { categoryStyle } from '../shared/categories';

export function ErrorList({ errors, source }: { errors: PackError[]; source: string }) {
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

/** The text cut at the findings, each underlined in its category's colour and its severity's style (overlapping ones: the first wins). */
export function Underlined({ text, findings }: { text: string; findings: Finding[] }) {
  const parts: preact.ComponentChildren[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark
        class={`finding ${f.severity}`}
        style={{ textDecorationColor: categoryStyle(f.category, f.categoryStyle).colour }}
        data-rule={f.ruleId}
        data-category={f.category}
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

/** What "Try it" found: the flagged words, the message and the first suggestion, one line each. */
export function TryFindings({ findings }: { findings: Finding[] }) {
  return (
    <ul class="try-findings">
      {findings.map((f) => (
        <li>
          <q>{f.text}</q>: {f.message}
          {f.suggestions.length ? ` Try “${f.suggestions[0]}”.` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Each category's label and colour as the installed packs declare them (a pack's own category is "Other" until it declares one). */
export function categoryStyles(state: OptionsState): (category: string) => CategoryStyle {
  const declared = new Map<string, CategoryStyle>();
  for (const r of state.rules) if (r.categoryStyle) declared.set(r.category, r.categoryStyle);
  return (category) => categoryStyle(category, declared.get(category));
}

/** A category's name as a small coloured tag. */
export function CategoryTag({ style, id }: { style: CategoryStyle; id: string }) {
  return (
    <span class="category" data-category={id} style={{ '--colour': style.colour }}>
      {style.label}
    </span>
  );
}

/** "Can't 3 · Blame 2": rule counts by category label. */
export function categoryCounts(counts: Record<string, number>, styleOf: (category: string) => CategoryStyle): string {
  const byLabel = new Map<string, number>();
  for (const [category, n] of Object.entries(counts)) byLabel.set(styleOf(category).label, (byLabel.get(styleOf(category).label) ?? 0) + n);
  return [...byLabel]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, n]) => `${label} ${n}`)
    .join(' · ');
}
