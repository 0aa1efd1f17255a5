// Pages with thousands of editors, for the scale suite (test/e2e/guarantees-scale.test.ts) and
// `npm run bench:browser`: the shapes a help desk takes when it holds many editors at once. Each
// editor has id "e<i>" and starts with the page's draft(i) ('' for none); each page records its
// long tasks (Chromium) in `window.longTasks` from the start, and sets `window.rendered` once all
// its editors are in the DOM.

/** Short drafts the agent left in editors; one in three says "we can't". */
const DRAFTS = [
  'Hi Sam, thanks for writing in. I checked the order for you.',
  "Sorry, we can't ship it to that address.",
  'Thanks for waiting, the parcel left our warehouse on Monday.',
];
const none = () => '';
const every = (i) => DRAFTS[i % DRAFTS.length];
/** Every other editor holds a draft (rows the agent already answered in). */
const everyOther = (i) => (i % 2 ? every(i) : '');

const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>
<script>
  window.longTasks = [];
  try {
    new PerformanceObserver((l) => window.longTasks.push(...l.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
  } catch {} // Firefox has no longtask entries.
</script></head><body>
${body}
</body></html>`;

const rendered = '<script>window.rendered = true;</script>';
const textarea = (i, draft = '') => `<textarea id="e${i}" rows="1" cols="40" aria-label="Reply ${i}">${draft}</textarea>`;
const repeat = (n, row) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

export const SCALE_PAGES = {
  'blank-textareas': {
    label: 'empty textareas',
    draft: none,
    html: (n) => page('Empty textareas', repeat(n, (i) => textarea(i)) + rendered),
  },
  'blank-contenteditables': {
    label: 'empty contenteditables',
    draft: none,
    html: (n) =>
      page('Empty contenteditables', repeat(n, (i) => `<div id="e${i}" contenteditable="true" role="textbox" aria-label="Reply ${i}" style="border:1px solid #ccc;min-height:1.2em"></div>`) + rendered),
  },
  drafts: {
    label: 'textareas holding short drafts',
    draft: every,
    html: (n) => page('Drafts', repeat(n, (i) => textarea(i, every(i))) + rendered),
  },
  'drafts-contenteditable': {
    label: 'contenteditables holding short drafts',
    draft: every,
    html: (n) => page('Rich drafts', repeat(n, (i) => `<div id="e${i}" contenteditable="true" role="textbox" aria-label="Reply ${i}"><p>${every(i)}</p></div>`) + rendered),
  },
  'spa-bursts': {
    label: 'a single-page app rendering rows in bursts after load',
    draft: everyOther,
    html: (n) =>
      page(
        'Rows rendered by script',
        `<main id="app"></main>
<script>
  const DRAFTS = ${JSON.stringify(DRAFTS)};
  const every = ${every};
  const draft = ${everyOther};
  let next = 0;
  function burst() {
    const rows = document.createDocumentFragment();
    for (let k = 0; k < 250 && next < ${n}; k++, next++) {
      const row = document.createElement('div');
      row.className = 'row';
      row.innerHTML = '<span class="name">Ticket ' + next + '</span> <textarea rows="1" cols="40"></textarea>';
      const editor = row.querySelector('textarea');
      editor.id = 'e' + next;
      editor.value = draft(next);
      rows.append(row);
    }
    document.getElementById('app').append(rows);
    if (next < ${n}) setTimeout(burst, 50);
    else window.rendered = true;
  }
  addEventListener('load', () => setTimeout(burst, 0));
</script>`,
      ),
  },
  ticking: {
    label: 'rows whose clocks tick every second',
    draft: everyOther,
    html: (n) =>
      page(
        'Ticking clocks',
        repeat(n, (i) => `<div class="row"><span class="clock">0</span> ${textarea(i, everyOther(i))}</div>`) +
          `<script>
  let seconds = 0;
  setInterval(() => {
    seconds++;
    for (const clock of document.getElementsByClassName('clock')) clock.textContent = String(seconds);
  }, 1000);
</script>` +
          rendered,
      ),
  },
};

/** Fixture-server routes serving every scale page with `n` editors, at /scale/<kind>/. */
export function scaleRoutes(n) {
  return Object.fromEntries(
    Object.entries(SCALE_PAGES).map(([kind, { html }]) => [
      `/scale/${kind}/`,
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html(n));
      },
    ]),
  );
}

/** Scrolls a puppeteer page from its top to its bottom, two frames at each stop, as an agent skimming it would. */
export function scrollThrough(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const height = document.documentElement.scrollHeight;
    const step = Math.max(innerHeight, height / 20);
    for (let y = 0; y < height; y += step) {
      scrollTo(0, y);
      await frame();
      await frame();
    }
    scrollTo(0, height);
    await frame();
    await frame();
  });
}
