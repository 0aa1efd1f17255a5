// The outside judge of grammar for rewrites: harper.js (a local grammar checker, no network).
// Reads JSON [{"before", "after"}, ...] on stdin and writes, for each pair, the lints of `after`
// that `before` did not have (by kind and flagged words), ignoring lints inside a gap ("[reason]"),
// since a gap is replaced by the agent before sending. Run as a child process so node tests and the
// CLI (CommonJS bundles) can use this ES module with its WebAssembly.
import { LocalLinter } from 'harper.js';
import { binary } from 'harper.js/binary';

const GAP = /\[[^[\]\n]{2,80}\]/g;

/**
 * Harper's known misreadings of text written in capitals: "I'M" and "I'LL" as misspellings, and a
 * "missing preposition" after "AM"/"ARE". An ALL CAPS reply keeps its case, so these are not lints.
 */
function isCapsMisreading(lint, text) {
  if (/\p{Ll}/u.test(text.replace(GAP, ''))) return false;
  return (lint.kind === 'Spelling' && /['\u2019]/.test(lint.words)) || (/missing a preposition/i.test(lint.message) && /^(?:AM|ARE|IS)\s*$/.test(lint.words));
}

/** Which lints count as the same problem: a sentence starting in lower case is one, whatever its first word. */
const lintKey = (l) => (l.kind === 'Capitalization' && /does not start with a capital/i.test(l.message) ? `${l.kind}|${l.message}` : `${l.kind}|${l.words.toLowerCase()}`);

function gapRanges(text) {
  return [...text.matchAll(GAP)].map((m) => [m.index, m.index + m[0].length]);
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const pairs = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const linter = new LocalLinter({ binary });
  await linter.setup();
  // British and American spellings of a verb form are both right: "cancelling" ("CANCELLING") and
  // "canceling", "honouring" and "honoring".
  const AMERICAN = [
    [/(l)l(ing|ed)$/i, '$1$2'],
    [/(o)u(r(?:ing|ed|s)?)$/i, '$1$2'],
  ];
  const spelt = async (word) => (await linter.lint(word)).every((l) => l.lint_kind() !== 'Spelling');
  const isOtherDialect = async (l) => {
    if (l.kind !== 'Spelling') return false;
    for (const [british, american] of AMERICAN) if (british.test(l.words) && (await spelt(l.words.replace(british, american)))) return true;
    return false;
  };
  const lintsOf = async (text) => {
    const gaps = gapRanges(text);
    // A gap's own words are the agent's to replace: an "e.g." in one must not end the sentence for the linter.
    const lints = (await linter.lint(text.replace(GAP, (gap) => gap.replace(/[.!?]/g, ' '))))
      .map((l) => ({ kind: l.lint_kind(), message: l.message(), words: l.get_problem_text(), start: l.span().start, end: l.span().end }))
      .filter((l) => !gaps.some(([s, e]) => l.start < e && s < l.end) && !isCapsMisreading(l, text));
    const kept = [];
    for (const l of lints) if (!(await isOtherDialect(l))) kept.push(l);
    return kept;
  };
  const out = [];
  for (const { before, after } of pairs) {
    const old = new Map();
    const beforeLints = await lintsOf(before);
    for (const l of beforeLints) old.set(lintKey(l), (old.get(lintKey(l)) ?? 0) + 1);
    // Words the linter already objected to in the original, under whatever kind ("lol" starting a
    // sentence is a capitalisation lint there and a spelling one once capitalised): not new.
    const objectedWords = new Set(beforeLints.map((l) => l.words.toLowerCase()));
    const added = [];
    for (const l of await lintsOf(after)) {
      const key = lintKey(l);
      if (objectedWords.has(l.words.toLowerCase())) continue;
      if (old.get(key)) old.set(key, old.get(key) - 1);
      else added.push({ kind: l.kind, message: l.message, words: l.words });
    }
    out.push(added);
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(`grammar-judge: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
