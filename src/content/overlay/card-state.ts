// The open card's state apart from the DOM: the group and finding a card opens on, a new card's
// state, and what an open card shows after the agent's edits or a new answer. Pure: jest tests it
// in node (the overlay keeps one CardState and draws it).
import type { Finding } from '../../engine/types';
import { groupFindings, type CardGroup, type OpenCard } from './cards';
import type { CardState } from './view';

/**
 * The card of the occurrence `key` (of a finding as last drawn: typing may have moved it since)
 * among the findings now: its group, and the finding as it is now; null when it is gone.
 */
export function cardFor(key: string | null, findings: readonly Finding[], keyOf: (finding: Finding) => string | null): { group: CardGroup; finding: Finding } | null {
  const group = groupFindings(findings).find((g) => g.findings.some((f) => keyOf(f) === key));
  return group ? { group, finding: group.findings.find((f) => keyOf(f) === key)! } : null;
}

/** A card just opened on `finding`, not yet measured; `caret` is where the agent was typing. */
export const newCard = (group: CardGroup, finding: Finding, caret: number | null): CardState => ({
  group,
  finding,
  position: null,
  notice: null,
  busy: false,
  caret,
  turnedOff: false,
  expanded: false,
});

/**
 * Moves the open card to the group over its words in `text` (`followed` follows them through
 * edits), on the same rule where that rule still flags them. False when the card should close:
 * its words are no longer flagged, and it is neither applying nor saying why an apply did
 * nothing. A card saying its rule is off stays as it is (another rule may flag its words now).
 */
export function followCard(card: CardState, followed: OpenCard, text: string, findings: readonly Finding[]): boolean {
  if (card.turnedOff) return true;
  const group = followed.follow(text, groupFindings(findings));
  if (!group) return !!card.notice || card.busy;
  card.group = group;
  card.finding = group.findings.find((f) => f.ruleId === card.finding.ruleId) ?? group.findings[0];
  return true;
}
