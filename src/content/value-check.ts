// A page's own script can set a text field's value without any event (React restoring a saved
// draft, a help desk inserting a macro). One shared, low-frequency timer per document runs the
// cheap checks registered here (compare the value with the last one read), only while the page is
// visible, and on every selection change in the document (a macro inserted moves the caret).
const CHECK_INTERVAL_MS = 400;

const perDocument = new WeakMap<Document, Set<() => void>>();

/** Runs `check` on the document's shared timer and on its selection changes, until `signal` aborts. */
export function checkValues(doc: Document, check: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  let checks = perDocument.get(doc);
  if (!checks) {
    checks = startChecking(doc);
    perDocument.set(doc, checks);
  }
  checks.add(check);
  signal.addEventListener('abort', () => {
    checks.delete(check);
    // The last check gone: the timer and the listeners go too (startChecking's own abort).
    if (checks.size === 0 && perDocument.get(doc) === checks) perDocument.delete(doc);
  });
}

function startChecking(doc: Document): Set<() => void> {
  const win = doc.defaultView!;
  const checks = new Set<() => void>();
  const stop = new AbortController();
  let timer = 0;
  const run = () => {
    if (checks.size === 0) {
      win.clearInterval(timer);
      stop.abort();
      return;
    }
    for (const check of checks) check();
  };
  const sync = () => {
    win.clearInterval(timer);
    timer = 0;
    if (doc.visibilityState !== 'visible') return;
    run();
    timer = win.setInterval(run, CHECK_INTERVAL_MS);
  };
  doc.addEventListener('visibilitychange', sync, { signal: stop.signal });
  // Text fields fire it at themselves (and it bubbles) or at the document, by browser and version.
  doc.addEventListener('selectionchange', run, { capture: true, passive: true, signal: stop.signal });
  timer = doc.visibilityState === 'visible' ? win.setInterval(run, CHECK_INTERVAL_MS) : 0;
  return checks;
}
