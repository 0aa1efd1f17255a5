// What the agent sees and does with the overlay, in a real browser with the built extension:
// underlines over the right words, the card by mouse, hover and keyboard, applying through the
// card, dismiss and turn-off, a hostile page's synthetic clicks, and a draft changed under the card.
import type { ElementHandle, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { collectErrors, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import {
  BLAME_RULE, CANT_RULE, expectUnderlinesAt, fieldWordBox, importTestPack, installWordMeasures, underlinedAt, underlines, waitForUnderlines, waitForUnderlinesAt, wordBoxes,
  type Box, type SeenUnderline, type WordMeasures,
} from './support/coaching';

const DRAFT = "Unfortunately we can't refund it today. It's the courier's fault, not ours.";
/** The card applies the sentence's rewrite (the test pack's suggestion, with the softener before it taken in). */
const CANT_SENTENCE = 'What we can do is refund it today.';
const AFTER_CANT = `${CANT_SENTENCE} It's the courier's fault, not ours.`;

interface EditorCase {
  name: string;
  path: string;
  selector: string;
  /** The editor's own model of the draft, as plain text. */
  model(page: Page): Promise<string>;
}

const EDITORS: EditorCase[] = [
  { name: 'textarea', path: '/plain/', selector: '#plain', model: (p) => p.$eval('#plain', (e) => (e as HTMLTextAreaElement).value) },
  { name: 'contenteditable', path: '/plain/', selector: '#rich', model: (p) => p.$eval('#rich', (e) => e.textContent!.replace(/\u00a0/g, ' ')) },
  {
    name: 'CKEditor 5',
    path: '/zendesk-workspace/',
    selector: '[data-pane="main"] .ck-editor__editable',
    model: (p) =>
      p.evaluate(() => {
        const html = (window as unknown as { fixtureEditors: { main: { getData(): string } } }).fixtureEditors.main.getData();
        const div = document.createElement('div');
        div.innerHTML = html;
        return div.textContent!.replace(/\u00a0/g, ' ');
      }),
  },
];

let ctx: ExtensionBrowser;
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  await importTestPack(ctx);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const CARD = 'cando-overlay >>> .card';

async function openEditor(editor: EditorCase): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  const errors = collectErrors(page);
  await page.goto(`${server.url}${editor.path}`);
  if (editor.path === '/zendesk-workspace/') await page.waitForFunction(() => (window as unknown as { fixtureReady?: unknown }).fixtureReady);
  await page.waitForSelector(editor.selector);
  await page.click(editor.selector);
  await page.keyboard.type(DRAFT);
  return { page, errors };
}

const middle = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function cardInfo(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('cando-overlay')!.shadowRoot!;
    const card = root.querySelector<HTMLElement>('.card');
    if (!card) return null;
    const r = card.getBoundingClientRect();
    const label = root.getElementById(card.getAttribute('aria-labelledby')!)?.textContent ?? null;
    return {
      role: card.getAttribute('role'),
      label,
      ruleId: card.dataset.ruleId!,
      visible: card.style.visibility === 'visible',
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      suggestions: Array.from(card.querySelectorAll('button.suggestion')).map((b) => b.textContent),
      focused: root.activeElement?.className ?? null,
      announced: root.querySelector('[role="status"]')?.textContent ?? '',
      turnOff: !!card.querySelector('button.turn-off'),
      notice: card.querySelector('.notice')?.textContent ?? null,
    };
  });
}

/** What has the focus in the page, and where the caret is in it (field offsets or DOM selection offsets). */
function caret(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement;
    if (active instanceof HTMLTextAreaElement) return { id: active.id, at: [active.selectionStart, active.selectionEnd] };
    const s = getSelection()!;
    return { id: active.id || active.className, at: [s.focusNode?.textContent, s.focusOffset] };
  });
}

async function waitForCard(page: Page, ruleId: string) {
  await page.waitForFunction(
    (id) => {
      const card = document.querySelector('cando-overlay')?.shadowRoot?.querySelector<HTMLElement>('.card');
      return card?.dataset.ruleId === id && card.style.visibility === 'visible';
    },
    { timeout: 10000 },
    ruleId,
  );
  return (await cardInfo(page))!;
}

interface RecordedFrame {
  /** The editor's text in that frame, as the DOM holds it (an editor may swap a space for a no-break space, which wraps differently). */
  text: string;
  underlines: SeenUnderline[];
  card: string | null;
  /** Where the words the test follows were in that frame (a textarea: their box on its first line). */
  words: Record<string, Box[]>;
}

