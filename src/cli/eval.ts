// `cando eval`: how well the packs catch what a coach would catch, measured on the shared corpus
// (../shared/corpus, see its README): precision, recall and F1 per category on the hand-labeled
// replies, noise on the unlabeled ones, and the phrase cases from public guidance.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Analyzer, CONTEXT_CATEGORIES, CORE_CATEGORIES, type CustomerContext, type Finding } from '../engine';
import { builtinPackFiles, loadPack } from './packs';
import { evaluateRewrites, formatRewriteReport, readJudgedSet, type FixSource } from './rewrites-eval';

export interface LabeledReply {
  id: string;
  text: string;
  /** The customer's message the reply answers (what context rules read), and their name if known. */
  customer?: string;
  customerName?: string;
  labels: string[];
  /** Category → the shortest exact substring of `text` that carries it (optional for context categories: the whole reply). */
  spans: Record<string, string>;
  note?: string;
}

export interface PhraseCase {
  text: string;
  expect: string[];
}

export interface CategoryScore {
  truePositives: number;
  falsePositives: number;
  misses: number;
  precision: number;
  recall: number;
  f1: number;
  /** 95% Wilson score intervals: with a handful of cases a point figure says little on its own. */
  precisionInterval: Interval;
  recallInterval: Interval;
}

export type Interval = [low: number, high: number];

