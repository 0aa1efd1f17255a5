// `npm run bench:browser`: what CanDo costs the agent in a real Chromium, on the Zendesk-like
// fixture (CKEditor 5). Prints keystroke-to-underline latency (p50, p95) while a 2,000-word draft
// is written (when the agent pauses after flagged words, and when they type on), the host page's long tasks (>= 50 ms) with and without CanDo, and the content
// script's bundle size. Then, on pages with 5,000 editors of several kinds (scripts/scale-pages.mjs),
// the page's load time, its long tasks while loading and while scrolled through, and the JS heap,
// with and without CanDo. Figures only: nothing here passes or fails.
// `npm run bench:browser -- --scale` runs the 5,000-editor pages alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAll, dist } from './build.mjs';
import { startFixtureServer } from './fixture-server.mjs';
import { launchChromium } from './browser-launch.mjs';
import { SCALE_PAGES, scaleRoutes, scrollThrough } from './scale-pages.mjs';

const TARGET_WORDS = 2000;
const SCALE_EDITORS = 5000;
/** How long a scale page is left alone after its editors are all in: CanDo's scans and starts run then. */
const SCALE_SETTLE_MS = 3000;
/** Runs per scale page and browser: figures on a shared machine vary from run to run. */
const SCALE_RUNS = 3;
const KEY_DELAY_MS = 30; // a fast typist: about 400 characters a minute
const EDITABLE = '[data-pane="main"] .ck-editor__editable';

// Each round pastes a neutral passage as one input (like an agent pasting a macro), then types a
// sentence CanDo flags, one key at a time; the latency is measured on that sentence.
const PASSAGE =
  'Thanks for getting back to me about the delivery of your order. I checked the shipment and the parcel ' +
  'left our warehouse on Monday morning. The carrier shows it in transit to your local depot, and it ' +
  'should reach you within two working days. ';
const FLAGGED = [
  "Unfortunately we can't refund the order. ",
  "That's not my department, so contact billing. ",
  'Did you even read the setup guide? ',
  "I'm sorry you feel that way about it. ",
  "That's our policy, so rules are rules. ",
  "We are unable to change the address now. ",
];

const words = (s) => s.trim().split(/\s+/).length;

/** Runs in the page before its scripts: records long tasks, keystrokes, and every change in the number of underlined findings. */
function instrument() {
  window.__bench = { longTasks: [], keys: [], underlineChanges: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  addEventListener('keydown', (e) => window.__bench.keys.push(e.timeStamp), true);
  let watched = null;
  // Findings, not boxes: a finding that wraps onto two lines draws two boxes.
  const count = () => new Set(Array.from(watched.querySelectorAll('.underline'), (u) => `${u.dataset.ruleId}@${u.dataset.start}`)).size;
  const watch = () => {
    const root = document.querySelector('cando-overlay')?.shadowRoot;
    if (!root || root === watched) return;
    watched = root;
    let last = count();
    new MutationObserver(() => {
      const now = count();
      if (now !== last) window.__bench.underlineChanges.push({ at: performance.now(), count: now });
      last = now;
    }).observe(root, { childList: true, subtree: true });
  };
  new MutationObserver(watch).observe(document, { childList: true, subtree: true });
}

async function session(extensionDir, server) {
  const browser = await launchChromium({ extensionDir });
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(instrument);
    await page.goto(`${server.url}/zendesk-workspace/`);
    await page.waitForFunction(() => window.fixtureReady, { timeout: 30000 });
    const completes = extensionDir ? await flaggedEnds(browser) : [];
    await page.bringToFront();
    await page.click(EDITABLE);
    let draftWords = 0;
    // Even rounds stop typing right after the key that makes the sentence flaggable (the agent
    // pauses); odd rounds type the sentence straight through (the agent keeps typing).
    const paused = [];
    const typingOn = [];
    for (let round = 0; draftWords < TARGET_WORDS; round++) {
      await page.keyboard.sendCharacter(PASSAGE);
      await settle(page);
      const sentence = FLAGGED[round % FLAGGED.length];
      const flaggableAt = completes[round % FLAGGED.length];
      const mark = await page.evaluate(() => ({
        index: window.__bench.underlineChanges.length,
        keyIndex: window.__bench.keys.length,
        count: window.__bench.underlineChanges.at(-1)?.count ?? 0,
      }));
      const pause = Boolean(flaggableAt) && round % 2 === 0;
      await page.keyboard.type(pause ? sentence.slice(0, flaggableAt) : sentence, { delay: KEY_DELAY_MS });
      if (flaggableAt) {
        const latency = await latencyAfter(page, mark, flaggableAt);
        if (latency !== null) (pause ? paused : typingOn).push(latency);
      }
      if (pause) await page.keyboard.type(sentence.slice(flaggableAt), { delay: KEY_DELAY_MS });
      draftWords += words(PASSAGE) + words(sentence);
    }
    await settle(page);
    const { longTasks } = await page.evaluate(() => window.__bench);
    const typedWords = await page.$eval(EDITABLE, (e) => e.innerText.trim().split(/\s+/).length);
    return { paused, typingOn, longTasks, typedWords };
  } finally {
    await browser.close();
  }
}

