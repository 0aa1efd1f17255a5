// One editor's findings between answers: the last answer's findings carried through the agent's
// edits until the next answer comes (an edit moves the ones after it and hides the ones it
// touched), each with an occurrence key that survives edits elsewhere, and the occurrences the
// agent dismissed. Pure: no DOM, no timers, no messages.
import type { Finding, Rewrite } from '../engine/types';
import { editBetween, moveThroughEdit, type TextEdit } from './text-edit';

export class FindingsTracker {
  /** The last answer's findings, with offsets into `answeredText`. */
  #all: Finding[] = [];
  #answeredText = '';
  /** Each finding's occurrence key, for the answer's findings and the copies moved through edits alike. */
  readonly #keys = new WeakMap<Finding, string>();
  /** The findings moved to the latest text asked for, computed once per text. */
  #moved: { text: string; findings: Finding[] } | null = null;
  /** Occurrence keys the agent dismissed, and the ones already reported as shown. */
  readonly #dismissed = new Set<string>();
  readonly #shown = new Set<string>();

  /** Sets the findings an answer found in `text`. */
  answered(findings: Finding[], text: string): void {
    this.#all = findings;
    this.#answeredText = text;
    const keys = occurrenceKeys(findings);
    findings.forEach((f, i) => this.#keys.set(f, keys[i]));
    this.#moved = null;
  }

  /** The last answer's findings moved to `text`, dismissed ones left out (the same array while `text` stays). */
  in(text: string): readonly Finding[] {
    if (this.#moved?.text !== text) {
      const edit = editBetween(this.#answeredText, text);
      const findings: Finding[] = [];
      for (const finding of this.#all) {
        const key = this.#keys.get(finding)!;
        if (this.#dismissed.has(key)) continue;
        const range = edit ? moveThroughEdit(finding, edit, text) : finding;
        if (!range) continue;
        // Rewrites reach past the flagged words: an edit after those words may still touch them.
        const moved = !edit || (range === finding && !finding.rewrites) ? finding : { ...finding, ...range, rewrites: moveRewrites(finding.rewrites, edit, text) };
        this.#keys.set(moved, key);
        findings.push(moved);
      }
      this.#moved = { text, findings };
    }
    return this.#moved.findings;
  }

  /** The text the findings were last moved to, or null when they have not been since the last change. */
  get lastText(): string | null {
    return this.#moved?.text ?? null;
  }

  keyOf(finding: Finding): string | null {
    return this.#keys.get(finding) ?? null;
  }

  /** The occurrence `finding` is, as it is in `text` now: null when an edit touched it or it was dropped. */
  current(finding: Finding, text: string): Finding | null {
    const key = this.#keys.get(finding);
    if (key === undefined) return null;
    return this.in(text).find((f) => this.#keys.get(f) === key) ?? null;
  }

  /** Drops the last answer's findings that `keep` turns down (until the next answer). */
  keep(keep: (finding: Finding, key: string) => boolean): void {
    this.#all = this.#all.filter((f) => keep(f, this.#keys.get(f)!));
    this.#moved = null;
  }

  /** Hides this occurrence for good; false when the finding is not one of ours. */
  dismiss(finding: Finding): boolean {
    const key = this.#keys.get(finding);
    if (key === undefined) return false;
    this.#dismissed.add(key);
    this.#moved = null;
    return true;
  }

  /** The last answer's findings not dismissed and never returned here before (each occurrence counts as shown once). */
  newlyShown(): Finding[] {
    return this.#all.filter((finding) => {
      const key = this.#keys.get(finding)!;
      if (this.#dismissed.has(key) || this.#shown.has(key)) return false;
      this.#shown.add(key);
      return true;
    });
  }
}

/** A finding's rewrites moved through an edit; none when the edit touched one (they are stale until the next answer). */
function moveRewrites(rewrites: Rewrite[] | undefined, edit: TextEdit, text: string): Rewrite[] | undefined {
  const moved = rewrites?.map((r) => {
    const at = moveThroughEdit(r, edit, text);
    return at && { ...r, ...at };
  });
  return moved?.every(Boolean) ? (moved as Rewrite[]) : undefined;
}

/**
 * A key for each finding that survives edits elsewhere in the draft: the rule, the flagged words,
 * and which occurrence of them (by rule and words) it is.
 */
export function occurrenceKeys(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}\u0000${f.text.toLowerCase()}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}\u0000${n}`;
  });
}
