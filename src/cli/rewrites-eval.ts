// `cando eval --rewrites FILE...`: what a click on CanDo's card does to a sentence, measured on a
// judged set (test/rewrites/*.jsonl: sentences, each with the rewrites a careful agent would send).
// For every finding, its first fix (rewrites[0], or with --suggestions the first span suggestion, as
// the card applied before sentence rewrites) is applied and judged by the gate: (a) the new
// sentence is not flagged by any active rule, (b) it has no mechanical defect, (c) harper.js finds
// no grammar problem the original did not have. Then the agent's clicks are played through (the
// first finding with a fix, again and again) and the result compared with the judged rewrites.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer, Finding } from '../engine';
import { hasGap } from '../engine/rewrite/gaps';
import { mechanicalDefects } from '../engine/rewrite/mechanics';
import { sentencesAround } from '../engine/segment';

export interface JudgedSentence {
  id: string;
  style?: string;
  text: string;
  /** Rewrites a careful agent would send (gaps in brackets, any wording inside); null: not judged (a look-alike that should stay clean, or no fix is right). */
  good: string[] | null;
}

export type FixSource = 'rewrites' | 'suggestions';

/** One applied fix: the sentence(s) it changed, before and after. */
export interface AppliedFix {
  id: string;
  ruleId: string;
  before: string;
  after: string;
  reflagged: string[];
  defects: string[];
  grammar?: string[];
}

export interface RewriteReport {
  sentences: number;
  findings: number;
  withFix: number;
  passing: number;
  withoutGap: number;
  reflagged: number;
  defective: number;
  /** null when harper.js could not run (then the gate's (c) is not measured). */
  grammar: number | null;
  judged: number;
  matching: number;
  fixes: AppliedFix[];
  mismatches: { id: string; text: string; result: string; good: string[] }[];
}

export function readJudgedSet(file: string): JudgedSentence[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const row = JSON.parse(line) as JudgedSentence;
      if (typeof row.text !== 'string' || !(row.good === null || Array.isArray(row.good))) throw new Error(`${file}:${i + 1}: expected {"id", "text", "good"}`);
      return row;
    });
}

const ruleFindings = (findings: Finding[]) => findings.filter((f) => f.category !== 'gap');

/** The first fix the card offers for `finding`, as a replacement of a range of the text. */
export function firstFix(finding: Finding, source: FixSource): { start: number; end: number; text: string } | null {
  if (source === 'rewrites') return finding.rewrites?.[0] ?? null;
  return finding.suggestions.length ? { start: finding.start, end: finding.end, text: finding.suggestions[0] } : null;
}

export const applyFix = (text: string, fix: { start: number; end: number; text: string }) => `${text.slice(0, fix.start)}${fix.text}${text.slice(fix.end)}`;

/** Applies `fix` to `text` and judges the changed sentence with the gate's (a) and (b). */
export function judgeFix(analyzer: Analyzer, text: string, fix: { start: number; end: number; text: string }) {
  const around = sentencesAround(text, fix.start, fix.end);
  const after = applyFix(text, fix);
  const newEnd = around.end + fix.text.length - (fix.end - fix.start);
  const before = text.slice(around.start, around.end);
  const changed = after.slice(around.start, newEnd);
  const reflagged = ruleFindings(analyzer.analyze(after))
    .filter((f) => f.start < newEnd && around.start < f.end)
    .map((f) => `${f.ruleId} "${f.text}"`);
  return { before, after: changed, whole: after, reflagged, defects: mechanicalDefects(before, changed) };
}

/** The text after the agent clicks the first fix of the first finding that has one, until none is left. */
export function clickThrough(analyzer: Analyzer, text: string, source: FixSource, maxClicks = 8): string {
  let current = text;
  for (let i = 0; i < maxClicks; i++) {
    const fix = ruleFindings(analyzer.analyze(current)).map((f) => firstFix(f, source)).find((x) => x !== null);
    if (!fix) break;
    current = applyFix(current, fix);
  }
  return current;
}

/**
 * Compares a rewrite with a judged one: same words and case, whatever the gap says, apostrophes,
 * spacing and the case of the very first letter aside (a rewrite starts its sentence with a capital
 * even in a reply written in lower case).
 */
