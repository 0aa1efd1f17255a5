// Geometry of the overlay, in viewport (client) coordinates: where the editor's text is visible,
// where an editor's frame shows it in the top document, and where the card goes so that it never
// covers the flagged line.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const intersect = (a: Box, b: Box): Box => ({
  left: Math.max(a.left, b.left),
  top: Math.max(a.top, b.top),
  right: Math.min(a.right, b.right),
  bottom: Math.min(a.bottom, b.bottom),
});

export const isEmpty = (b: Box): boolean => b.right <= b.left || b.bottom <= b.top;

/** The padding box of an element without its scrollbars: what its overflow clipping lets through. */
function clientBox(el: Element): Box {
  const r = el.getBoundingClientRect();
  const left = r.left + el.clientLeft;
  const top = r.top + el.clientTop;
  return { left, top, right: left + el.clientWidth, bottom: top + el.clientHeight };
}

/** Parent element, stepping out of shadow roots, so clipping by a shadow host's ancestors counts too. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  // A frame's ShadowRoot comes from another realm than ours: test the node, not the class.
  const root = el.getRootNode() as Partial<ShadowRoot>;
  return root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && root.host ? root.host : null;
}

/**
 * The part of `element` the agent can see: its own box cut by every ancestor that clips its
 * overflow and by the viewport. Underlines are clipped to it, so they never stick out of a
 * scrolled editor and never add scrollbars to the page.
 */
export function visibleBox(element: Element): Box {
  const view = element.ownerDocument.defaultView;
  let box = clientBox(element);
  for (let el = parentOf(element); el && el !== element.ownerDocument.documentElement; el = parentOf(el)) {
    const style = view?.getComputedStyle(el);
    if (style && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) box = intersect(box, clientBox(el));
    if (style?.position === 'fixed') break;
  }
  const viewport = { left: 0, top: 0, right: view?.innerWidth ?? 0, bottom: view?.innerHeight ?? 0 };
  return intersect(box, viewport);
}

/** The frame element that shows `doc`, when its parent document is one we can reach (same origin). */
function frameOf(doc: Document): Element | null {
  try {
    return doc.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}

/** The documents from `doc` up through its same-origin parent frames; the last is where the overlay goes. */
export function documentChain(doc: Document): Document[] {
  const chain = [doc];
  for (let frame = frameOf(doc); frame; frame = frameOf(frame.ownerDocument)) chain.push(frame.ownerDocument);
  return chain;
}

/**
 * How a document's viewport shows in the top of its chain: where its origin is, and the part of
 * it seen through every frame box on the way up (each frame's content box, clipped like any
 * element by its own document); null for the top document itself.
 */
export interface FrameView {
  x: number;
  y: number;
  clip: Box | null;
}

export function frameView(doc: Document): FrameView {
  let x = 0;
  let y = 0;
  let clip: Box | null = null;
  for (let frame = frameOf(doc); frame; frame = frameOf(frame.ownerDocument)) {
    const r = frame.getBoundingClientRect();
    const style = frame.ownerDocument.defaultView!.getComputedStyle(frame);
    const padding = { left: parseFloat(style.paddingLeft), top: parseFloat(style.paddingTop), right: parseFloat(style.paddingRight), bottom: parseFloat(style.paddingBottom) };
    const left = r.left + frame.clientLeft + padding.left;
    const top = r.top + frame.clientTop + padding.top;
    const content = { left, top, right: left + frame.clientWidth - padding.left - padding.right, bottom: top + frame.clientHeight - padding.top - padding.bottom };
    let seen = intersect(content, visibleBox(frame));
    if (clip) seen = intersect(seen, shiftBox(clip, left, top));
    clip = seen;
    x += left;
    y += top;
  }
  return { x, y, clip };
}

export const shiftBox = (b: Box, dx: number, dy: number): Box => ({ left: b.left + dx, top: b.top + dy, right: b.right + dx, bottom: b.bottom + dy });

const GAP = 6;
const MARGIN = 8;

const fits = (top: number, height: number, viewport: { height: number }) => top >= MARGIN && top + height <= viewport.height - MARGIN;
export const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Where the card goes: below the flagged lines when it fits in the viewport, otherwise above
 * them, otherwise on the side with more room; horizontally aligned with the flagged text and kept
 * inside the viewport. Nor does it cover `caret` (the agent's typing position) or `others` (other
 * flagged words) when another place next to the flagged lines avoids them; failing that, it keeps
 * clear of the caret alone, and failing that too, it goes below the caret's line.
 */
export function placeCard(
  flagged: readonly Box[],
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  caret: Box | null = null,
  others: readonly Box[] = [],
): { left: number; top: number } {
  const top = Math.min(...flagged.map((r) => r.top));
  const bottom = Math.max(...flagged.map((r) => r.bottom));
  const belowTop = bottom + GAP;
  const aboveTop = top - GAP - card.height;
  const spaceBelow = viewport.height - bottom - GAP - MARGIN;
  const spaceAbove = top - GAP - MARGIN;
  const below = card.height <= spaceBelow || (card.height > spaceAbove && spaceBelow >= spaceAbove);
  const left = Math.max(MARGIN, Math.min(flagged[0].left, viewport.width - card.width - MARGIN));
  const at = (t: number) => ({ left, top: t });
  const clear = (t: number, avoid: readonly (Box | null)[]) => !avoid.some((b) => b && overlaps({ left, top: t, right: left + card.width, bottom: t + card.height }, b));
  const [first, second] = below ? [belowTop, aboveTop] : [aboveTop, belowTop];
  for (const avoid of [[caret, ...others], [caret]]) {
    if (clear(first, avoid)) return at(first);
    if (clear(second, avoid) && fits(second, card.height, viewport)) return at(second);
  }
  return at(Math.max(caret!.bottom, bottom) + GAP);
}

export const contains = (b: Box, x: number, y: number): boolean => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
