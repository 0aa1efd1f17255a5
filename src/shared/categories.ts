// The coaching categories' labels and colours (shared/design/coaching.md), for the card, its
// underlines and the options page; the ids are the engine's CORE_CATEGORIES. Packs' own categories share "Other".
import type { CoreCategory } from '../engine/types';

export interface CategoryStyle {
  label: string;
  colour: string;
}

const CORE: Record<CoreCategory, CategoryStyle> = {
  cant: { label: "Can't", colour: '#e8590c' },
  blame: { label: 'Blame', colour: '#c2255c' },
  broken: { label: 'Capable customer', colour: '#7048e8' },
  apology: { label: 'Apology', colour: '#1c7ed6' },
  policy: { label: 'Policy', colour: '#2b8a3e' },
};
const OTHER: CategoryStyle = { label: 'Other', colour: '#5c677d' };

/** The legend, in the order the card lists it. */
export const LEGEND: readonly CategoryStyle[] = [...Object.values(CORE), OTHER];

export function categoryStyle(category: string): CategoryStyle {
  return Object.hasOwn(CORE, category) ? CORE[category as CoreCategory] : OTHER;
}
