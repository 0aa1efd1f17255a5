// Refuses regular expressions that would backtrack catastrophically on a backtracking engine:
// an unboundedly repeated group that itself contains an unbounded quantifier ("(a+)+", "(\s*x)*"),
// or whose alternatives can match the same text ("(a|a)*", "(a|aa)+", "(|a)*").
// re2js never backtracks, but packs must stay portable and the refusal explains itself.

interface GroupFrame {
  open: number;
  alternatives: string[];
  alternativeStart: number;
  hasUnbounded: boolean;
}

/** The length of an unbounded quantifier (`*`, `+`, `{n,}`, with an optional lazy `?`) at i, else 0. */
function unboundedQuantifierAt(source: string, i: number): number {
  const c = source[i];
  if (c === '*' || c === '+') return source[i + 1] === '?' ? 2 : 1;
  const braces = /^\{\d*,\}\??/.exec(source.slice(i));
  return braces ? braces[0].length : 0;
}

function ambiguousAlternatives(alternatives: string[]): boolean {
  if (alternatives.length < 2) return false;
  if (alternatives.some((a) => a === '')) return true;
  for (const a of alternatives) {
    for (const b of alternatives) {
      if (a !== b && b.length % a.length === 0 && a.repeat(b.length / a.length) === b) return true;
    }
  }
  return new Set(alternatives).size < alternatives.length;
}

/** Why the regex is refused as catastrophic, or null. Assumes it already compiled. */
export function catastrophicRegexProblem(source: string): string | null {
  const stack: GroupFrame[] = [{ open: -1, alternatives: [], alternativeStart: 0, hasUnbounded: false }];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = stack[stack.length - 1];
    if (c === '\\') {
      i += /^\\[pP]\{/.test(source.slice(i)) ? source.indexOf('}', i) - i : 1;
      if (unboundedQuantifierAt(source, i + 1)) top.hasUnbounded = true;
    } else if (c === '[') {
      // Skip the character class: a leading ']' or '^]' is literal, escapes skip a character.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      if (unboundedQuantifierAt(source, i + 1)) top.hasUnbounded = true;
    } else if (c === '(') {
      const prefix = /^\((\?(?:P?<[^>]*>|[a-zA-Z-]*:|[a-zA-Z-]*\)))?/.exec(source.slice(i))![0];
      if (prefix.endsWith(')')) {
        i += prefix.length - 1; // a flags group such as (?i) opens nothing
        continue;
      }
      stack.push({ open: i, alternatives: [], alternativeStart: i + prefix.length, hasUnbounded: false });
      i += prefix.length - 1;
    } else if (c === '|') {
      top.alternatives.push(source.slice(top.alternativeStart, i));
      top.alternativeStart = i + 1;
    } else if (c === ')' && stack.length > 1) {
      const group = stack.pop()!;
      group.alternatives.push(source.slice(group.alternativeStart, i));
      const repeated = unboundedQuantifierAt(source, i + 1) > 0;
      const groupText = source.slice(group.open, i + 1 + unboundedQuantifierAt(source, i + 1));
      if (repeated && group.hasUnbounded) return `nests unbounded repetition ("${groupText}" is repeated and repeats inside), which can backtrack catastrophically`;
      if (repeated && ambiguousAlternatives(group.alternatives)) return `repeats a group whose alternatives can match the same text ("${groupText}"), which can backtrack catastrophically`;
      const parent = stack[stack.length - 1];
      parent.hasUnbounded ||= group.hasUnbounded || repeated;
    } else if (unboundedQuantifierAt(source, i)) {
      top.hasUnbounded = true;
    }
  }
  return null;
}
