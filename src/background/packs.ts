// Which packs are installed, from which source, and which of their rules are on: a pure function of
// the built-in packs, the policy and the stored data, so the service worker can rebuild it after
// any restart.
import { canonicalRule, compilePack, describeExample, exampleTexts, packJson, validatePackShape, type CompiledPack } from '../engine';
import type { PackError, RuleSpec } from '../engine/types';
import type { PackInfo, PackSource, RuleChange, RuleInfo, RulePreview, SubscriptionInfo } from '../shared/protocol';
import type { StoredData, SubscriptionState } from '../shared/settings';
import type { Policy } from './policy';

export interface PackEntry {
  id: string;
  source: PackSource;
  spec: unknown;
  compiled: CompiledPack;
  updatedAt?: number;
  subscriptionUrl?: string;
}

export interface StoreView {
  /** Every usable pack, enabled or not, in precedence order. */
  entries: PackEntry[];
  enabledPacks: CompiledPack[];
  /** Effective switched-off rules (locked rules are never off). */
  disabledRules: string[];
  lockedRules: string[];
  lockedPacks: Set<string>;
  problems: string[];
}

/** `runExamples: false` for packs whose examples already passed (built in, or checked when stored). */
export type Compile = (spec: unknown, opts?: { runExamples?: boolean }) => ReturnType<typeof compilePack>;

/**
 * Compiles through a cache keyed by the pack's JSON: rebuilding the view after a change or a
 * restart compiles only packs it has not seen in this worker's life.
 */
export function cachedCompiler(): Compile {
  const cache = new Map<string, ReturnType<typeof compilePack>>();
  return (spec, { runExamples = true } = {}) => {
    const key = `${runExamples}:${JSON.stringify(spec)}`;
    let result = cache.get(key);
    if (!result) {
      result = compilePack(spec, { runExamples });
      cache.set(key, result);
    }
    return result;
  };
}

export const describeError = (e: PackError): string =>
  [e.rule ? `rule "${e.rule}"` : '', e.field ? `field "${e.field}"` : '', e.message].filter(Boolean).join(': ');

const SOURCE_LABEL: Record<PackSource, string> = {
  managed: 'the enterprise policy',
  builtin: 'CanDo (built in)',
  subscribed: 'a subscription',
  imported: 'an imported file',
};

type Candidate = Omit<PackEntry, 'compiled' | 'id'> & { examplesPassed: boolean };

/**
 * Candidates in precedence order: a later pack whose id is taken is reported, not used. Stored
 * packs passed their examples before they were stored and built-in ones in the test suite; a pack
 * written into the policy is checked here.
 */
function candidates(builtin: unknown[], policy: Policy, data: StoredData): Candidate[] {
  const subs = (managed: boolean) =>
    Object.values(data.subscriptions)
      .filter((s): s is SubscriptionState & { spec: unknown } => s.managed === managed && s.spec !== undefined)
      .map((s) => ({ source: (managed ? 'managed' : 'subscribed') as PackSource, spec: s.spec, updatedAt: s.lastGoodAt, subscriptionUrl: s.url, examplesPassed: true }));
  return [
    ...policy.inlinePacks.map((spec) => ({ source: 'managed' as const, spec, examplesPassed: false })),
    ...subs(true),
    ...builtin.map((spec) => ({ source: 'builtin' as const, spec, examplesPassed: true })),
    ...subs(false),
    ...Object.values(data.imported).map((p) => ({ source: 'imported' as const, spec: p.spec, updatedAt: p.installedAt, examplesPassed: true })),
  ];
}

export function buildView(builtin: unknown[], policy: Policy, data: StoredData, compile: Compile): StoreView {
  const problems = [...policy.problems];
  const entries: PackEntry[] = [];
  const taken = new Map<string, PackSource>();
  for (const { examplesPassed, ...candidate } of candidates(builtin, policy, data)) {
    const result = compile(candidate.spec, { runExamples: !examplesPassed });
    if (!result.ok) {
      const where = candidate.subscriptionUrl ?? SOURCE_LABEL[candidate.source];
      problems.push(`A pack from ${where} is not valid: ${result.errors.map(describeError).join('; ')}`);
      continue;
    }
    const id = result.pack.id;
    const owner = taken.get(id);
    if (owner) {
      problems.push(`Pack "${id}" from ${SOURCE_LABEL[candidate.source]} is not used: ${SOURCE_LABEL[owner]} has a pack with the same id.`);
      continue;
    }
    taken.set(id, candidate.source);
    entries.push({ ...candidate, id, compiled: result.pack });
  }
  const lockedPacks = new Set(policy.lockedPacks.filter((id) => taken.has(id)));
  const locked = new Set(policy.lockedRules);
  for (const e of entries) if (lockedPacks.has(e.id)) for (const r of e.compiled.rules) locked.add(r.fullId);
  const enabled = entries.filter((e) => lockedPacks.has(e.id) || !data.disabledPacks.includes(e.id));
  return {
    entries,
    enabledPacks: enabled.map((e) => e.compiled),
    disabledRules: data.disabledRules.filter((id) => !locked.has(id)),
    lockedRules: [...locked].sort(),
    lockedPacks,
    problems,
  };
}

