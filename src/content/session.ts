// The seam between the editor side of the content script (adapters, text model, requests, apply)
// and the overlay (underlines and the suggestion card). One CoachedEditor per live editor.
import type { Finding } from '../engine/types';

export interface CoachedEditor {
  /** The editable element (contenteditable root or textarea) being coached. */
  readonly element: HTMLElement;
  /**
   * Findings for the current draft, with offsets into the current plain text; dismissed ones left
   * out. Between an edit and the next answer they are the last answer's, moved with the text.
   */
  readonly findings: readonly Finding[];
  /** Which occurrence a finding is (its rule, its words, and which of those): the same across edits elsewhere and new answers. */
  keyOf(finding: Finding): string | null;
  /** Viewport rects of the draft text [start, end), recomputed from offsets on every call; [] when not visible. */
  rectsFor(start: number, end: number): DOMRect[];
  /** Offset of the caret in the plain text, or null when the editor has no caret. */
  caretOffset(): number | null;
  /**
   * Replaces the finding's range with `suggestion` as a person typing would (one undo step).
   * Re-checks the draft first: resolves false, changing nothing, when the range no longer holds the flagged text.
   */
  apply(finding: Finding, suggestion: string): Promise<boolean>;
  /** Hides this occurrence until its text changes. */
  dismiss(finding: Finding): void;
  /** Asks the background to switch the rule off (refused when a manager locked it) or back on, for this agent. */
  setRuleEnabled(ruleId: string, enabled: boolean): Promise<boolean>;
  /** Counts the agent opening this finding's card (local statistics). */
  cardOpened(finding: Finding): void;
  /** Whether a manager locked this rule on (the card then hides "Turn off this rule"). */
  isLocked(ruleId: string): boolean;
  /** Calls `listener` whenever findings or the editor's layout change, until `signal` aborts. */
  onChange(listener: () => void, signal: AbortSignal): void;
}
