// Helpers that make a pack author's mistakes easy to fix: the nearest known name for a misspelt
// one, and line and column for JSON that does not parse.

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short names. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name closest to `name` (ignoring case), if close enough to be a typo or a shortening of it. */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const candidates = [...known];
  const longer = lower.length >= 3 ? candidates.filter((c) => c.toLowerCase().startsWith(lower)) : [];
  if (longer.length === 1) return longer[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** 1-based line and column of a string index. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: index - lastBreak };
}

/**
 * Where JSON text stops being valid: the index of the first character a JSON parser cannot accept
 * (the text's length when it ends too soon), or undefined if it is valid. Engines' messages do
 * not always say where (V8 before 12 quotes a few characters), and nobody finds "position 4211".
 */
export function jsonErrorIndex(text: string): number | undefined {
  let i = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const c of word) if (text[i++] !== c) fail(i - 1);
  };
  const string = () => {
    i++;
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail(i);
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(i);
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i]) || i >= text.length) fail(i);
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail(i);
          string();
          space();
          if (text[i] !== ':') fail(i);
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail(i);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number) fail(i);
    i += number![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail(i);
    return undefined;
  } catch (at) {
    // Anything else is the stack running out on absurd nesting: then only the engine's message.
    if (typeof at !== 'number') return undefined;
    return Math.min(at, text.length);
  }
}

/** What is wrong with JSON text that did not parse (`error`, JSON.parse's), with line and column. */
export function describeJsonError(text: string, error: unknown): string {
  const index = jsonErrorIndex(text);
  if (index === undefined) return error instanceof Error ? error.message : String(error);
  const { line, column } = lineAndColumn(text, index);
  return `line ${line}, column ${column}: ${index >= text.length ? 'the text ends too soon' : `unexpected ${JSON.stringify(String.fromCodePoint(text.codePointAt(index)!))}`}`;
}
