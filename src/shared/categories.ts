// The coaching categories' labels and colours (shared/design/coaching.md), for the card, its
// underlines and the options page; the ids are the engine's CORE_CATEGORIES. A pack's own category
// has the label and colour its pack declared, else it shows as "Other". Severity sets the underline's style.
import type { CategoryStyle, CoreCategory, Severity } from '../engine/types';

export type { CategoryStyle };

const CORE: Record<CoreCategory, CategoryStyle> = {
  cant: { label: "Can't", colour: '#e8590c' },
  blame: { label: 'Blame', colour: '#c2255c' },
  broken: { label: 'Capable customer', colour: '#7048e8' },
  apology: { label: 'Apology', colour: '#1c7ed6' },
  policy: { label: 'Policy', colour: '#2b8a3e' },
};
export const OTHER: CategoryStyle = { label: 'Other', colour: '#5c677d' };

/** The legend, in the order the card lists it. */
export const LEGEND: readonly CategoryStyle[] = [...Object.values(CORE), OTHER];

/** The core categories' names, in the legend's order (the pack editor offers them first). */
export const CORE_CATEGORY_STYLES: readonly (readonly [string, CategoryStyle])[] = Object.entries(CORE);

/** A category's label and colour: the core one's, else what its pack declared, else "Other". */
export function categoryStyle(category: string, declared?: CategoryStyle): CategoryStyle {
  return Object.hasOwn(CORE, category) ? CORE[category as CoreCategory] : (declared ?? OTHER);
}

/** How the card names a severity; the underline is dotted for info, solid for warning, thicker for error. */
export const SEVERITY_LABEL: Record<Severity, string> = { info: 'Tip', warning: 'Warning', error: 'Must fix' };
