// The built-in packs on the held-out replies in test/unit/eval/corpus (written for measuring, kept
// out of the packs' examples and of the shared corpus), scored as `cando eval` scores the shared
// corpus: `npx cando eval --corpus test/unit/eval/corpus --split held-out --verbose` prints the
// figures, the false positives and the misses. The targets are those of the dev corpus.
import { join } from 'node:path';
import { evaluateSplit } from '../../../src/cli/eval';
import { builtinPackFiles } from '../../../src/cli/packs';
import { CORE_CATEGORIES } from '../../../src/engine';

const root = join(__dirname, '..', '..', '..');
const report = evaluateSplit(join(__dirname, 'corpus'), 'held-out', builtinPackFiles(root));

describe('built-in packs on the held-out replies', () => {
  it.each(CORE_CATEGORIES.map((c) => [c]))('%s: at least 5 labeled spans, precision and recall at least 0.90', (category) => {
    const { truePositives, misses, precision, recall } = report.categories[category];
    expect(truePositives + misses).toBeGreaterThanOrEqual(5);
    // On failure the lists name each miss and false positive, as `cando eval --verbose` does.
    const missed = report.misses.filter((m) => m.category === category).map((m) => `${m.replyId}: ${m.text}`);
    const wrong = report.falsePositives.filter((f) => f.category === category).map((f) => `${f.replyId}: ${f.text} [${f.ruleId}]`);
    expect({ precision: precision >= 0.9 || wrong, recall: recall >= 0.9 || missed }).toEqual({ precision: true, recall: true });
  });

  it('stays quiet on at least 97% of the replies a coach would leave alone', () => {
    expect(report.noise.share <= 0.03 || report.noisy).toBe(true);
  });
});
