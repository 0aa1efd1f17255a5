// Faults survived: the service worker stopped at random (seeded) moments while the agent types and
// applies; stored data damaged under CanDo; storage full. The draft is never lost or changed
// without a click, coaching comes back, and the packs CanDo can still read are kept.
import type { Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import { seededRandom } from '../support/random';
import { chromeOnly, openExtensionPage, stopExtensionWorker, type ExtensionBrowser } from './support/browser';
import { applyFirstSuggestion, BLAME_RULE, CANT_RULE, E2E_PACK, startCoaching, openFixture, waitForUnderlines, wordBoxes } from './support/coaching';

const MAIN = '[data-pane="main"] .ck-editor__editable';
type Send = (message: object) => Promise<{ type?: string; [key: string]: unknown } | undefined>;

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ server, ctx, page, errors } = await startCoaching());
  await openFixture(page, `${server.url}/zendesk-workspace/`);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
});

const modelText = () =>
  page.evaluate(() => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main.getData().replace(/<\/?p>/g, '').replace(/&nbsp;/g, ' '));

/** Runs `use` with a request function on a fresh options page (an extension page: it may change settings). */
async function withOptions<T>(use: (send: Send, options: Page) => Promise<T>): Promise<T> {
  const options = await openExtensionPage(ctx, 'options.html');
  try {
    return await use((m) => options.evaluate((x) => (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.sendMessage(x), m), options);
  } finally {
    await options.close();
  }
}

chromeOnly('puppeteer stops only Chromium service workers')(
  'the service worker stopped at random moments while typing and applying: the draft is exact and coaching comes back',
  async () => {
    const random = seededRandom(6061);
    const words = "Hello Dana, sorry, we can't refund it because it's the courier's fault and we cannot resend it today".split(' ');
    await page.click(MAIN);
    let typed = '';
    for (const word of words) {
      const chunk = typed ? ` ${word}` : word;
      await page.keyboard.type(chunk);
      typed += chunk;
      if (random() < 0.3) await stopExtensionWorker(ctx.browser);
      expect(await modelText()).toBe(typed);
    }
    await waitForUnderlines(page, [CANT_RULE, BLAME_RULE], 20000);

    // Stop it again, then apply: the apply needs no background, the next analysis wakes it.
    await stopExtensionWorker(ctx.browser);
    const [box] = await wordBoxes(page, MAIN, "we can't");
    // The typed words are one sentence with no rewrite of the whole (several problems in it): the card offers the rule's suggestion.
    const applied = typed.replace("we can't", 'what we can do is');
    await applyFirstSuggestion(page, box, applied);
    await page.waitForFunction((t) => (window as unknown as { fixtureEditors: Record<string, { getData(): string }> }).fixtureEditors.main.getData().includes(t), {}, 'what we can do is');
    expect(await modelText()).toBe(applied);
    await stopExtensionWorker(ctx.browser);
    await page.keyboard.type(' now');
    expect(await modelText()).toBe(applied.replace('what we can do is', 'what we can do is now'));
    await waitForUnderlines(page, [CANT_RULE, BLAME_RULE], 20000);
    expect(errors).toEqual([]);
  },
);

test('damaged stored data: CanDo starts with its built-in packs and keeps the imported pack it can still read', async () => {
  const imported = JSON.parse(E2E_PACK);
  await withOptions(async (send, options) => {
    await options.evaluate(
      (spec) =>
        (globalThis as unknown as { chrome: typeof chrome }).chrome.storage.local.set({
          cando: { version: 0, imported: { e2e: { spec, installedAt: 1 }, broken: 42, half: { spec: 'garbage' } }, disabledPacks: 'garbage', disabledRules: [7, null] },
        }),
      imported,
    );
    // The worker reads storage afresh when it starts again (Chromium) or when the add-on reloads (Firefox).
    if (ctx.name === 'chrome') await stopExtensionWorker(ctx.browser);
    else await options.evaluate(() => (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.reload());
    void send;
  });
  const state = await withOptions(async (send) => {
    for (let i = 0; i < 50; i++) {
      const answer = await send({ type: 'options-state' }).catch(() => undefined);
      if (answer?.type === 'options-state') return answer as unknown as { packs: { id: string; source: string; enabled: boolean }[]; problems: string[] };
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the background never answered after its data was damaged');
  });
  const ids = state.packs.map((p) => p.id);
  expect(ids).toContain('e2e');
  expect(state.packs.filter((p) => p.source === 'builtin').length).toBeGreaterThan(0);
  // Everything in damaged storage read as "nothing switched off": the built-in packs coach again.
  expect(state.packs.filter((p) => p.source === 'builtin').every((p) => p.enabled)).toBe(true);
  // The options page says what could not be read, and the damaged copy is kept aside.
  const notice = state.problems.find((p) => p.includes('could not read'));
  expect(notice).toContain('imported pack "broken"');
  expect(notice).toContain('imported pack "half"');
  expect(notice).toContain('the rules switched off');
  const kept = await withOptions((_send, options) =>
    options.evaluate(async () => (await (globalThis as unknown as { chrome: typeof chrome }).chrome.storage.local.get('cando-unreadable'))['cando-unreadable']),
  ) as { data: { imported: Record<string, unknown> } };
  expect(kept.data.imported.broken).toBe(42);
});

chromeOnly("Firefox's storage.local has no quota")('storage full: an import is refused with a clear error and nothing installed is lost', async () => {
  const before = await withOptions(async (send) => (await send({ type: 'options-state' })) as unknown as { packs: { id: string }[] });
  const newer = { ...JSON.parse(E2E_PACK), id: 'e2e-newer', name: 'Editor tests, newer' };
  const outcome = await withOptions(async (send, options) => {
    // Fill storage.local up to its quota with filler of our own.
    const filled = await options.evaluate(async () => {
      const storage = (globalThis as unknown as { chrome: typeof chrome }).chrome.storage.local;
      // Big blocks first, then ever smaller ones, until not even 64 bytes more fit.
      let n = 0;
      for (let size = 512 * 1024; size >= 64 && n < 400; ) {
        try {
          await storage.set({ [`filler-${n}`]: 'x'.repeat(size) });
          n++;
        } catch {
          size = Math.floor(size / 2);
        }
      }
      return n;
    });
    const answer = await send({ type: 'pack-import', json: JSON.stringify(newer) });
    const after = (await send({ type: 'options-state' })) as unknown as { packs: { id: string }[] };
    await options.evaluate(async (n) => {
      const storage = (globalThis as unknown as { chrome: typeof chrome }).chrome.storage.local;
      await storage.remove(Array.from({ length: n + 1 }, (_, i) => `filler-${i}`));
    }, filled);
    return { filled, answer, after };
  });
  expect(outcome.filled).toBeGreaterThan(0);
  expect(outcome.filled).toBeLessThan(400); // the quota was reached
  expect(outcome.answer?.type).toBe('error');
  expect(String(outcome.answer?.message ?? '')).toMatch(/\w{4}/);
  expect(outcome.after.packs.map((p) => p.id).sort()).toEqual(before.packs.map((p) => p.id).sort());
  // With room again, the same import works.
  const retried = await withOptions((send) => send({ type: 'pack-import', json: JSON.stringify(newer) }));
  expect(retried?.type).toBe('ok');
});

test('no errors reached the help-desk page', () => {
  expect(errors).toEqual([]);
});