export function normalizeForJudging(text: string): string {
  const first = text.search(/\p{L}/u);
  return (first < 0 ? text : `${text.slice(0, first)}${text[first].toUpperCase()}${text.slice(first + 1)}`)
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/[\u2019\u2018]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** New grammar lints for each pair, from harper.js in a child process; null if it cannot run. */
export function grammarJudge(root: string, pairs: { before: string; after: string }[]): string[][] | null {
  const script = join(root, 'scripts', 'grammar-judge.mjs');
  if (!existsSync(script) || pairs.length === 0) return pairs.length ? null : [];
  try {
    const out = execFileSync(process.execPath, [script], { input: JSON.stringify(pairs), maxBuffer: 64 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
    return (JSON.parse(out.toString('utf8')) as { kind: string; words: string; message: string }[][]).map((lints) => lints.map((l) => `${l.kind} "${l.words}": ${l.message}`));
  } catch {
    return null;
  }
}

export function evaluateRewrites(analyzer: Analyzer, set: readonly JudgedSentence[], source: FixSource, root: string | null): RewriteReport {
  const report: RewriteReport = { sentences: set.length, findings: 0, withFix: 0, passing: 0, withoutGap: 0, reflagged: 0, defective: 0, grammar: null, judged: 0, matching: 0, fixes: [], mismatches: [] };
  for (const entry of set) {
    const findings = ruleFindings(analyzer.analyze(entry.text));
    report.findings += findings.length;
    for (const f of findings) {
      const fix = firstFix(f, source);
      if (!fix) continue;
      report.withFix++;
      const judged = judgeFix(analyzer, entry.text, fix);
      report.fixes.push({ id: entry.id, ruleId: f.ruleId, before: judged.before, after: judged.after, reflagged: judged.reflagged, defects: judged.defects });
    }
    if (entry.good === null || findings.length === 0) continue;
    report.judged++;
    const result = clickThrough(analyzer, entry.text, source);
    if (entry.good.some((g) => normalizeForJudging(g) === normalizeForJudging(result))) report.matching++;
    else report.mismatches.push({ id: entry.id, text: entry.text, result, good: entry.good });
  }
  const lints = root ? grammarJudge(root, report.fixes.map(({ before, after }) => ({ before, after }))) : null;
  if (lints) report.fixes.forEach((fix, i) => (fix.grammar = lints[i]));
  for (const fix of report.fixes) {
    if (!hasGap(fix.after)) report.withoutGap++;
    if (fix.reflagged.length) report.reflagged++;
    if (fix.defects.length) report.defective++;
    if (fix.grammar?.length) report.grammar = (report.grammar ?? 0) + 1;
    if (!fix.reflagged.length && !fix.defects.length && !fix.grammar?.length) report.passing++;
  }
  if (lints && report.grammar === null) report.grammar = 0;
  return report;
}

const share = (n: number, d: number) => `${n} of ${d} (${d ? ((100 * n) / d).toFixed(1) : '-'}%)`;

export function formatRewriteReport(name: string, source: FixSource, r: RewriteReport, verbose: boolean): string {
  const lines = [
    `${name}: ${r.sentences} sentences, ${r.findings} findings, applying each finding's first ${source === 'rewrites' ? 'rewrite' : 'suggestion'}`,
    `  with a ${source === 'rewrites' ? 'rewrite' : 'suggestion'}:   ${share(r.withFix, r.findings)}`,
    `  passing the gate:  ${share(r.passing, r.withFix)}${r.grammar === null ? '  (grammar not judged: harper.js did not run)' : ''}`,
    `    re-flagged:      ${share(r.reflagged, r.withFix)}`,
    `    mechanical:      ${share(r.defective, r.withFix)}`,
    `    new grammar lint: ${r.grammar === null ? 'not measured' : share(r.grammar, r.withFix)}`,
    `  without a gap:     ${share(r.withoutGap, r.withFix)}`,
    `  matching a judged acceptable rewrite (all clicks played through): ${share(r.matching, r.judged)}`,
  ];
  if (verbose) {
    const failing = r.fixes.filter((f) => f.reflagged.length || f.defects.length || f.grammar?.length);
    lines.push('', `failing the gate (${failing.length}):`);
    for (const f of failing) lines.push(`  ${f.id} [${f.ruleId}] ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}  ${[...f.reflagged, ...f.defects, ...(f.grammar ?? [])].join('; ')}`);
    lines.push('', `not matching a judged rewrite (${r.mismatches.length}):`);
    for (const m of r.mismatches) lines.push(`  ${m.id} ${JSON.stringify(m.text)}\n      got  ${JSON.stringify(m.result)}\n      want ${JSON.stringify(m.good[0])}`);
  }
  return `${lines.join('\n')}\n`;
}
