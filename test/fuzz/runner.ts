// Runs fuzz sessions in a real browser with CanDo loaded: every step is done as a person does it
// (keys, a paste event, clicks on the underline and on the card), then the editor's own model is
// compared with the reference model. A failing session is shrunk to a minimal list of steps.
import type { Frame, Page } from 'puppeteer-core';
import { coachedOccurrences, Reference, shrink, type Step } from './model';
import { browserUnderTest } from '../e2e/support/browser';
import type { EditorDriver } from './drivers';

export interface Failure {
  step: number;
  steps: Step[];
  expected: string;
  actual: string;
  message: string;
}

const APPLY_TIMEOUT_MS = 5000;
const UNDERLINE_TIMEOUT_MS = 3000;

async function press(page: Page, key: string, times = 1, modifiers: string[] = []): Promise<void> {
  for (const m of modifiers) await page.keyboard.down(m as never);
  for (let i = 0; i < times; i++) await page.keyboard.press(key as never);
  for (const m of [...modifiers].reverse()) await page.keyboard.up(m as never);
}

/**
 * Lets the editor see where the caret went: rich editors sync their model selection on
 * 'selectionchange', a moment after a click or a caret key, which no person outpaces.
 */
function settle(frame: Page | Frame): Promise<void> {
  return frame.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/**
 * A paste as Chromium delivers it: a paste event carrying the text, which rich editors insert
 * themselves; plain fields insert it as typed text. (Firefox's editors ignore synthetic paste
 * events and synthetic insertText, and BiDi has no clipboard: there the runner types the text.)
 */
function pasteEvent(frame: Page | Frame, selector: string, text: string): Promise<void> {
  return frame.evaluate(
    (sel, t) => {
      const el = document.querySelector(sel) as HTMLElement;
      const data = new DataTransfer();
      data.setData('text/plain', t);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      el.dispatchEvent(event);
      if (!event.defaultPrevented) document.execCommand('insertText', false, t);
    },
    selector,
    text,
  );
}

// CanDo draws the underlines and the card in the page (the top document), also for an editor in
// a same-origin iframe: page coordinates throughout, as the mouse uses them.
async function underlineCentres(page: Page): Promise<{ x: number; y: number }[]> {
  const centres = await page.evaluate(() =>
    Array.from(document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll<HTMLElement>('.underline[data-rule-id^="e2e/"]') ?? []).map((el) => {
      const r = el.getBoundingClientRect();
      return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2, w: r.width };
    }),
  );
  return centres.filter((c) => c.w > 2).map((c) => ({ x: c.x, y: c.y }));
}

interface CardButton {
  x: number;
  y: number;
  flagged: string;
  suggestion: string;
}

/** Where the caret is in the DOM (the node's path from the document and the offset), to tell whether a key moved it. */
function domCaret(frame: Page | Frame): Promise<string> {
  return frame.evaluate(() => {
    const field = document.activeElement;
    if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) return `field ${field.selectionStart}`;
    const selection = getSelection();
    const path: number[] = [];
    for (let node = selection?.focusNode ?? null; node?.parentNode; node = node.parentNode) path.push(Array.prototype.indexOf.call(node.parentNode.childNodes, node));
    return `${path.join('/')} ${selection?.focusOffset}`;
  });
}