/** Waits until the underlines have not changed for 400 ms (analysis of the pasted passage done). */
async function settle(page) {
  await page.waitForFunction(
    () => {
      const changes = window.__bench.underlineChanges;
      const last = changes.length ? changes[changes.length - 1].at : 0;
      return performance.now() - last > 400;
    },
    { polling: 50, timeout: 10000 },
  );
}

/**
 * For each flagged sentence, how many of its characters must be typed before CanDo flags anything
 * in it (the shortest flagged prefix), asked of CanDo's own background.
 */
async function flaggedEnds(browser) {
  const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
  const page = await browser.newPage();
  await page.goto(new URL('popup.html', worker.url()).href);
  const ends = [];
  for (const sentence of FLAGGED) {
    ends.push(
      await page.evaluate(async (s) => {
        for (let i = 1; i <= s.length; i++) {
          const reply = await chrome.runtime.sendMessage({ type: 'analyze', version: i, text: s.slice(0, i), skip: [] });
          if (reply.findings.length) return i;
        }
        return null;
      }, sentence),
    );
  }
  await page.close();
  return ends;
}

/**
 * Time from the key after which the sentence was flaggable (`flaggableAt` characters in) to the
 * first rise in the number of underlined findings after `mark`; null if none came within 3 s.
 */
async function latencyAfter(page, mark, flaggableAt) {
  const rise = (m) => window.__bench.underlineChanges.slice(m.index).find((c) => c.count > m.count);
  try {
    await page.waitForFunction(`(${rise})(${JSON.stringify(mark)})`, { polling: 20, timeout: 3000 });
  } catch {
    return null;
  }
  return page.evaluate(`(${rise})(${JSON.stringify(mark)}).at - window.__bench.keys[${mark.keyIndex + flaggableAt - 1}]`);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const longTaskSummary = (tasks) => `${tasks.length} long tasks, ${tasks.reduce((t, e) => t + e.duration, 0).toFixed(0)} ms in total` + (tasks.length ? ` (longest ${Math.max(...tasks.map((e) => e.duration)).toFixed(0)} ms)` : '');

/**
 * One scale page in a browser (with CanDo or without): time to the load event and until every
 * editor is in the DOM, long tasks while it loads and settles and while it is scrolled through,
 * and the renderer's JS heap (the content script's isolated world included).
 */
async function scalePage(browser, url) {
  const page = await browser.newPage();
  try {
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 300000 });
    await page.waitForFunction(() => window.rendered === true, { timeout: 300000, polling: 50 });
    const renderedMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, SCALE_SETTLE_MS));
    const loadTasks = await page.evaluate(() => window.longTasks.length);
    await scrollThrough(page);
    await new Promise((r) => setTimeout(r, 1000));
    const { tasks, loadEventMs } = await page.evaluate(() => ({
      tasks: window.longTasks,
      loadEventMs: performance.getEntriesByType('navigation')[0].loadEventEnd,
    }));
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.enable').then(() => cdp.send('Performance.getMetrics'));
    const heapMB = metrics.find((m) => m.name === 'JSHeapUsedSize').value / 1e6;
    return { loadEventMs, renderedMs, loading: tasks.slice(0, loadTasks), scrolling: tasks.slice(loadTasks), heapMB };
  } finally {
    await page.close();
  }
}

