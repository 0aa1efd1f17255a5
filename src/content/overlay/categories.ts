// Underline colours per coaching category (shared/design/coaching.md); packs' own categories share "other".
export interface CategoryStyle {
  label: string;
  colour: string;
}

const CORE: Record<string, CategoryStyle> = {
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
  return Object.hasOwn(CORE, category) ? CORE[category] : OTHER;
}
