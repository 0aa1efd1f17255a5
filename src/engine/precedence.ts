// Which pack's rule is shown where several flag the same words, seen from one pack's examples:
// the check behind `cando pack test --with-builtins` and the options page's import preview. A
// team's pack wins over the built-in packs (Analyzer's preferredPacks); another team pack active
// beside it can still take an example's words (same span, more severe or listed first).
import { Analyzer } from './analyzer';
import type { CompiledPack } from './compile';
import { exampleText, type Finding, type OverriddenBuiltin, type ShadowedExample, type TextRange } from './types';

export interface ActivePack {
  pack: CompiledPack;
  builtin: boolean;
}

const overlaps = (a: TextRange, b: TextRange) => a.start < b.end && b.start < a.end;

export function exampleContest(pack: CompiledPack, others: readonly ActivePack[]): { shadowed: ShadowedExample[]; overrides: OverriddenBuiltin[] } {
  const active = others.filter((o) => o.pack.id !== pack.id);
  const preferred = [pack.id, ...active.filter((o) => !o.builtin).map((o) => o.pack.id)];
  const together = new Analyzer([...active.map((o) => o.pack), pack], { preferredPacks: preferred });
  const builtinsOnly = new Analyzer(active.filter((o) => o.builtin).map((o) => o.pack));
  const packOf = new Map(active.map((o) => [o.pack.id, o.pack.name]));
  const shadowed: ShadowedExample[] = [];
  const overrides: OverriddenBuiltin[] = [];
  for (const rule of pack.rules) {
    const alone = new Analyzer([{ ...pack, rules: [rule] }]);
    for (const flagged of rule.examples.flag) {
      // A context rule's example is read against its customer message, as the extension reads it.
      const example = exampleText(flagged);
      const opts = typeof flagged === 'string' ? {} : { customer: { text: flagged.customer, ...(flagged.customerName && { name: flagged.customerName }) } };
      const own = alone.analyze(example, opts);
      const shown = together.analyze(example, opts);
      const taken = own
        .filter((f) => !shown.some((s) => s.ruleId === rule.fullId && overlaps(s, f)))
        .map((f) => shown.find((s: Finding) => overlaps(s, f) && s.ruleId.split('/')[0] !== pack.id))
        .find((s) => s !== undefined);
      if (taken) shadowed.push({ ruleId: rule.fullId, example, by: taken.ruleId, byPack: packOf.get(taken.ruleId.split('/')[0]) ?? taken.ruleId.split('/')[0] });
      const beaten = builtinsOnly.analyze(example, opts).find((b) => own.some((f) => overlaps(b, f)));
      if (beaten && !taken) overrides.push({ ruleId: rule.fullId, example, over: beaten.ruleId });
    }
  }
  return { shadowed, overrides };
}
