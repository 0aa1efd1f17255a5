// Viewport rects of a range of a textarea's (or text input's) value, which has no DOM text to
// measure: a hidden mirror element copies the field's box and text styles, lays out the same text,
// and the range is measured there, shifted by the field's scroll and clipped to its visible box.
const COPIED = [
  'boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'fontFamily', 'fontSize', 'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'lineHeight',
  'letterSpacing', 'wordSpacing', 'textIndent', 'textTransform', 'tabSize', 'direction', 'textAlign',
] as const;

/** The mirror's tag: CanDo's own, so CanDo's watcher (and anyone reading the DOM) can tell the brief mirror from the page's elements. */
export const MIRROR_TAG = 'cando-measure';

export function fieldRects(field: HTMLTextAreaElement | HTMLInputElement, start: number, end: number): DOMRect[] {
  const doc = field.ownerDocument;
  const view = doc.defaultView!;
  const box = field.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return [];
  const style = view.getComputedStyle(field);
  const mirror = doc.createElement(MIRROR_TAG);
  for (const prop of COPIED) mirror.style[prop] = style[prop];
  const multiline = field instanceof view.HTMLTextAreaElement;
  Object.assign(mirror.style, {
    position: 'fixed',
    left: `${box.left}px`,
    top: `${box.top}px`,
    display: 'block',
    visibility: 'hidden',
    pointerEvents: 'none',
    overflow: 'hidden',
    whiteSpace: multiline ? 'pre-wrap' : 'pre',
    overflowWrap: multiline ? 'break-word' : 'normal',
    borderColor: 'transparent',
    margin: '0',
  });
  // A scrollbar narrows the textarea's text box: match its content width.
  if (multiline) mirror.style.width = `${field.clientWidth + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth)}px`;
  const text = doc.createTextNode(field.value);
  mirror.append(text);
  // Under <html>, not <body>: a child added to a body full of inline editors makes the browser lay
  // the whole body out again on the next measure (about 60 ms with 5,000 textareas), per call.
  doc.documentElement.append(mirror);
  try {
    const range = doc.createRange();
    range.setStart(text, Math.min(start, text.length));
    range.setEnd(text, Math.min(end, text.length));
    const inner = {
      left: box.left + field.clientLeft,
      top: box.top + field.clientTop,
      right: box.left + field.clientLeft + field.clientWidth,
      bottom: box.top + field.clientTop + field.clientHeight,
    };
    return Array.from(range.getClientRects())
      .map((r) => new view.DOMRect(r.left - field.scrollLeft, r.top - field.scrollTop, r.width, r.height))
      .filter((r) => r.width > 0 && r.right > inner.left && r.left < inner.right && r.bottom > inner.top && r.top < inner.bottom);
  } finally {
    mirror.remove();
  }
}