async function scaleBench(extensionDir) {
  const server = await startFixtureServer({ port: 0, routes: scaleRoutes(SCALE_EDITORS) });
  const withBrowser = await launchChromium({ extensionDir });
  const withoutBrowser = await launchChromium({ extensionDir: null });
  try {
    console.log('');
    console.log(`Pages with ${SCALE_EDITORS.toLocaleString('en')} editors, with CanDo / without (median of ${SCALE_RUNS} runs each, longest task of all runs):`);
    for (const [kind, { label }] of Object.entries(SCALE_PAGES)) {
      const url = `${server.url}/scale/${kind}/`;
      const runs = { with: [], without: [] };
      // Alternated, so that load on the machine weighs on both alike.
      for (let run = 0; run < SCALE_RUNS; run++) {
        runs.with.push(await scalePage(withBrowser, url));
        runs.without.push(await scalePage(withoutBrowser, url));
      }
      const pair = (f) => `${f(runs.with)} / ${f(runs.without)}`;
      const median = (rs, f) => percentile(rs.map(f), 50);
      const tasks = (phase) => (rs) => {
        const longest = Math.max(0, ...rs.flatMap((r) => r[phase].map((t) => t.duration)));
        return `${median(rs, (r) => r[phase].length)} (longest ${longest.toFixed(0)} ms)`;
      };
      console.log(`- ${label}:`);
      console.log(`    load event ${pair((rs) => `${median(rs, (r) => r.loadEventMs).toFixed(0)} ms`)}; all editors in the page ${pair((rs) => `${median(rs, (r) => r.renderedMs)} ms`)}`);
      console.log(`    long tasks while loading and ${SCALE_SETTLE_MS / 1000} s after: ${pair(tasks('loading'))}`);
      console.log(`    long tasks while scrolled through:  ${pair(tasks('scrolling'))}`);
      console.log(`    JS heap after: ${pair((rs) => `${median(rs, (r) => r.heapMB).toFixed(1)} MB`)}`);
    }
  } finally {
    await withBrowser.close();
    await withoutBrowser.close();
    await server.close();
  }
}

async function typingBench(extensionDir, contentJs) {
  const server = await startFixtureServer({ port: 0 });
  try {
    console.log(`Typing a ${TARGET_WORDS}-word draft into CKEditor 5 with CanDo…`);
    const withCanDo = await session(extensionDir, server);
    console.log('…and the same draft without CanDo.');
    const without = await session(null, server);

    const ms = (v) => `${v.toFixed(1)} ms`;
    console.log('');
    const figures = (values) =>
      values.length ? `p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))} (${values.length} sentences)` : 'no underline appeared';
    console.log(`Draft: ${withCanDo.typedWords} words, flagged sentences typed at ${KEY_DELAY_MS} ms a key.`);
    console.log(`Keystroke to underline, agent pauses after the flagged words (incl. debounce): ${figures(withCanDo.paused)}  (target p95 <= 100 ms)`);
    console.log(`Keystroke to underline, agent keeps typing the sentence:                       ${figures(withCanDo.typingOn)}`);
    console.log(`Host-page long tasks with CanDo:    ${longTaskSummary(withCanDo.longTasks)}`);
    console.log(`Host-page long tasks without CanDo: ${longTaskSummary(without.longTasks)}`);
    console.log(`Content script: ${(contentJs.length / 1024).toFixed(1)} KB minified, ${(gzipSync(contentJs).length / 1024).toFixed(1)} KB gzipped  (target <= 60 KB minified)`);
  } finally {
    await server.close();
  }
}

console.log('Building the extension (minified)…');
await buildAll();
const extensionDir = join(dist, 'chrome-test');
if (!process.argv.includes('--scale')) await typingBench(extensionDir, readFileSync(join(extensionDir, 'content.js')));
await scaleBench(extensionDir);
