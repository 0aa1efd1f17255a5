// The literal text a regular expression cannot match without: a cheap pre-check, so a regex rule
// is only run on sentences that contain (case-insensitively) one of each required set of strings.
// `we (can't|cannot) help` needs "we " and one of "can't" / "cannot", and " help".
// Conservative: whatever it does not understand adds no requirement, so it never hides a match.

/** Every inner list needs one of its strings in the lower-cased sentence. Empty: no requirement. */
export type Requirement = string[][];

const MIN_USEFUL_LENGTH = 2;

class RegexReader {
  private i = 0;
  constructor(private readonly s: string) {}

  /** alternation := concat ('|' concat)* */
  alternation(): Requirement {
    const options = [this.concat()];
    while (this.s[this.i] === '|') {
      this.i++;
      options.push(this.concat());
    }
    if (options.length === 1) return options[0];
    const union: string[] = [];
    for (const requirement of options) {
      const best = strongest(requirement);
      if (!best) return [];
      union.push(...best);
    }
    return [union];
  }

  private concat(): Requirement {
    const sets: Requirement = [];
    let run = '';
    const endRun = () => {
      if (run.length >= MIN_USEFUL_LENGTH) sets.push([run]);
      run = '';
    };
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      const min = this.quantifierMin();
      if (atom.kind === 'literal') {
        if (min === undefined) run += atom.text;
        else {
          // "ab+c": "ab" and "bc" are both still there, but keep it simple: end the run.
          endRun();
        }
      } else if (atom.kind === 'zero-width') {
        continue;
      } else {
        endRun();
        if (atom.kind === 'group' && (min === undefined || min >= 1)) sets.push(...atom.requirement);
      }
    }
    endRun();
    return sets;
  }

  private atom(): { kind: 'literal'; text: string } | { kind: 'zero-width' } | { kind: 'opaque' } | { kind: 'group'; requirement: Requirement } {
    const c = this.s[this.i];
    if (c === '(') {
      const prefix = /^\((\?(?:P?<[^>]*>|[a-zA-Z-]*:|[a-zA-Z-]*\)))?/.exec(this.s.slice(this.i))![0];
      this.i += prefix.length;
      if (prefix.endsWith(')') && prefix.length > 1) return { kind: 'zero-width' }; // (?i) and friends
      const requirement = this.alternation();
      this.i++; // ')'
      return { kind: 'group', requirement };
    }
    if (c === '[') {
      let j = this.i + 1;
      if (this.s[j] === '^') j++;
      if (this.s[j] === ']') j++;
      while (j < this.s.length && this.s[j] !== ']') j += this.s[j] === '\\' ? 2 : 1;
      this.i = j + 1;
      return { kind: 'opaque' };
    }
    if (c === '\\') {
      const next = this.s[this.i + 1] ?? '';
      this.i += 2;
      if (/[bBAz]/.test(next)) return { kind: 'zero-width' };
      // Escapes with arguments: \p{Greek} \pL, \x{263a} \x41, octal \123.
      if (/[pPx]/.test(next) && this.s[this.i] === '{') this.i = this.s.indexOf('}', this.i) + 1;
      else if (/[pP]/.test(next)) this.i += 1;
      else if (next === 'x') this.i += 2;
      else if (/[0-7]/.test(next)) while (/[0-7]/.test(this.s[this.i] ?? '')) this.i++;
      if (/[\p{L}\p{N}]/u.test(next)) return { kind: 'opaque' };
      return { kind: 'literal', text: next.toLowerCase() };
    }
    this.i += c.length;
    if (c === '^' || c === '$') return { kind: 'zero-width' };
    if (c === '.') return { kind: 'opaque' };
    if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.s.slice(this.i - 1))) return { kind: 'opaque' };
    // RE2 folds case by Unicode rules (σ ς Σ, k K), toLowerCase not quite: trust only ASCII letters.
    if (/[^\x00-\x7F]/.test(c) && /\p{L}/u.test(c)) return { kind: 'opaque' };
    return { kind: 'literal', text: c.toLowerCase() };
  }

  /** Reads a quantifier after an atom: its minimum count, or undefined when there is none. */
  private quantifierMin(): number | undefined {
    const m = /^(?:([*+?])|\{(\d+)(?:,\d*)?\})\??/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    if (m[1]) return m[1] === '+' ? 1 : 0;
    return Number(m[2]);
  }
}

/** The most selective set: the one whose shortest string is longest, then the smallest. */
function strongest(requirement: Requirement): string[] | undefined {
  const score = (set: string[]) => Math.min(...set.map((s) => s.length)) * 1000 - set.length;
  return [...requirement].sort((a, b) => score(b) - score(a))[0];
}

/** Required strings of a regex that compiled with re2js; lower case. */
export function requiredSubstrings(source: string): Requirement {
  if (source.includes('\\Q')) return []; // \Q...\E quoting: not worth reading
  try {
    return new RegexReader(source).alternation().filter((set) => set.every((s) => s.length >= MIN_USEFUL_LENGTH));
  } catch {
    return [];
  }
}