/** The packs a team chose (every source but built-in): their rules win over built-in ones on the same words. */
export const teamPacks = (view: StoreView): string[] => view.entries.filter((e) => e.source !== 'builtin').map((e) => e.id);

export const hasRule = (view: StoreView, ruleId: string): boolean =>
  view.entries.some((e) => e.compiled.rules.some((r) => r.fullId === ruleId));

export function rulesPerCategory(pack: CompiledPack): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of pack.rules) counts[r.category] = (counts[r.category] ?? 0) + 1;
  return counts;
}

export function packInfos(view: StoreView, data: StoredData): PackInfo[] {
  return view.entries.map((e) => ({
    id: e.id,
    name: e.compiled.name,
    version: e.compiled.version,
    ...(e.compiled.description ? { description: e.compiled.description } : {}),
    source: e.source,
    enabled: view.lockedPacks.has(e.id) || !data.disabledPacks.includes(e.id),
    locked: view.lockedPacks.has(e.id),
    ...(e.updatedAt !== undefined ? { updatedAt: e.updatedAt } : {}),
    ...(e.subscriptionUrl ? { subscriptionUrl: e.subscriptionUrl } : {}),
    rulesPerCategory: rulesPerCategory(e.compiled),
  }));
}

export function ruleInfos(view: StoreView): RuleInfo[] {
  const locked = new Set(view.lockedRules);
  const off = new Set(view.disabledRules);
  return view.entries.flatMap((e) =>
    e.compiled.rules.map((r) => ({
      ruleId: r.fullId,
      packId: e.id,
      category: r.category,
      ...(r.categoryStyle ? { categoryStyle: r.categoryStyle } : {}),
      severity: r.severity,
      ...exampleTexts(r),
      examples: { flag: r.examples.flag.map(describeExample), pass: r.examples.pass.map(describeExample) },
      enabled: locked.has(r.fullId) || !off.has(r.fullId),
      locked: locked.has(r.fullId),
    })),
  );
}

/** The subscriptions as the options page shows them; `nextTry` tells when each is asked for next. */
export function subscriptionInfos(data: StoredData, compile: Compile, nextTry: (s: SubscriptionState) => number | undefined): SubscriptionInfo[] {
  return Object.values(data.subscriptions).map((s) => {
    const result = s.spec !== undefined ? compile(s.spec, { runExamples: false }) : undefined;
    const nextTryAt = nextTry(s);
    return {
      url: s.url,
      managed: s.managed,
      ...(result?.ok ? { packId: result.pack.id, version: result.pack.version } : {}),
      ...(s.lastGoodAt !== undefined ? { lastGoodAt: s.lastGoodAt } : {}),
      ...(s.lastCheckedAt !== undefined ? { lastCheckedAt: s.lastCheckedAt } : {}),
      ...(s.lastSuccessAt !== undefined ? { lastSuccessAt: s.lastSuccessAt } : {}),
      ...(s.lastOutcome ? { lastOutcome: s.lastOutcome } : {}),
      ...(s.lastError ? { lastError: s.lastError } : {}),
      ...(nextTryAt !== undefined ? { nextTryAt } : {}),
    };
  });
}

export const rulePreviews = (pack: CompiledPack): RulePreview[] =>
  pack.rules.map((r) => ({ id: r.id, category: r.category, severity: r.severity, message: exampleTexts(r).message, examples: { flag: r.examples.flag.map(describeExample), pass: r.examples.pass.map(describeExample) } }));

/** The rules of a stored or parsed pack as validated (defaults filled in), or none if it is not a valid pack. */
const validRules = (spec: unknown): RuleSpec[] => {
  const shape = validatePackShape(spec, '(pack)');
  return shape.ok ? shape.spec.rules : [];
};

/** A stored pack as a file: validated (defaults filled in) and in the schema's key order, whatever order storage gave its keys. */
export function exportJson(spec: unknown): string {
  const shape = validatePackShape(spec, '(pack)');
  return shape.ok ? packJson(shape.spec) : `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * Rules added, changed (any field of the rule, as parsed) and removed between two pack specs.
 * Rules are compared in one key order: storage may return a pack's keys sorted.
 */
export function ruleChanges(oldSpec: unknown, newSpec: unknown): RuleChange {
  const byId = (spec: unknown) => new Map(validRules(spec).map((r) => [r.id, JSON.stringify(canonicalRule(r))]));
  const before = byId(oldSpec);
  const after = byId(newSpec);
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    changed: [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
  };
}