/** The 95% Wilson score interval of `successes` out of `trials` ([0, 1] when there are none). */
export function wilsonInterval(successes: number, trials: number, z = 1.96): Interval {
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** One finding or one missed span, for `--verbose`. */
export interface ScoredItem {
  replyId: string;
  category: string;
  /** The flagged text (false positive) or the labeled span (miss). */
  text: string;
  ruleId?: string;
}

export interface PhraseResult {
  text: string;
  expect: string[];
  flagged: string[];
  ok: boolean;
}

export interface EvalReport {
  categories: Record<string, CategoryScore>;
  overall: CategoryScore;
  noise: { replies: number; withFindings: number; share: number; interval: Interval };
  phrases: { total: number; passed: number; results: PhraseResult[] };
  falsePositives: ScoredItem[];
  misses: ScoredItem[];
  /** Findings of a labeled category that do not overlap its span: neither true nor false positives. */
  elsewhere: ScoredItem[];
  noisy: ScoredItem[];
}

const USAGE = `Usage: cando eval [--pack FILE]... [--corpus DIR] [--split NAME] [--json] [--verbose]
       cando eval --rewrites [--suggestions] [--pack FILE]... [--verbose] [SET.jsonl]...
Runs the packs (default: the built-in rules/cando-*.json) over the corpus (default: ../shared/corpus
from the repository root) and prints precision, recall and F1 per category, noise, and the phrase cases.
  --split    which split of the corpus: replies-NAME.jsonl and phrases-NAME.jsonl (default: dev)
  --verbose  also lists every false positive, miss and noisy reply
With --rewrites, applies each finding's first rewrite on judged sets (default: test/rewrites/*.jsonl)
and prints the share of findings with a rewrite, passing the gate (not re-flagged, no mechanical
defect, no new harper.js grammar lint), without a gap, and matching a judged acceptable rewrite.
  --suggestions  judge the first span suggestion instead (what the card applied before rewrites)`;

/** Categories a reply's note marks as borderline ("borderline: policy (...)"): they count neither way. */
export function borderlineCategories(note: string | undefined): Set<string> {
  return new Set([...(note ?? '').matchAll(/borderline:\s*([a-z][a-z0-9-]*)/g)].map((m) => m[1]));
}

const overlaps = (f: Finding, start: number, end: number) => f.start < end && start < f.end;

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

function score(truePositives: number, falsePositives: number, misses: number, hits: number, spans: number): CategoryScore {
  const precision = ratio(truePositives, truePositives + falsePositives);
  const recall = ratio(hits, spans);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const precisionInterval = wilsonInterval(truePositives, truePositives + falsePositives);
  return { truePositives, falsePositives, misses, precision, recall, f1, precisionInterval, recallInterval: wilsonInterval(hits, spans) };
}

/**
 * The categories a set of replies is scored on: the core ones, and the context ones when the set is
 * labeled for context (a reply carries or notes any context category). The shared corpus's lines
 * carry the customer's message but, until labeled for context, say nothing about context findings.
 */
export function scoredCategories(replies: readonly LabeledReply[]): string[] {
  const context = replies.some((r) => r.labels.some((l) => l.startsWith('context-')) || [...borderlineCategories(r.note)].some((c) => c.startsWith('context-')));
  return [...CORE_CATEGORIES, ...(context ? CONTEXT_CATEGORIES : [])];
}

/**
 * Scores findings against the labels, as the corpus README says. A finding of a labeled category
 * that overlaps the labeled span is a true positive; a finding of a category the reply neither
 * carries nor notes as borderline is a false positive. A finding of a carried category away from
 * its span is neither (the README does not count it); it is listed as `elsewhere` for review.
 * Recall counts labeled spans with at least one overlapping finding of their category.
 */
export function scoreReplies(
  replies: readonly LabeledReply[],
  analyze: (text: string, customer?: CustomerContext) => Finding[],
  categories: readonly string[] = scoredCategories(replies),
): EvalReport {
  const scored = new Set(categories);
  const counts = new Map(categories.map((c) => [c, { tp: 0, fp: 0, hits: 0, spans: 0 }]));
  const falsePositives: ScoredItem[] = [];
  const misses: ScoredItem[] = [];
  const elsewhere: ScoredItem[] = [];
  const noisy: ScoredItem[] = [];
  let quietReplies = 0;
  let noisyReplies = 0;
  for (const reply of replies) {
    const findings = analyze(reply.text, reply.customer === undefined ? undefined : { text: reply.customer, ...(reply.customerName && { name: reply.customerName }) }).filter((f) =>
      // A category the corpus is not labeled for (context categories on a corpus without context labels) is not scored, nor counted as noise.
      scored.has(f.category) || !(CONTEXT_CATEGORIES as readonly string[]).includes(f.category),
    );
    const borderline = borderlineCategories(reply.note);
    if (reply.labels.length === 0 && borderline.size === 0) {
      quietReplies++;
      if (findings.length) noisyReplies++;
      for (const f of findings) noisy.push({ replyId: reply.id, category: f.category, text: f.text, ruleId: f.ruleId });
    }
    const spanRange = (category: string) => {
      // A context finding is about the reply as a whole (an unanswered question has no words of its own).
      if (reply.spans[category] === undefined && category.startsWith('context-')) return { start: 0, end: reply.text.length };
      const span = reply.spans[category] ?? '';
      const start = span ? reply.text.indexOf(span) : -1;
      if (start < 0) throw new Error(`reply ${reply.id}: the ${category} span is not in its text`);
      return { start, end: start + span.length };
    };
    for (const f of findings) {
      const count = counts.get(f.category);
      if (!count || borderline.has(f.category)) continue;
      if (reply.labels.includes(f.category)) {
        const { start, end } = spanRange(f.category);
        if (overlaps(f, start, end)) count.tp++;
        else elsewhere.push({ replyId: reply.id, category: f.category, text: f.text, ruleId: f.ruleId });
        continue;
      }
      count.fp++;
      falsePositives.push({ replyId: reply.id, category: f.category, text: f.text, ruleId: f.ruleId });
    }
    for (const category of reply.labels) {
      const count = counts.get(category);
      if (!count) continue;
      count.spans++;
      const { start, end } = spanRange(category);
      if (findings.some((f) => f.category === category && overlaps(f, start, end))) count.hits++;
      else misses.push({ replyId: reply.id, category, text: reply.spans[category] ?? reply.text });
    }
  }
  const scores: Record<string, CategoryScore> = {};
  const total = { tp: 0, fp: 0, hits: 0, spans: 0 };
  for (const [category, c] of counts) {
    scores[category] = score(c.tp, c.fp, c.spans - c.hits, c.hits, c.spans);
    total.tp += c.tp;
    total.fp += c.fp;
    total.hits += c.hits;
    total.spans += c.spans;
  }
  return {
    categories: scores,
    overall: score(total.tp, total.fp, total.spans - total.hits, total.hits, total.spans),
    noise: { replies: quietReplies, withFindings: noisyReplies, share: quietReplies ? noisyReplies / quietReplies : 0, interval: wilsonInterval(noisyReplies, quietReplies) },
    phrases: { total: 0, passed: 0, results: [] },
    falsePositives,
    misses,
    elsewhere,
    noisy,
  };
}

/** A phrase case passes when the categories flagged are exactly the expected ones. */
export function scorePhrases(cases: readonly PhraseCase[], analyze: (text: string) => Finding[]): EvalReport['phrases'] {
  const results = cases.map(({ text, expect }) => {
    const flagged = [...new Set(analyze(text).map((f) => f.category))].sort();
    const expected = [...new Set(expect)].sort();
    return { text, expect: expected, flagged, ok: flagged.join() === expected.join() };
  });
  return { total: results.length, passed: results.filter((r) => r.ok).length, results };
}

function readJsonl<T>(file: string, check: (row: unknown) => row is T): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file}:${number} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!check(row)) throw new Error(`${file}:${number} does not have the fields the corpus README describes`);
      return row;
    });
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isLabeledReply(row: unknown): row is LabeledReply {
  if (!isObject(row) || typeof row.id !== 'string' || typeof row.text !== 'string' || !isStringList(row.labels) || !isObject(row.spans)) return false;
  if (row.note !== undefined && typeof row.note !== 'string') return false;
  if ((row.customer !== undefined && typeof row.customer !== 'string') || (row.customerName !== undefined && typeof row.customerName !== 'string')) return false;
  return Object.values(row.spans).every((s) => typeof s === 'string');
}