/** The card's first suggestion (or Dismiss) button as the agent sees it: where it is and what it says. */
async function cardButton(page: Page, which: 'suggestion' | 'dismiss'): Promise<CardButton | null> {
  let last: CardButton | null = null;
  for (const deadline = Date.now() + UNDERLINE_TIMEOUT_MS; Date.now() < deadline; ) {
    const found = await page.evaluate((w) => {
      const button = document.querySelector('cando-overlay')?.shadowRoot?.querySelector<HTMLButtonElement>(`.card button.${w}`);
      if (!button || button.disabled) return null;
      const r = button.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(button.closest('.card')!).visibility !== 'visible') return null;
      const x = (r.left + r.right) / 2;
      const y = (r.top + r.bottom) / 2;
      // Nothing of the page (or the card's own layout in flux) covers the button where the pointer will press.
      if (!button.contains(button.getRootNode() instanceof ShadowRoot ? (button.getRootNode() as ShadowRoot).elementFromPoint(x, y) : null)) return null;
      return {
        x,
        y,
        // The card shows the sentence before (the words the first choice replaces struck out) and after (the words it puts in marked).
        flagged: button.closest('.card')!.querySelector('.before del')?.textContent ?? '',
        suggestion: button.querySelector('ins')?.textContent ?? '',
      };
    }, which);
    // The card follows its words while a fresh analysis re-lays them out: press it once it holds still.
    if (found && last && found.x === last.x && found.y === last.y) return found;
    last = found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

export class FuzzRunner {
  /** What the card steps did, so a run shows it exercised applying (not only typing). */
  readonly outcomes = { applied: 0, dismissed: 0, refusedStale: 0, nothingToActOn: 0 };
  /** Arrow-key presses repeated because the first one only crossed a soft line wrap (see moveCaret). */
  wrapCrossings = 0;

  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
    private readonly driver: EditorDriver,
  ) {}

  /** A fresh page with an empty, focused composer. */
  private async fresh(): Promise<Page | Frame> {
    await this.page.goto(`${this.baseUrl}${this.driver.path}`);
    await this.driver.ready(this.page);
    const frame = await this.driver.frame(this.page);
    await frame.click(this.driver.selector);
    return frame;
  }

  private async focusEnd(frame: Page | Frame, ref: Reference): Promise<void> {
    await frame.click(this.driver.selector);
    await settle(frame);
    await press(this.page, 'End', 1, ['Control']);
    await settle(frame);
    ref.caretToEnd();
  }

  /** Runs `steps`; null when every step left the editor's model as the reference predicts. */
  async run(steps: Step[]): Promise<Failure | null> {
    const { page, driver } = this;
    let frame = await this.fresh();
    const ref = new Reference(driver.softBreak);
    const check = async (i: number, message: string): Promise<Failure | null> => {
      const actual = await driver.modelText(page);
      return actual === ref.text ? null : { step: i, steps: steps.slice(0, i + 1), expected: ref.text, actual, message };
    };
    for (const [i, step] of steps.entries()) {
      let message = `after step ${i} ${JSON.stringify(step)}`;
      switch (step.kind) {
        case 'type':
          await page.keyboard.type(step.text);
          ref.insert(step.text);
          break;
        case 'paste': {
          await settle(frame);
          if (browserUnderTest() === 'chrome') await pasteEvent(frame, driver.selector, step.text);
          else await page.keyboard.type(step.text);
          ref.insert(step.text);
          // Some editors (Froala) clean pasted content before inserting it, a moment later.
          const failure = await this.waitForText(ref.text, i, steps, `${message}: the pasted text must be inserted at the caret`);
          if (failure) return failure;
          break;
        }
        case 'backspace':
          await press(page, 'Backspace', step.n);
          ref.backspace(step.n);
          break;
        case 'delete':
          await press(page, 'Delete', step.n);
          ref.deleteForward(step.n);
          break;
        case 'left':
        case 'right':
          await this.moveCaret(frame, ref, step.kind === 'left' ? -step.n : step.n);
          break;
        case 'docStart':
          await press(page, 'Home', 1, ['Control']);
          await settle(frame);
          ref.move(-ref.caret);
          break;
        case 'docEnd':
          await press(page, 'End', 1, ['Control']);
          await settle(frame);
          ref.caretToEnd();
          break;
        case 'enter':
          await press(page, 'Enter');
          ref.lineBreak(false);
          break;
        case 'softBreak':
          await press(page, 'Enter', 1, ['Shift']);
          ref.lineBreak(true);
          break;
        case 'apply':
        case 'dismiss': {
          const outcome = await this.useCard(frame, ref, step.kind, step.pick);
          if (typeof outcome === 'string') return { step: i, steps: steps.slice(0, i + 1), expected: ref.text, actual: await driver.modelText(page), message: `${message}: ${outcome}` };
          if (!outcome) this.outcomes.nothingToActOn++;
          else if (outcome.detail.startsWith('refused')) this.outcomes.refusedStale++;
          else if (step.kind === 'apply') this.outcomes.applied++;
          else this.outcomes.dismissed++;
          message += outcome ? ` (${outcome.detail})` : ' (nothing to act on)';
          break;
        }
        case 'undo':
        case 'redo':
          if (step.kind === 'undo' ? !ref.canUndo : !ref.canRedo) continue;
          await press(page, 'KeyZ', 1, step.kind === 'undo' ? ['Control'] : ['Control', 'Shift']);
          ref.undoRedo(step.kind === 'undo');
          {
            const failure = await this.waitForText(ref.text, i, steps, `${message}: one ${step.kind} must give back the draft exactly`);
            if (failure) return failure;
          }
          await this.focusEnd(frame, ref);
          break;
        case 'switchTicket': {
          if (!driver.switchTicket) continue;
          await driver.switchTicket(page);
          frame = await driver.frame(page);
          await this.focusEnd(frame, ref);
          // The host app saved the draft as HTML and loaded it back; HTML may change whitespace
          // (a space after a trailing line break), so only that may differ: every other character must be back.
          const actual = await driver.modelText(page);
          const visible = (t: string) => t.replace(/\s+/g, ' ').trim();
          if (visible(actual) !== visible(ref.text)) return { step: i, steps: steps.slice(0, i + 1), expected: ref.text, actual, message: `${message}: the draft must come back` };
          ref.resync(actual);
          break;
        }
      }
      const failure = await check(i, message);
      if (failure) return failure;
    }
    // Coaching settles (late analyses, re-drawn underlines): still nothing changed without a click.
    await new Promise((r) => setTimeout(r, 300));
    return check(steps.length - 1, 'after the session settled');
  }

  /**
   * Moves the caret |by| characters with arrow keys, as a person does: a press that did not move
   * the caret at all was spent crossing a soft line wrap (Firefox first moves from the start of a
   * wrapped line to the end of the line above, the same offset), so the person presses again.
   * Long fuzz, ProseMirror in Firefox, seed 4253: without this, the reference model's caret was one
   * character left of the editor's, and the next Backspace deleted other characters than predicted.
   */
  private async moveCaret(frame: Page | Frame, ref: Reference, by: number): Promise<void> {
    const key = by < 0 ? 'ArrowLeft' : 'ArrowRight';
    for (let i = 0; i < Math.abs(by); i++) {
      const atEdge = ref.caret === (by < 0 ? 0 : ref.text.length);
      const before = await domCaret(frame);
      await press(this.page, key);
      await settle(frame);
      for (let again = 0; again < 2 && !atEdge && (await domCaret(frame)) === before; again++) {
        await press(this.page, key);
        await settle(frame);
        this.wrapCrossings++;
      }
      ref.move(Math.sign(by));
    }
  }

  private async waitForText(expected: string, i: number, steps: Step[], message: string): Promise<Failure | null> {
    const deadline = Date.now() + APPLY_TIMEOUT_MS;
    let actual = await this.driver.modelText(this.page);
    while (actual !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      actual = await this.driver.modelText(this.page);
    }
    return actual === expected ? null : { step: i, steps: steps.slice(0, i + 1), expected, actual, message };
  }

  /**
   * Clicks an underline (the agent's pointer), then the card's first suggestion or Dismiss.
   * Returns what was done, null when there was nothing to act on, or a failure message.
   */
  private async useCard(frame: Page | Frame, ref: Reference, kind: 'apply' | 'dismiss', pick: number): Promise<{ detail: string } | null | string> {
    const { page, driver } = this;
    if (coachedOccurrences(ref.text).length === 0) return null;
    let centres: { x: number; y: number }[] = [];
    for (const deadline = Date.now() + UNDERLINE_TIMEOUT_MS; centres.length === 0 && Date.now() < deadline; ) {
      centres = await underlineCentres(page);
      if (centres.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    if (centres.length === 0) return null;
    const target = centres[pick % centres.length];
    await page.mouse.click(target.x, target.y);
    const button = await cardButton(page, kind === 'apply' ? 'suggestion' : 'dismiss');
    if (!button) {
      await this.focusEnd(frame, ref); // the click put the caret where the pointer was
      return null;
    }
    const { flagged, suggestion } = button;
    await page.mouse.click(button.x, button.y);
    if (kind === 'dismiss') {
      await this.focusEnd(frame, ref);
      return { detail: 'dismissed' };
    }
    const before = ref.text;
    // Which occurrence was replaced is read from the result: it must be one flagged occurrence of
    // exactly that text, replaced by exactly the suggestion, with every other character kept.
    const deadline = Date.now() + APPLY_TIMEOUT_MS;
    let actual = await driver.modelText(page);
    while (actual === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      actual = await driver.modelText(page);
    }
    if (actual === before) {
      // Refusing a stale finding (the draft moved since it was drawn) is the promise, when the card says so.
      const told = await page.evaluate(() => document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card .notice')?.textContent ?? null);
      if (!told) {
        // Open: the press did not reach the button or the apply is still pending; closed: CanDo took it as done or withdrew the finding.
        const card = await page.evaluate(() => (document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card') ? 'still open' : 'closed'));
        return `clicking the suggestion "${suggestion}" for "${flagged}" at (${button.x}, ${button.y}) changed nothing, and the card (${card}) did not say why`;
      }
      await press(page, 'Escape');
      await this.focusEnd(frame, ref);
      return { detail: `refused as stale: ${told}` };
    }
    // A sentence rewrite may reach past the flagged words (a softener before them, the clause after): the struck-out words hold a flagged occurrence.
    const starts = [...before.matchAll(new RegExp(flagged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => m.index);
    const start = starts.find(
      (s) => coachedOccurrences(before).some((o) => o.start >= s && o.end <= s + flagged.length) && before.slice(0, s) + suggestion + before.slice(s + flagged.length) === actual,
    );
    if (start === undefined) return `applying "${suggestion}" for "${flagged}" did not replace exactly one flagged occurrence`;
    ref.apply(start, flagged, suggestion);
    return { detail: `"${flagged}" → "${suggestion}" at ${start}` };
  }

  /** The minimal step list that still fails (each candidate replayed on a fresh page). */
  async shrink(failure: Failure, budget: number): Promise<Step[]> {
    return shrink(failure.steps, async (steps) => (await this.run(steps)) !== null, budget);
  }
}