/**
 * From now on, records what the overlay shows in the first frame after each change of the editor's
 * text (an input event for a textarea; a DOM change for a contenteditable, whose editor may cancel
 * input events): the test pack's underlines, the card, and where `words` are, all measured in the
 * page as that frame paints them: after every animation-frame callback of the frame (the overlay
 * draws in one), when the page's layout is done (a ResizeObserver's first report comes then, before
 * the paint). Measured later, from the test, a busy machine may have moved on to another frame.
 */
async function recordNextFrames(page: Page, selector: string, words: string[]) {
  await installWordMeasures(page);
  await page.evaluate((sel, needles) => {
    const editor = document.querySelector<HTMLElement>(sel)!;
    const measure = (window as unknown as { wordMeasures: WordMeasures }).wordMeasures;
    const frames: RecordedFrame[] = [];
    (window as unknown as { nextFrames: RecordedFrame[] }).nextFrames = frames;
    const record = () => {
      const root = document.querySelector('cando-overlay')!.shadowRoot!;
      const card = root.querySelector<HTMLElement>('.card');
      frames.push({
        text: editor instanceof HTMLTextAreaElement ? editor.value : editor.textContent!,
        underlines: Array.from(root.querySelectorAll<HTMLElement>('.underline[data-rule-id^="e2e/"]')).map((u) => {
          const r = u.getBoundingClientRect();
          return { ruleId: u.dataset.ruleId!, category: u.dataset.category!, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        }),
        card: card?.style.visibility === 'visible' ? card.dataset.ruleId! : null,
        words: Object.fromEntries(needles.map((w) => [w, editor instanceof HTMLTextAreaElement ? [measure.field(editor, w)] : measure.text(editor, w)])),
      });
    };
    const snapshot = () =>
      requestAnimationFrame(() => {
        const painting = new ResizeObserver(() => {
          painting.disconnect();
          record();
        });
        painting.observe(document.documentElement);
      });
    if (editor instanceof HTMLTextAreaElement) editor.addEventListener('input', snapshot);
    else new MutationObserver(snapshot).observe(editor, { childList: true, subtree: true, characterData: true });
  }, selector, words);
}

/** The first frame drawn once the editor's DOM held the text it holds now. */
async function firstFrameAsNow(page: Page, selector: string): Promise<RecordedFrame> {
  const now = await page.$eval(selector, (e) => (e instanceof HTMLTextAreaElement ? e.value : e.textContent!));
  const handle = await page.waitForFunction((t) => (window as unknown as { nextFrames: RecordedFrame[] }).nextFrames.find((f) => f.text === t), { timeout: 10000 }, now);
  return (await handle.jsonValue()) as RecordedFrame;
}

const waitForNoCard = (page: Page) => page.waitForFunction(() => !document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card'), { timeout: 10000 });

describe.each(EDITORS)('$name', (editor) => {
  test('underlines sit under the flagged words, the card opens by mouse and applies a suggestion', async () => {
    const { page, errors } = await openEditor(editor);
    const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
    expect(seen.find((u) => u.ruleId === CANT_RULE)!.category).toBe('cant');
    expect(seen.find((u) => u.ruleId === BLAME_RULE)!.category).toBe('blame');
    const cantBoxes = seen.filter((u) => u.ruleId === CANT_RULE);
    if (editor.name === 'textarea') {
      // A textarea exposes no text boxes: clicking the underline's ends must put the caret at the flagged words' ends.
      const [first] = cantBoxes;
      await page.mouse.click(first.left + 1, middle(first).y);
      expect(await page.$eval('#plain', (e) => (e as HTMLTextAreaElement).selectionStart)).toBe(DRAFT.indexOf("we can't"));
      await page.keyboard.press('Escape');
      await page.mouse.click(first.right - 1, middle(first).y);
      expect(await page.$eval('#plain', (e) => (e as HTMLTextAreaElement).selectionStart)).toBe(DRAFT.indexOf("we can't") + "we can't".length);
      await page.keyboard.press('Escape');
    } else {
      expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, editor.selector, "we can't"));
      expectUnderlinesAt(seen, BLAME_RULE, await wordBoxes(page, editor.selector, "the courier's fault"));
    }

    await page.mouse.click(middle(cantBoxes[0]).x, middle(cantBoxes[0]).y);
    const card = await waitForCard(page, CANT_RULE);
    // The card names the problem clicked first (a built-in context rule may flag the same sentence), and shows the sentence rewritten.
    expect(card).toMatchObject({ role: 'dialog', suggestions: [CANT_SENTENCE], turnOff: true });
    expect(card.label).toMatch(/^Lead with what you can do\./);
    expect(card.announced).toContain('Lead with what you can do.');
    for (const box of cantBoxes) expect(overlaps(card.box, box)).toBe(false);
    // Opened by mouse, the card leaves the focus in the editor.
    expect((await caret(page)).id).not.toBe('');

    // A page script clicking our button is ignored: only the agent's own clicks count.
    await page.evaluate(() => document.querySelector('cando-overlay')!.shadowRoot!.querySelector<HTMLElement>('.card button.suggestion')!.click());
    await new Promise((r) => setTimeout(r, 300));
    expect(await editor.model(page)).toBe(DRAFT);

    const button = await page.waitForSelector(`${CARD} button.suggestion`);
    await button!.click();
    await waitForNoCard(page);
    await expect(editor.model(page)).resolves.toBe(AFTER_CANT);
    await waitForUnderlines(page, [BLAME_RULE]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the card opens from the caret with Alt+Enter, Esc puts the caret back, Enter applies', async () => {
    const { page, errors } = await openEditor(editor);
    await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
    // Caret inside "fault": the end of the draft, then back past ", not ours." and two letters.
    for (let i = 0; i < ', not ours.'.length + 2; i++) await page.keyboard.press('ArrowLeft');
    const before = await caret(page);

    await page.keyboard.down('Alt');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Alt');
    const card = await waitForCard(page, BLAME_RULE);
    expect(card.focused).toBe('suggestion');
    expect(await editor.model(page)).toBe(DRAFT); // Alt+Enter typed nothing

    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    expect(await caret(page)).toEqual(before);

    await page.keyboard.down('Alt');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Alt');
    // Enter applies the first choice: the blame sentence as the card shows it rewritten (built-in
    // rules flag its words too, so the card is theirs and the test pack's together).
    const [firstChoice] = (await waitForCard(page, BLAME_RULE)).suggestions;
    expect(firstChoice).not.toMatch(/courier's fault/);
    await page.keyboard.press('Enter');
    await waitForNoCard(page);
    await expect(editor.model(page)).resolves.toBe(DRAFT.replace("It's the courier's fault, not ours.", firstChoice!));
    await waitForUnderlines(page, [CANT_RULE]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.each(EDITORS)('$name', (editor) => {
  test('typing before the flagged words: in the very next frame the underlines are on them, and the open card follows them', async () => {
    const { page, errors } = await openEditor(editor);
    const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
    const blame = seen.find((u) => u.ruleId === BLAME_RULE)!;
    await page.mouse.click(middle(blame).x, middle(blame).y);
    await waitForCard(page, BLAME_RULE);
    await page.keyboard.down('Control');
    await page.keyboard.press('Home');
    await page.keyboard.up('Control');

    // A textarea's box is measured for words on its first line only: the blame words wrap past it.
    const followed = editor.name === 'textarea' ? ["we can't"] : ["we can't", "the courier's fault"];
    await recordNextFrames(page, editor.selector, followed);
    // "we cannot" is flagged only once the background answers for the new text: until then the old findings move.
    const typed = 'Hi Sam, we cannot ';
    await page.keyboard.type(typed);
    // The frame right after the last key, before the background could answer (the request waits for a pause in typing).
    await expect(editor.model(page)).resolves.toBe(typed + DRAFT);
    const next = await firstFrameAsNow(page, editor.selector);
    // True, or what that frame showed instead.
    const underlinedInFrame = (ruleId: string, words: string) => underlinedAt(next.underlines, ruleId, next.words[words]) || `no ${ruleId} on "${words}" in ${JSON.stringify(next)}`;
    expect(underlinedInFrame(CANT_RULE, "we can't")).toBe(true);
    if (followed.includes("the courier's fault")) expect(underlinedInFrame(BLAME_RULE, "the courier's fault")).toBe(true);
    expect(next.card).toBe(BLAME_RULE);

    const boxesOf = async (words: string) => (editor.name === 'textarea' ? [await fieldWordBox(page, editor.selector, words)] : wordBoxes(page, editor.selector, words));
    const cantWords = await boxesOf("we can't");

    // The answer for the new text comes (the typed "we cannot" is underlined): the card is still open on the same words, and clear of them.
    await waitForUnderlinesAt(page, CANT_RULE, [...cantWords, ...(await boxesOf('we cannot'))]);
    const card = await waitForCard(page, BLAME_RULE);
    const blameNow = (await waitForUnderlines(page, [CANT_RULE, BLAME_RULE])).filter((u) => u.ruleId === BLAME_RULE);
    for (const box of blameNow) expect(overlaps(card.box, box)).toBe(false);
    expect(await editor.model(page)).toBe(typed + DRAFT);
    expect(errors).toEqual([]);
    await page.close();
  });
});

test("a textarea's value set by the page's own script, with no event, is coached; replaced by clean text, its underlines go", async () => {
  const page = await ctx.browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${server.url}/plain/`);
  // The agent is looking at this tab: a hidden tab's values are checked only once it is shown again.
  await page.bringToFront();
  // The page's world sets the value, as an app restoring a saved draft or inserting a macro does: no input event, no focus.
  await page.evaluate((draft) => ((document.querySelector('#plain') as HTMLTextAreaElement).value = draft), DRAFT);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  await page.evaluate(() => ((document.querySelector('#plain') as HTMLTextAreaElement).value = 'Thanks for waiting, the refund is on its way.'));
  await page.waitForFunction(() => !document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline[data-rule-id^="e2e/"]'), { timeout: 10000 });
  await page.evaluate((draft) => ((document.querySelector('#plain') as HTMLTextAreaElement).value = draft), DRAFT);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expect(errors).toEqual([]);
  await page.close();
});

test('hovering an underline opens its card; Dismiss removes that underline only', async () => {
  const { page, errors } = await openEditor(EDITORS[1]);
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  const blame = seen.find((u) => u.ruleId === BLAME_RULE)!;
  await page.mouse.move(middle(blame).x, middle(blame).y);
  await waitForCard(page, BLAME_RULE);
  const dismiss = await page.waitForSelector(`${CARD} button.dismiss`);
  await dismiss!.click();
  await waitForNoCard(page);
  await waitForUnderlines(page, [CANT_RULE]);
  expect(await EDITORS[1].model(page)).toBe(DRAFT);
  expect(errors).toEqual([]);
  await page.close();
});

test('applying after the draft changed under the card says so and changes nothing', async () => {
  const { page, errors } = await openEditor(EDITORS[0]);
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  const cant = seen.find((u) => u.ruleId === CANT_RULE)!;
  await page.mouse.click(middle(cant).x, middle(cant).y);
  await waitForCard(page, CANT_RULE);
  // The host app rewrites the field without an input event (as a sync from another tab might),
  // just as the agent clicks the suggestion: the page's own click listener runs first.
  const changed = DRAFT.replace("we can't", 'we cannot');
  await page.evaluate((v) => {
    const field = document.querySelector('#plain') as HTMLTextAreaElement;
    document.addEventListener('click', () => (field.value = v), { capture: true, once: true });
  }, changed);
  const button = await page.waitForSelector(`${CARD} button.suggestion`);
  await button!.click();
  await page.waitForFunction(() => document.querySelector('cando-overlay')!.shadowRoot!.querySelector('.card .notice'), { timeout: 10000 });
  // The card stays to say why nothing happened, even once the changed words are analyzed again.
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expect((await cardInfo(page))!.notice).toBe('The text changed; check again.');
  expect(await EDITORS[0].model(page)).toBe(changed);
  expect(errors).toEqual([]);
  await page.close();
});

test('underlines follow the text when a height-limited editor scrolls, clipped to it, with no page scrollbars', async () => {
  const page = await ctx.browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  const errors = collectErrors(page);
  await page.goto(`${server.url}/plain/`);
  const size = () => page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  const pageSize = await size();
  await page.click('#short');
  await page.keyboard.type(DRAFT);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
  await page.keyboard.type('Kind regards, Sam');
  // The caret is at the end: the editor has scrolled down and the flagged lines are out of its view.
  await page.waitForFunction(() => !document.querySelector('cando-overlay')!.shadowRoot!.querySelector('.underline[data-rule-id^="e2e/"]'), { timeout: 10000 });

  await page.$eval('#short', (e) => (e.scrollTop = 0));
  const seen = await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  expectUnderlinesAt(seen, CANT_RULE, await wordBoxes(page, '#short', "we can't"));
  // The layer that holds the underlines never reaches outside the editor's visible box.
  const [layer, box] = await page.evaluate(() => {
    const underline = document.querySelector('cando-overlay')!.shadowRoot!.querySelector('.underline[data-rule-id="e2e/we-cant"]')!;
    const l = underline.parentElement!.getBoundingClientRect();
    const e = document.querySelector('#short')!;
    const r = e.getBoundingClientRect();
    return [
      { left: l.left, top: l.top, right: l.right, bottom: l.bottom },
      { left: r.left + e.clientLeft, top: r.top + e.clientTop, right: r.left + e.clientLeft + e.clientWidth, bottom: r.top + e.clientTop + e.clientHeight },
    ];
  });
  expect(layer.left).toBeGreaterThanOrEqual(box.left - 0.5);
  expect(layer.top).toBeGreaterThanOrEqual(box.top - 0.5);
  expect(layer.right).toBeLessThanOrEqual(box.right + 0.5);
  expect(layer.bottom).toBeLessThanOrEqual(box.bottom + 0.5);
  expect(await size()).toEqual(pageSize);
  expect(errors).toEqual([]);
  await page.close();
});

/**
 * Clicks "Turn off" on the card of the rule's underline; resolves with what the card then says and
 * the rules it named (a built-in rule flagging the same words shares the card, and goes off with it).
 */
async function turnOffFromCard(page: Page, ruleId: string): Promise<{ said: string; named: string[] }> {
  const seen = await underlines(page);
  const target = seen.find((u) => u.ruleId === ruleId)!;
  await page.mouse.click(middle(target).x, middle(target).y);
  await waitForCard(page, ruleId);
  const named = await page.evaluate(() => {
    const active = document.querySelector('cando-overlay')!.shadowRoot!.querySelectorAll<HTMLElement>('.underline.active');
    return [...new Set(Array.from(active, (u) => u.dataset.ruleId!))];
  });
  await (await page.waitForSelector(`${CARD} button.turn-off`))!.click();
  const undo = await cardButton(page, 'undo');
  return { said: await undo.evaluate((b) => b.closest('.card')!.textContent!), named };
}

/** The open card's button of this class, once it is there. */
async function cardButton(page: Page, name: string): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction((cls) => document.querySelector('cando-overlay')?.shadowRoot?.querySelector(`.card button.${cls}`), { timeout: 10000 }, name);
  return handle as ElementHandle<HTMLButtonElement>;
}

test('"Turn off this rule" removes its underlines at once and the card says where to turn it back on', async () => {
  const { page, errors } = await openEditor(EDITORS[1]);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  const { said, named } = await turnOffFromCard(page, CANT_RULE);
  expect(named).toContain(CANT_RULE);
  expect(named).not.toContain(BLAME_RULE);
  expect(said).toMatch(named.length > 1 ? 'Rules turned off' : 'Rule turned off');
  expect(said).toContain('Lead with what you can do.');
  expect(said).toContain('Settings › Rules');
  await waitForUnderlines(page, [BLAME_RULE]);
  // Closing the card keeps the rule off.
  await (await cardButton(page, 'close')).click();
  await waitForNoCard(page);
  await new Promise((r) => setTimeout(r, 500));
  await waitForUnderlines(page, [BLAME_RULE]);
  expect(errors).toEqual([]);
  await page.close();

  const options = await openExtensionPage(ctx, 'options.html');
  for (const ruleId of named) {
    const answer = await options.evaluate(
      (id) => (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.sendMessage({ type: 'rule-set-enabled', ruleId: id, enabled: true }),
      ruleId,
    );
    expect(answer).toEqual({ type: 'ok' });
  }
  await options.close();
});

test('Undo on the card after "Turn off this rule" brings the rule and its underlines back', async () => {
  const { page, errors } = await openEditor(EDITORS[0]);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  await turnOffFromCard(page, BLAME_RULE);
  await waitForUnderlines(page, [CANT_RULE]);
  await (await cardButton(page, 'undo')).click();
  await waitForNoCard(page);
  await waitForUnderlines(page, [CANT_RULE, BLAME_RULE]);
  // On for every ticket again, as the options page shows.
  const options = await openExtensionPage(ctx, 'options.html#rules');
  await options.waitForSelector(`li[data-rule="${BLAME_RULE}"]`);
  expect(await options.$eval(`li[data-rule="${BLAME_RULE}"] .rule-enabled`, (el) => (el as HTMLInputElement).checked)).toBe(true);
  await options.close();
  expect(errors).toEqual([]);
  await page.close();
});
