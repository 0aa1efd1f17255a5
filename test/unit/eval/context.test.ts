// The context pack (rules/cando-context.json) on the labeled (customer message, reply) pairs in
// test/unit/eval/corpus, scored as `cando eval` scores them:
//   npx cando eval --corpus test/unit/eval/corpus --split context-dev --verbose
// replies-context-dev.jsonl: the first 70 replies of the shared dev corpus (labels added for the
// context categories) and replies written for CanDo; replies-context-held-out.jsonl: written after
// the rules were tuned on the dev set. A context label's span is optional (the reply as a whole).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateSplit, scoredCategories, type LabeledReply } from '../../../src/cli/eval';
import { builtinPackFiles, loadPack } from '../../../src/cli/packs';
import { Analyzer, CONTEXT_CATEGORIES, CORE_CATEGORIES } from '../../../src/engine';

const root = join(__dirname, '..', '..', '..');
const corpus = join(__dirname, 'corpus');
const packs = builtinPackFiles(root);
const dev = evaluateSplit(corpus, 'context-dev', packs);
const readReplies = (split: string): LabeledReply[] =>
  readFileSync(join(corpus, `replies-${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

describe('context pack on the labeled dev pairs', () => {
  it('has at least 200 labeled pairs, each with the customer message', () => {
    const replies = readReplies('context-dev');
    expect(replies.length).toBeGreaterThanOrEqual(200);
    expect(replies.every((r) => typeof r.customer === 'string' && r.customer.length > 0)).toBe(true);
  });

  it.each(CONTEXT_CATEGORIES.map((c) => [c]))('%s: at least 5 labeled replies, precision >= 0.85 and recall >= 0.80', (category) => {
    const { truePositives, misses, precision, recall } = dev.categories[category];
    expect(truePositives + misses).toBeGreaterThanOrEqual(5);
    const missed = dev.misses.filter((m) => m.category === category).map((m) => `${m.replyId}: ${m.text}`);
    const wrong = dev.falsePositives.filter((f) => f.category === category).map((f) => `${f.replyId}: ${f.text} [${f.ruleId}]`);
    expect({ precision: precision >= 0.85 || wrong, recall: recall >= 0.8 || missed }).toEqual({ precision: true, recall: true });
  });
});

describe('no customer message, no context finding', () => {
  const analyzer = new Analyzer(packs.map((f) => loadPack(f, false).pack));
  const replies = [...readReplies('context-dev'), ...readReplies('context-held-out')];
  it.each([
    ['absent', undefined],
    ['empty', { text: '' }],
    ['only whitespace', { text: ' \n\t ' }],
    ['only a mention and a link', { text: '@acme https://example.com/x' }],
    ['only punctuation', { text: '?!!' }],
  ])('customer message %s', (_label, customer) => {
    const contextFindings = replies.flatMap((r) => analyzer.analyze(r.text, { customer }).filter((f) => f.category.startsWith('context-')));
    expect(contextFindings).toEqual([]);
  });

  it('the draft rules find the same with and without a customer message', () => {
    for (const r of replies.slice(0, 60)) {
      const withCustomer = analyzer.analyze(r.text, { customer: { text: r.customer! } }).filter((f) => !f.category.startsWith('context-'));
      expect(withCustomer).toEqual(analyzer.analyze(r.text));
    }
  });
});

describe('scoring a corpus for context', () => {
  const reply = (id: string, labels: string[], note?: string): LabeledReply => ({ id, text: 'x', customer: 'y', labels, spans: {}, ...(note && { note }) });
  it('scores the context categories only on a corpus labeled for context (a label or a borderline note)', () => {
    expect(scoredCategories([reply('1', []), reply('2', ['cant'])])).toEqual([...CORE_CATEGORIES]);
    expect(scoredCategories([reply('1', []), reply('2', ['context-when'])])).toEqual([...CORE_CATEGORIES, ...CONTEXT_CATEGORIES]);
    expect(scoredCategories([reply('1', [], 'borderline: context-name')])).toEqual([...CORE_CATEGORIES, ...CONTEXT_CATEGORIES]);
  });
});
