// The rewrite gate: every rewrite CanDo offers, for every rule example and every sentence of the
// judged rewrite set, once applied (a) is flagged by no built-in rule, (b) has no mechanical defect
// and (c) adds no grammar lint from harper.js, an outside judge. Every set in test/rewrites/ is
// gated, the fresh ones too once measured: their figures (judged matches) are taken with
// `npx cando eval --rewrites` before any change for them, and a gate failure there is a bug to fix.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, compilePack, exampleText, type CompiledPack } from '../../../src/engine';
import { builtinPackFiles } from '../../../src/cli/packs';
import { grammarJudge, judgeFix, readJudgedSet } from '../../../src/cli/rewrites-eval';

const root = join(__dirname, '..', '..', '..');
const packs = builtinPackFiles(root).map((file) => {
  const result = compilePack(readFileSync(file, 'utf8'), { source: file });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.rule}: ${e.message}`).join('\n'));
  return result.pack as CompiledPack;
});
const analyzer = new Analyzer(packs);
const setsDir = join(root, 'test', 'rewrites');
const judgedSets = readdirSync(setsDir).filter((f) => f.endsWith('.jsonl'));
const texts = [...packs.flatMap((p) => p.rules.flatMap((r) => r.examples.flag.map(exampleText))), ...judgedSets.flatMap((file) => readJudgedSet(join(setsDir, file)).map((e) => e.text))];

const applied = texts.flatMap((text) =>
  analyzer
    .analyze(text)
    .filter((f) => f.category !== 'gap')
    .flatMap((f) => (f.rewrites ?? []).map((rewrite) => ({ ruleId: f.ruleId, ...judgeFix(analyzer, text, rewrite) }))),
);
const describeFix = (f: (typeof applied)[number]) => `${f.ruleId}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`;

test('there are rewrites to judge', () => {
  expect(applied.length).toBeGreaterThan(300);
});

test('(a) no applied rewrite is flagged by any built-in rule', () => {
  expect(applied.filter((f) => f.reflagged.length).map((f) => `${describeFix(f)}: ${f.reflagged.join(', ')}`)).toEqual([]);
});

test('(b) no applied rewrite has a mechanical defect', () => {
  expect(applied.filter((f) => f.defects.length).map((f) => `${describeFix(f)}: ${f.defects.join(', ')}`)).toEqual([]);
});

test('(c) no applied rewrite adds a harper.js grammar lint', () => {
  const lints = grammarJudge(root, applied.map(({ before, after }) => ({ before, after })));
  expect(lints).not.toBeNull(); // harper.js is a devDependency: it must run here
  expect(applied.flatMap((f, i) => (lints![i].length ? [`${describeFix(f)}: ${lints![i].join('; ')}`] : []))).toEqual([]);
}, 300_000);
