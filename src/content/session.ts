// The seam between the editor side of the content script (adapters, text model, requests, apply)
// and the overlay (underlines and the suggestion card). One CoachedEditor per live editor.
import type { Finding, Rewrite, TextRange } from '../engine/types';

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
  /** The draft's plain text now. */
  readonly text: string;
  /** The selection (or the caret) in the plain text, or null when it is not in the editor. */
  selection(): TextRange | null;
  /** Selects [start, end) of the plain text. */
  select(range: TextRange): void;
  /**
   * Applies one of a card's choices (a sentence rewrite or a suggestion, see choicesOf) as a person
   * typing would (one undo step), selecting the first gap it brings. Re-checks the draft first:
   * resolves null, changing nothing, when the words it replaces are no longer those analyzed;
   * otherwise to the choice where it was applied.
   */
  apply(findings: readonly Finding[], choice: Rewrite): Promise<Rewrite | null>;
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
