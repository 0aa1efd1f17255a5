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
  // British and American spellings of a verb form ("cancelling", "canceling", "CANCELLING") are both right.
  const isOtherDialect = async (l) => l.kind === 'Spelling' && /ll(?:ing|ed)$/i.test(l.words) && (await linter.lint(l.words.replace(/(l)l(ing|ed)$/i, '$1$2'))).length === 0;
  const lintsOf = async (text) => {
    const gaps = gapRanges(text);
    const lints = (await linter.lint(text))
      .map((l) => ({ kind: l.lint_kind(), message: l.message(), words: l.get_problem_text(), start: l.span().start, end: l.span().end }))
      .filter((l) => !gaps.some(([s, e]) => l.start < e && s < l.end) && !isCapsMisreading(l, text));
    const kept = [];
    for (const l of lints) if (!(await isOtherDialect(l))) kept.push(l);
    return kept;
  };
  const out = [];
  for (const { before, after } of pairs) {
    const old = new Map();
    for (const l of await lintsOf(before)) old.set(lintKey(l), (old.get(lintKey(l)) ?? 0) + 1);
    const added = [];
    for (const l of await lintsOf(after)) {
      const key = lintKey(l);
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
