// Suggestions: templates ("What I can do is $1", "$<thing>", "$&", "$$" for a dollar sign) or named
// transforms from the registry. Compiled once per rule; each returns the replacement for exactly the
// flagged range, or null to offer nothing.
import { TRANSFORMS, type Reaching, type TransformContext } from './transforms';
import type { SuggestionSpec } from './types';

export type CompiledSuggestion = (context: Omit<TransformContext, 'args'>) => Required<Reaching> | null;
export type SuggestionResult = { ok: true; suggestion: CompiledSuggestion } | { ok: false; message: string };

type Piece = { literal: string } | { capture: string };

const TEMPLATE_TOKEN = /\$(?:(\$)|(&)|<([^>]*)>|(\d{1,2}))/g;

function parseTemplate(template: string, captureNames: ReadonlySet<string>): Piece[] | string {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of template.matchAll(TEMPLATE_TOKEN)) {
    pieces.push({ literal: template.slice(last, m.index) });
    last = m.index + m[0].length;
    const [, dollar, whole, name, number] = m;
    if (dollar) pieces.push({ literal: '$' });
    else if (whole) pieces.push({ capture: '&' });
    else {
      const capture = name ?? String(Number(number));
      if (!captureNames.has(capture)) {
        const known = captureNames.size ? `it has ${[...captureNames].map((c) => (/^\d+$/.test(c) ? `$${c}` : `$<${c}>`)).join(', ')}` : 'it has none';
        return `refers to capture ${m[0]} but ${known} (write $$ for a dollar sign)`;
      }
      pieces.push({ capture });
    }
  }
  pieces.push({ literal: template.slice(last) });
  return pieces.filter((p) => !('literal' in p) || p.literal !== '');
}

/** Upper-cases the suggestion's first letter when the flagged text starts with a capital. */
function matchCase(replacement: string, match: string): string {
  const first = match.charAt(0);
  if (first && first !== first.toLowerCase() && replacement.charAt(0) !== replacement.charAt(0).toUpperCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

const SENTENCE_ENDED = /[.!?]["'\u201D\u2019)]?\s+$/;

/** Fills the template; a capture that starts a sentence of it ("… myself. $&") starts with a capital. */
function fill(pieces: Piece[], match: string, captures: Record<string, string | undefined>): string {
  let out = '';
  for (const p of pieces) {
    if ('literal' in p) {
      out += p.literal;
      continue;
    }
    const text = p.capture === '&' ? match : (captures[p.capture] ?? '');
    out += SENTENCE_ENDED.test(out) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  }
  return out;
}

export function compileSuggestion(spec: SuggestionSpec, captureNames: ReadonlySet<string>): SuggestionResult {
  if (typeof spec === 'string') {
    const pieces = parseTemplate(spec, captureNames);
    if (typeof pieces === 'string') return { ok: false, message: pieces };
    return {
      ok: true,
      suggestion: ({ match, captures }) => ({ text: matchCase(fill(pieces, match, captures), match), before: 0, after: 0 }),
    };
  }
  const transform = TRANSFORMS.get(spec.transform);
  if (!transform) {
    const known = [...TRANSFORMS.keys()];
    return { ok: false, message: `names the unknown transform "${spec.transform}"${known.length ? ` (known: ${known.join(', ')})` : ' (none are registered)'}` };
  }
  const args: Record<string, string> = Object.freeze(Object.assign(Object.create(null), spec.args ?? {}));
  return {
    ok: true,
    suggestion: (context) => {
      const result = transform({ ...context, args });
      if (typeof result === 'string') return { text: result, before: 0, after: 0 };
      if (!result || typeof result.text !== 'string') return null;
      const before = Math.min(Math.max(0, result.before ?? 0), context.before.length);
      const after = Math.min(Math.max(0, result.after ?? 0), context.after.length);
      return { text: result.text, before, after };
    },
  };
}
