// Helpers for the editor tests: what a person sees of CanDo on a help-desk page (underlines and
// the card in the <cando-overlay> shadow root), typed input, and the test pack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../../scripts/fixture-server.mjs';
import { collectErrors, launchWithExtension, openExtensionPage, repoRoot, type ExtensionBrowser } from './browser';

export const E2E_PACK = readFileSync(join(repoRoot, 'test/fixtures/packs/e2e-coaching.json'), 'utf8');
export const CANT_RULE = 'e2e/we-cant';
export const BLAME_RULE = 'e2e/courier-fault';

/**
 * The common start of a coaching test: the fixture server, the browser under test with CanDo
 * coaching with the test pack only, and a page whose errors are collected.
 */
export async function startCoaching(): Promise<{ server: FixtureServer; ctx: ExtensionBrowser; page: Page; errors: string[] }> {
  const server = await startFixtureServer({ port: 0 });
  try {
    const ctx = await launchWithExtension();
    await useOnlyTestPack(ctx);
    const page = await ctx.browser.newPage();
    return { server, ctx, page, errors: collectErrors(page) };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** Opens a fixture page and waits until its editors are ready. */
export async function openFixture(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { fixtureReady?: Promise<boolean> }).fixtureReady);
}

/** Imports the test pack (or another pack file's `json`) through the options page's own request, as an agent importing a file would. */
export async function importTestPack(ctx: ExtensionBrowser, json = E2E_PACK): Promise<void> {
  await withOptionsPage(ctx, async (send) => {
    const imported = await send({ type: 'pack-import', json });
    if (imported?.type !== 'ok') throw new Error(`test pack refused: ${JSON.stringify(imported)}`);
  });
}

/**
 * Imports the test pack and switches every other pack off (as an agent unticking packs would), so
 * the findings, and the suggestions an apply inserts, are exactly the test pack's.
 */
export async function useOnlyTestPack(ctx: ExtensionBrowser): Promise<void> {
  await importTestPack(ctx);
  await withOptionsPage(ctx, async (send) => {
    const state = (await send({ type: 'options-state' })) as { packs: { id: string; enabled: boolean }[] };
    for (const pack of state.packs) {
      if (pack.id === 'e2e' || !pack.enabled) continue;
      const answer = await send({ type: 'pack-set-enabled', packId: pack.id, enabled: false });
      if (answer?.type !== 'ok') throw new Error(`could not switch off ${pack.id}: ${JSON.stringify(answer)}`);
    }
  });
}

/**
 * In the options page: sends a request as the product's client does, trying again when the
 * background is not there to receive it. Firefox answers "Receiving end does not exist" to a message
 * that wakes an unloaded idle event page (a test shortens the idle time to 5 s), and Chromium can
 * while a stopped service worker starts.
 */