const isPhraseCase = (row: unknown): row is PhraseCase => isObject(row) && typeof row.text === 'string' && isStringList(row.expect);

/** The repository root: the nearest folder above this module (or its bundle) with CanDo's package.json. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cando') return dir;
    if (dirname(dir) === dir) throw new Error('cannot find the CanDo repository root above this command');
  }
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
const fixed = (x: number) => x.toFixed(3);

function formatReport(report: EvalReport, verbose: boolean): string {
  const lines: string[] = [];
  // Each figure with its 95% Wilson interval and the counts behind it: precision is TP of TP+FP
  // findings, recall the labeled spans found of all labeled spans.
  const figure = (value: number, [low, high]: Interval, of: string) => `${fixed(value)} [${fixed(low)}-${fixed(high)}] ${of}`.padEnd(27);
  lines.push(`${'category'.padEnd(10)} ${'precision [95% CI] TP/found'.padEnd(27)} ${'recall [95% CI] found/labeled'.padEnd(29)} F1`);
  const row = (name: string, s: CategoryScore) => {
    const spans = s.truePositives + s.misses;
    const hits = spans - s.misses;
    return `${name.padEnd(10)} ${figure(s.precision, s.precisionInterval, `${s.truePositives}/${s.truePositives + s.falsePositives}`)} ${figure(s.recall, s.recallInterval, `${hits}/${spans}`).padEnd(29)} ${fixed(s.f1)}`;
  };
  for (const [category, s] of Object.entries(report.categories)) lines.push(row(category, s));
  lines.push(row('overall', report.overall));
  lines.push('');
  const [low, high] = report.noise.interval;
  lines.push(
    `noise: ${report.noise.withFindings} of ${report.noise.replies} unlabeled replies have a finding (${percent(report.noise.share).trim()}, 95% CI ${percent(low).trim()}-${percent(high).trim()})`,
  );
  lines.push(`phrases: ${report.phrases.passed} of ${report.phrases.total} flag exactly the expected categories`);
  for (const r of report.phrases.results.filter((p) => !p.ok)) {
    lines.push(`  expected [${r.expect.join(', ')}] got [${r.flagged.join(', ')}]: ${r.text}`);
  }
  if (verbose) {
    const list = (title: string, items: ScoredItem[]) => {
      lines.push('', `${title} (${items.length}):`);
      for (const i of items) lines.push(`  ${i.category.padEnd(8)} ${i.replyId}  "${i.text}"${i.ruleId ? `  [${i.ruleId}]` : ''}`);
    };
    list('false positives', report.falsePositives);
    list('misses', report.misses);
    list('findings of a labeled category away from its span (not counted)', report.elsewhere);
    list('findings on unlabeled replies', report.noisy);
  }
  return `${lines.join('\n')}\n`;
}

/** Scores `packFiles` on one split of a corpus folder: replies-<split>.jsonl, and phrases-<split>.jsonl if there is one. */
export function evaluateSplit(corpusDir: string, split: string, packFiles: readonly string[]): EvalReport {
  const analyzer = new Analyzer(packFiles.map((f) => loadPack(f).pack));
  const analyze = (text: string, customer?: CustomerContext) => analyzer.analyze(text, { customer });
  const report = scoreReplies(readJsonl(join(corpusDir, `replies-${split}.jsonl`), isLabeledReply), analyze);
  const phrasesFile = join(corpusDir, `phrases-${split}.jsonl`);
  if (existsSync(phrasesFile)) report.phrases = scorePhrases(readJsonl(phrasesFile, isPhraseCase), analyze);
  return report;
}

