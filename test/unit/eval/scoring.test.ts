import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalCommand, scorePhrases, scoreReplies, wilsonInterval, type LabeledReply } from '../../../src/cli/eval';
import type { Finding } from '../../../src/engine';

/** A finding of `category` on the first occurrence of `words` in `text`. */
function finding(text: string, words: string, category: string): Finding {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in "${text}"`);
  return { ruleId: `test/${category}`, category, severity: 'warning', start, end: start + words.length, text: words, message: '', explanation: '', suggestions: [] };
}

const reply = (id: string, text: string, spans: Record<string, string> = {}, note?: string): LabeledReply => ({ id, text, labels: Object.keys(spans), spans, ...(note && { note }) });

describe('scoreReplies', () => {
  const replies = [
    reply('hit', 'Sorry, we cannot refund it.', { cant: 'we cannot refund it' }),
    reply('miss', 'That is not possible here.', { cant: 'not possible' }),
    reply('wrong-category', 'We cannot do that, per our policy.', { cant: 'We cannot do that' }),
    reply('elsewhere', 'We cannot send it. Also we cannot call.', { cant: 'We cannot send it' }),
    reply('borderline', 'Have you tried restarting?', {}, 'borderline: broken (troubleshooting question)'),
    reply('quiet', 'Thanks, all sorted now!'),
    reply('noisy', 'Thanks, we can help.'),
  ];
  const found: Record<string, (text: string) => Finding[]> = {
    hit: (t) => [finding(t, 'cannot refund', 'cant')],
    miss: (t) => [finding(t, 'here', 'blame')],
    'wrong-category': (t) => [finding(t, 'We cannot do that', 'cant'), finding(t, 'per our policy', 'policy')],
    elsewhere: (t) => [finding(t, 'we cannot call', 'cant')],
    borderline: (t) => [finding(t, 'Have you tried', 'broken')],
    quiet: () => [],
    noisy: (t) => [finding(t, 'we can help', 'apology')],
  };
  const byText = new Map(replies.map((r) => [r.text, found[r.id]]));
  const report = scoreReplies(replies, (text) => byText.get(text)!(text));

  it('counts an overlapping finding of a labeled category as a true positive, and a labeled span without one as a miss', () => {
    expect(report.categories.cant).toMatchObject({ truePositives: 2, falsePositives: 0, misses: 2 });
    expect(report.categories.cant.recall).toBeCloseTo(2 / 4);
    expect(report.misses.map((m) => m.replyId)).toEqual(['miss', 'elsewhere']);
  });

  it('counts a finding of a category the reply does not carry as a false positive, but not a borderline one', () => {
    expect(report.categories.blame).toMatchObject({ truePositives: 0, falsePositives: 1, precision: 0 });
    expect(report.categories.policy.falsePositives).toBe(1);
    expect(report.categories.broken.falsePositives).toBe(0);
    expect(report.categories.apology.falsePositives).toBe(1);
  });

  it('lists, without counting, a finding of a labeled category away from its span', () => {
    expect(report.elsewhere).toEqual([{ replyId: 'elsewhere', category: 'cant', text: 'we cannot call', ruleId: 'test/cant' }]);
  });

  it('computes overall figures over all categories', () => {
    expect(report.overall).toMatchObject({ truePositives: 2, falsePositives: 3, misses: 2 });
    expect(report.overall.precision).toBeCloseTo(2 / 5);
    expect(report.overall.recall).toBeCloseTo(2 / 4);
    expect(report.overall.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9);
  });

  it('measures noise on replies with no label and no borderline note', () => {
    expect(report.noise).toMatchObject({ replies: 2, withFindings: 1, share: 0.5 });
    expect(report.noisy.map((n) => n.replyId)).toEqual(['noisy']);
  });

  it('refuses a corpus line whose span is not in its text', () => {
    expect(() => scoreReplies([reply('bad', 'Hello.', { cant: 'nope' })], () => [])).toThrow(/reply bad: the cant span is not in its text/);
  });
});

describe('scorePhrases', () => {
  it('passes a case when exactly the expected categories are flagged', () => {
    const result = scorePhrases(
      [
        { text: 'a', expect: ['cant'] },
        { text: 'b', expect: [] },
        { text: 'c', expect: ['cant', 'policy'] },
      ],
      (text) => (text === 'c' ? [finding(text, 'c', 'cant')] : text === 'a' ? [finding(text, 'a', 'cant'), finding(text, 'a', 'cant')] : []),
    );
    expect(result.passed).toBe(2);
    expect(result.results[2]).toEqual({ text: 'c', expect: ['cant', 'policy'], flagged: ['cant'], ok: false });
  });
});

describe('evalCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cando-eval-'));
  const lines = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(
    join(dir, 'replies-dev.jsonl'),
    lines([
      { id: '1', company: 'x', customer: '', text: 'Sorry, we cannot refund it.', labels: ['cant'], spans: { cant: 'we cannot refund it' } },
      { id: '2', company: 'x', customer: '', text: 'Thanks for waiting, it shipped today.', labels: [], spans: {} },
      { id: '3', company: 'x', customer: '', text: 'Happy to help, we cannot wait to see it.', labels: [], spans: {} },
    ]),
  );
  writeFileSync(join(dir, 'phrases-dev.jsonl'), lines([{ text: 'We cannot do it.', expect: ['cant'], source: 'test' }]));
  const packFile = join(dir, 'pack.json');
  writeFileSync(
    packFile,
    JSON.stringify({
      id: 'tiny',
      name: 'Tiny',
      version: '1.0.0',
      language: 'en',
      rules: [{ id: 'we-cannot', category: 'cant', phrases: ['we cannot'], message: 'm', explanation: 'e', examples: { flag: ['we cannot'], pass: ['we can'] } }],
    }),
  );

  async function capture(args: string[], root?: string): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await evalCommand(args, { root, out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  }

  it('prints machine-readable figures for the given pack and corpus', async () => {
    const { code, out } = await capture(['--pack', packFile, '--corpus', dir, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.categories.cant).toMatchObject({ truePositives: 1, falsePositives: 1, misses: 0, precision: 0.5, recall: 1 });
    expect(report.noise).toMatchObject({ replies: 2, withFindings: 1, share: 0.5 });
    expect(report.phrases).toMatchObject({ total: 1, passed: 1 });
    expect(report.falsePositives).toBeUndefined();
  });

  it('prints a table, and with --verbose the false positives', async () => {
    const { code, out } = await capture(['--pack', packFile, '--corpus', dir, '--verbose']);
    expect(code).toBe(0);
    // Each figure with its 95% Wilson interval and the counts behind it.
    expect(out).toMatch(/^cant\s+0\.500 \[0\.095-0\.905\] 1\/2\s+1\.000 \[0\.207-1\.000\] 1\/1\s+0\.667$/m);
    expect(out).toContain('noise: 1 of 2 unlabeled replies have a finding (50.0%, 95% CI 9.5%-90.5%)');
    expect(out).toMatch(/false positives \(1\):\n\s+cant\s+3\s+"we cannot"\s+\[tiny\/we-cannot\]/);
  });

  it('measures the built-in packs of the checkout it is given', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'cando-checkout-'));
    mkdirSync(join(checkout, 'rules'));
    writeFileSync(join(checkout, 'rules', 'cando-tiny.json'), readFileSync(packFile));
    const { code, out } = await capture(['--corpus', dir, '--json'], checkout);
    expect(code).toBe(0);
    expect(JSON.parse(out).categories.cant).toMatchObject({ truePositives: 1, falsePositives: 1 });
  });

  it('reads another split of the corpus with --split', async () => {
    writeFileSync(join(dir, 'replies-held-out.jsonl'), lines([{ id: 'h1', text: 'We cannot do that.', labels: [], spans: {} }]));
    const { code, out } = await capture(['--pack', packFile, '--corpus', dir, '--split', 'held-out', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.noise).toMatchObject({ replies: 1, withFindings: 1, share: 1 });
    expect(report.phrases).toMatchObject({ total: 0, passed: 0 });
    const missing = await capture(['--corpus', dir, '--split', 'test']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('replies-test.jsonl is missing');
    const bad = await capture(['--corpus', dir, '--split', '../dev']);
    expect(bad.code).toBe(2);
  });

  it('fails clearly on a missing corpus or an unknown option', async () => {
    const missing = await capture(['--corpus', join(dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('replies-dev.jsonl is missing');
    const unknown = await capture(['--fast']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown argument --fast');
  });
});

describe('wilsonInterval', () => {
  it.each([
    [1, 2, 0.0945, 0.9055],
    [8, 10, 0.4902, 0.9433],
    [0, 5, 0, 0.4345],
    [5, 5, 0.5655, 1],
  ])('%i of %i → [%f, %f]', (successes, trials, low, high) => {
    const [l, h] = wilsonInterval(successes, trials);
    expect(l).toBeCloseTo(low, 3);
    expect(h).toBeCloseTo(high, 3);
  });

  it('is the whole range when there is nothing to count', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});
