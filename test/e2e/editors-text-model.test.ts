// The shared text model on editor markup, in a real browser: what the engine reads (line breaks,
// skipped quotes and signatures, invisible fillers left out) and the offsets that map back to the
// agent's words. No extension needed: the page runs the module itself.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { browserUnderTest, CHROMIUM_FLAGS } from './support/browser';

let browser: Browser;
let server: FixtureServer;
let page: Page;

beforeAll(async () => {
  server = await startFixtureServer({ port: 0 });
  browser =
    browserUnderTest() === 'chrome'
      ? await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, pipe: true, args: CHROMIUM_FLAGS })
      : await puppeteer.launch({ browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', headless: true });
  page = await browser.newPage();
  await page.goto(`${server.url}/text-model/`);
  await page.waitForFunction(() => 'textModel' in window);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Reading {
  text: string;
  skip: { start: number; end: number }[];
  roundTrip: number[];
  flagged: string | null;
}

function read(html: string, words = ''): Promise<Reading> {
  return page.evaluate(
    (h, w) => {
      const model = (window as unknown as { textModel: { read(h: string): Omit<Reading, 'flagged'> & { words(n: string): string | null } } }).textModel;
      const r = model.read(h);
      return { text: r.text, skip: r.skip, roundTrip: r.roundTrip, flagged: w ? r.words(w) : null };
    },
    html,
    words,
  );
}

const identity = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => i);

test('paragraphs become lines, an empty paragraph a blank line, a <br> a line break', async () => {
  const r = await read("<p>Hi Dana,</p><p><br></p><p>Thanks.<br>We can't ship it.</p>", "We can't");
  expect(r.text).toBe("Hi Dana,\n\nThanks.\nWe can't ship it.");
  expect(r.flagged).toBe("We can't");
  expect(r.skip).toEqual([]);
});

test('offsets map to DOM positions and back, at every offset', async () => {
  const r = await read('<p>One <b>two</b> three</p><ul><li>four</li><li>five</li></ul><p>six</p>');
  expect(r.text).toBe('One two three\nfour\nfive\nsix');
  expect(r.roundTrip).toEqual(identity(r.text));
});

test('non-breaking spaces read as spaces; zero-width fillers are left out without shifting words', async () => {
  const r = await read("<p>we\u00a0can't\u200b help\u2060\u2060 today</p>", "can't help");
  expect(r.text).toBe("we can't help today");
  expect(r.flagged).toBe("can't help");
});

test('quoted history and signatures are read but skipped; placeholders are not text', async () => {
  const html =
    '<p>Sorry, we cannot.</p><blockquote><p>On Monday you wrote:</p><p>We can\'t log in.</p></blockquote>' +
    '<div class="signature">Sam, support</div><span class="fr-placeholder">Type your reply</span>';
  const r = await read(html);
  expect(r.text).toBe("Sorry, we cannot.\nOn Monday you wrote:\nWe can't log in.\nSam, support");
  expect(r.skip.map((s) => r.text.slice(s.start, s.end).trim())).toEqual(["On Monday you wrote:\nWe can't log in.\nSam, support"]);
});

test('source formatting between blocks is not text', async () => {
  const r = await read('\n  <p>First line.</p>\n  <p>Second line.</p>\n');
  expect(r.text).toBe('First line.\nSecond line.');
});