async function sendWithRetry(message: object): Promise<{ type?: string } | undefined> {
  // On a loaded machine the unload and the next start take seconds, not milliseconds.
  const deadline = Date.now() + 30000;
  for (;;) {
    try {
      return await (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.sendMessage(message);
    } catch (e) {
      if (Date.now() > deadline || !String(e).includes('Receiving end does not exist')) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function withOptionsPage(ctx: ExtensionBrowser, use: (send: (message: object) => Promise<{ type?: string } | undefined>) => Promise<void>) {
  const page = await openExtensionPage(ctx, 'options.html');
  try {
    await use((message) => page.evaluate(sendWithRetry, message));
  } finally {
    await page.close();
  }
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
export interface SeenUnderline extends Box {
  ruleId: string;
  category: string;
}

/** Underlines drawn in a frame's document (viewport coordinates of that frame). */
export function underlines(frame: Page | Frame): Promise<SeenUnderline[]> {
  return frame.evaluate(() => {
    const host = document.querySelector('cando-overlay');
    const root = host?.shadowRoot;
    if (!root) return [];
    return Array.from(root.querySelectorAll<HTMLElement>('[data-rule-id].underline')).map((el) => {
      const r = el.getBoundingClientRect();
      return { ruleId: el.dataset.ruleId!, category: el.dataset.category!, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
  });
}

/** Waits until underlines of exactly these test-pack rules are drawn (in any number). */
export async function waitForUnderlines(frame: Page | Frame, ruleIds: string[], timeout = 15000): Promise<SeenUnderline[]> {
  const deadline = Date.now() + timeout;
  let seen: SeenUnderline[] = [];
  while (Date.now() < deadline) {
    seen = await underlines(frame);
    // Only the test pack's rules count: built-in packs may flag more.
    const rules = new Set(seen.map((u) => u.ruleId).filter((id) => id.startsWith('e2e/')));
    if (ruleIds.every((id) => rules.has(id)) && [...rules].every((id) => ruleIds.includes(id))) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected underlines for ${ruleIds.join(', ')}; saw ${JSON.stringify(seen)}`);
}

/**
 * In the page (passed to evaluate, or installed with installWordMeasures): viewport boxes of the
 * first occurrence of `needle` in the text under `root`, from DOM ranges.
 */
export function textBoxesIn(root: Element, needle: string): Box[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const at = node.data.replace(/\u00a0/g, ' ').indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + needle.length);
    return Array.from(range.getClientRects()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
  }
  return [];
}

/**
 * Viewport boxes of the first occurrence of `words` in the editor's text (contenteditable: DOM
 * ranges; textarea: none, the caller compares with the field's box instead).
 */
export function wordBoxes(frame: Page | Frame, editorSelector: string, words: string): Promise<Box[]> {
  return frame.$eval(editorSelector, textBoxesIn, words);
}

/** Asserts that the underlines of a rule sit under the given word boxes (same horizontal extent, on the line). */
export function expectUnderlinesAt(seen: SeenUnderline[], ruleId: string, boxes: Box[]): void {
  const lines = seen.filter((u) => u.ruleId === ruleId);
  expect(boxes.length).toBeGreaterThan(0);
  expect(lines).toHaveLength(boxes.length);
  for (const [i, box] of boxes.entries()) {
    const line = lines[i];
    expect(Math.abs(line.left - box.left)).toBeLessThan(2);
    expect(Math.abs(line.right - box.right)).toBeLessThan(2);
    expect(line.bottom).toBeGreaterThan(box.top);
    expect(line.top).toBeLessThan(box.bottom + 4);
  }
}

/**
 * Clicks the middle of `box` (the flagged words, in the page's viewport) and then the card's
 * suggestion button, as the agent would. The card is always in the page: CanDo shows it in the
 * top document, also for an editor inside a same-origin iframe.
 */
export async function applyFirstSuggestion(page: Page, box: Box, sentence: string): Promise<void> {
  await page.mouse.click((box.left + box.right) / 2, (box.top + box.bottom) / 2);
  const firstChoice = `cando-overlay >>> .card button.suggestion`;
  await page.waitForSelector(firstChoice, { timeout: 10000 });
  // The card shows the sentence as the first choice makes it, once the analysis of the words as
  // typed has arrived: a card opened on the previous answer (the last keystroke's analysis still
  // under way) offers that answer's choices until the newer one replaces them.
  const shows = async () => (await page.$(firstChoice))?.evaluate((b) => b.textContent);
  const deadline = Date.now() + 10000;
  while ((await shows()) !== sentence && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(await shows()).toBe(sentence);
  const button = await page.$(firstChoice);
  // The mouse at the button's place (element clicks inside a shadow root fail over Firefox's BiDi).
  const at = await button!.evaluate((b) => {
    const r = b.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(at.x, at.y);
}

/** A box in an iframe's viewport, in the page's viewport: moved by the frame's content box (inside its border and padding). */
export async function inPage(frame: Frame, box: Box): Promise<Box> {
  const origin = await (await frame.frameElement())!.evaluate((f) => {
    const r = f.getBoundingClientRect();
    const style = getComputedStyle(f);
    return { x: r.left + f.clientLeft + parseFloat(style.paddingLeft), y: r.top + f.clientTop + parseFloat(style.paddingTop) };
  });
  return { left: box.left + origin.x, top: box.top + origin.y, right: box.right + origin.x, bottom: box.bottom + origin.y };
}

/**
 * In the page (see textBoxesIn): viewport box of `needle` in a single-line text field's value,
 * measured with the field's own font (independent of the product's mirror technique).
 */
export function fieldBoxIn(field: HTMLTextAreaElement | HTMLInputElement, needle: string): Box {
  const style = getComputedStyle(field);
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const at = field.value.indexOf(needle);
  const r = field.getBoundingClientRect();
  const left = r.left + field.clientLeft + parseFloat(style.paddingLeft) + context.measureText(field.value.slice(0, at)).width;
  const top = r.top + field.clientTop + parseFloat(style.paddingTop);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  return { left, top, right: left + context.measureText(needle).width, bottom: top + lineHeight };
}

/** Viewport box of `words` in a single-line textarea value (see fieldBoxIn). */
export function fieldWordBox(frame: Page | Frame, selector: string, words: string): Promise<Box> {
  return frame.$eval(selector, fieldBoxIn as (el: Element, needle: string) => Box, words);
}

/** The in-page word measures as `window.wordMeasures`, for code that measures inside the page (in a frame callback). */
export interface WordMeasures {
  text: typeof textBoxesIn;
  field: typeof fieldBoxIn;
}
export async function installWordMeasures(frame: Page | Frame): Promise<void> {
  await frame.evaluate(`window.wordMeasures = { text: ${textBoxesIn}, field: ${fieldBoxIn} }`);
}

/** Keys that undo in the editor, as the agent presses them. */
export async function undo(page: Page): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('KeyZ');
  await page.keyboard.up('Control');
}

/** Records every network request that goes anywhere but the local fixture server (data: URLs stay in the browser). */
export async function recordLeavingRequests(page: Page, localUrl: string): Promise<string[]> {
  const leaving: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (/^(https?|wss?):/.test(url) && !url.startsWith(`${localUrl}/`)) leaving.push(url);
    void request.continue();
  });
  return leaving;
}

/** Whether an underline of `ruleId` lies under each of `boxes` (other underlines may be drawn too). */
export function underlinedAt(seen: SeenUnderline[], ruleId: string, boxes: Box[]): boolean {
  const near = (u: SeenUnderline, b: Box) => u.ruleId === ruleId && Math.abs(u.left - b.left) < 2 && Math.abs(u.right - b.right) < 2 && u.bottom > b.top && u.top < b.bottom + 4;
  return boxes.length > 0 && boxes.every((b) => seen.some((u) => near(u, b)));
}

/** Waits until an underline of `ruleId` lies under each of `boxes` (other underlines may be drawn too). */
export async function waitForUnderlinesAt(frame: Page | Frame, ruleId: string, boxes: Box[], timeout = 10000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: SeenUnderline[] = [];
  while (Date.now() < deadline) {
    seen = await underlines(frame);
    if (underlinedAt(seen, ruleId, boxes)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${ruleId} underlines at ${JSON.stringify(boxes)}; saw ${JSON.stringify(seen)}`);
}