/** `cando eval`: writes through `env` (the CLI's streams, or a test's). */
export async function evalCommand(args: string[], env: { root?: string; out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const root = env.root ?? repositoryRoot();
  const usage = (problem: string) => {
    env.err(`cando eval: ${problem}\n${USAGE}\n`);
    return 2;
  };
  const packFiles: string[] = [];
  let corpus: string | undefined;
  let split = 'dev';
  let json = false;
  let verbose = false;
  let rewrites = false;
  let source: FixSource = 'rewrites';
  const sets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--rewrites') {
      rewrites = true;
      continue;
    }
    if (a === '--suggestions') {
      source = 'suggestions';
      continue;
    }
    if (rewrites && !a.startsWith('-')) {
      sets.push(a);
      continue;
    }
    if (a === '--pack' || a === '--corpus' || a === '--split') {
      const value = args[++i];
      if (!value) return usage(`${a} needs a value`);
      if (a === '--pack') packFiles.push(value);
      else if (a === '--split') split = value;
      else corpus = value;
    } else if (a === '--json') json = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--help' || a === '-h') {
      env.out(`${USAGE}\n`);
      return 0;
    } else return usage(`unknown argument ${a}`);
  }
  if (rewrites) return rewritesCommand(root, packFiles.length ? packFiles : builtinPackFiles(root), sets, source, verbose);
  const corpusDir = corpus ? resolve(corpus) : resolve(root, '..', 'shared', 'corpus');
  if (!/^[a-z0-9-]+$/.test(split)) return usage(`--split takes a name like dev or held-out, not ${split}`);
  if (!existsSync(join(corpusDir, `replies-${split}.jsonl`))) return usage(`no corpus at ${corpusDir} (replies-${split}.jsonl is missing)`);
  let report: EvalReport;
  try {
    report = evaluateSplit(corpusDir, split, packFiles.length ? packFiles : builtinPackFiles(root));
  } catch (e) {
    env.err(`cando eval: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  env.out(json ? `${JSON.stringify(verbose ? report : { ...report, falsePositives: undefined, misses: undefined, elsewhere: undefined, noisy: undefined }, null, 2)}\n` : formatReport(report, verbose));
  return 0;
}

function rewritesCommand(root: string, packFiles: string[], sets: string[], source: FixSource, verbose: boolean): number {
  const files = sets.length ? sets.map((f) => resolve(f)) : readdirSync(join(root, 'test', 'rewrites')).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(root, 'test', 'rewrites', f));
  try {
    const analyzer = new Analyzer(packFiles.map((f) => loadPack(f).pack));
    for (const file of files) process.stdout.write(formatRewriteReport(basename(file), source, evaluateRewrites(analyzer, readJudgedSet(file), source, root), verbose));
  } catch (e) {
    process.stderr.write(`cando eval: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return 0;
}
