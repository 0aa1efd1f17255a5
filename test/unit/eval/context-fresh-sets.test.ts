// The context pack (rules/cando-context.json) on the fresh context sets in test/unit/eval/sets (see
// its README): customer-message/reply pairs written to measure the context rules on wording they
// were not fitted to. Each set is held to its measurement, so a change that loses a catch or adds a
// false flag there fails; `npx cando eval --corpus test/unit/eval/sets --split context-round2
// --verbose` prints the figures with their 95% intervals, the misses and the false flags.
import { join } from 'node:path';
import { evaluateSplit } from '../../../src/cli/eval';
import { builtinPackFiles } from '../../../src/cli/packs';
import { CONTEXT_CATEGORIES } from '../../../src/engine';

const root = join(__dirname, '..', '..', '..');
type Measured = Record<(typeof CONTEXT_CATEGORIES)[number], { falsePositives: number; misses: number }>;

// Round 2: written after the round-1 rule change, measured once; the round-2 change then used it.
const ROUND2: Measured = {
  'context-repeat': { falsePositives: 1, misses: 2 },
  'context-question': { falsePositives: 8, misses: 3 },
  'context-frustration': { falsePositives: 0, misses: 5 },
  'context-name': { falsePositives: 0, misses: 0 },
  'context-when': { falsePositives: 0, misses: 4 },
  'context-tried': { falsePositives: 0, misses: 3 },
};

// Round 3: written after the round-2 change (for which round 2 was used), measured once, never tuned on.
// (The round-4 change, fitted to round 4 only, took one false flag off it.)
const ROUND3: Measured = {
  'context-repeat': { falsePositives: 0, misses: 2 },
  'context-question': { falsePositives: 3, misses: 1 },
  'context-frustration': { falsePositives: 0, misses: 3 },
  'context-name': { falsePositives: 1, misses: 0 },
  'context-when': { falsePositives: 0, misses: 3 },
  'context-tried': { falsePositives: 0, misses: 3 },
};

// Round 4: written before the round-4 change and measured first (see the sets' README); the change
// was then made against it, so it now holds that change's gains.
const ROUND4: Measured = {
  'context-repeat': { falsePositives: 0, misses: 0 },
  'context-question': { falsePositives: 0, misses: 0 },
  'context-frustration': { falsePositives: 0, misses: 0 },
  'context-name': { falsePositives: 0, misses: 0 },
  'context-when': { falsePositives: 0, misses: 0 },
  'context-tried': { falsePositives: 0, misses: 0 },
};

// Round 5: written after the round-4 change, measured once, never tuned on.
const ROUND5: Measured = {
  'context-repeat': { falsePositives: 2, misses: 3 },
  'context-question': { falsePositives: 2, misses: 3 },
  'context-frustration': { falsePositives: 0, misses: 1 },
  'context-name': { falsePositives: 2, misses: 2 },
  'context-when': { falsePositives: 2, misses: 0 },
  'context-tried': { falsePositives: 1, misses: 1 },
};

describe.each([
  ['context-round2', ROUND2],
  ['context-round3', ROUND3],
  ['context-round4', ROUND4],
  ['context-round5', ROUND5],
])('context pack on the %s fresh set', (split, measured) => {
  const report = evaluateSplit(join(__dirname, 'sets'), split, builtinPackFiles(root));
  it.each(CONTEXT_CATEGORIES.map((c) => [c]))('%s: no more false flags or misses than measured', (category) => {
    const { falsePositives, misses } = report.categories[category];
    const missed = report.misses.filter((m) => m.category === category).map((m) => `${m.replyId}: ${m.text}`);
    const wrong = report.falsePositives.filter((f) => f.category === category).map((f) => `${f.replyId}: ${f.text} [${f.ruleId}]`);
    expect({ falsePositives: falsePositives <= measured[category].falsePositives || wrong, misses: misses <= measured[category].misses || missed }).toEqual({
      falsePositives: true,
      misses: true,
    });
  });
});
