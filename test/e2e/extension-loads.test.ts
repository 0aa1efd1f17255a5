// The built extension loads (Chromium and Firefox) and its background answers an analysis request.
import { collectErrors, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';

let ctx: ExtensionBrowser;
beforeAll(async () => {
  ctx = await launchWithExtension();
});
afterAll(() => ctx?.close());

test('the background answers an analysis request with a cant finding', async () => {
  const page = await openExtensionPage(ctx, 'popup.html');
  const errors = collectErrors(page);
  const text = "Unfortunately we can't refund your order.";
  const reply = await page.evaluate(
    (t) => chrome.runtime.sendMessage({ type: 'analyze', text: t, skip: [] }),
    text,
  );
  expect(reply.type).toBe('findings');
  const cant = reply.findings.find((f: { category: string }) => f.category === 'cant');
  expect(cant).toBeDefined();
  expect(text.slice(cant.start, cant.end)).toBe(cant.text);
  expect(cant.text.toLowerCase()).toContain("can't");
  expect(errors).toEqual([]);
});

test('the same analysis answer carries the draft\'s strengths alongside its findings', async () => {
  const page = await openExtensionPage(ctx, 'popup.html');
  const text = "Unfortunately we can't refund your order. What I can do is send a replacement, and I'll post it today.";
  const reply = await page.evaluate((t) => chrome.runtime.sendMessage({ type: 'analyze', text: t, skip: [] }), text);
  expect(reply.findings.some((f: { category: string }) => f.category === 'cant')).toBe(true);
  expect(reply.strengths.map((s: { id: string }) => s.id).sort()).toEqual(['can-do-offer', 'owns-next-step']);
  // Strengths are not findings: nothing of them is underlined.
  expect(reply.findings.every((f: { ruleId: string }) => !reply.strengths.some((s: { id: string }) => s.id === f.ruleId))).toBe(true);
});

test('in the browser too, quoted history and the caller’s skip ranges are left alone, and an over-long draft is cut', async () => {
  const page = await openExtensionPage(ctx, 'popup.html');
  const analyze = (text: string, skip: { start: number; end: number }[] = []) =>
    page.evaluate((t, s) => chrome.runtime.sendMessage({ type: 'analyze', text: t, skip: s }), text, skip);
  const own = "😀 Sorry, we can't refund it.";
  const withHistory = `${own}\n\nOn Mon, 3 Feb 2025 at 10:04, Sam <sam@example.com> wrote:\n> We can't wait. Unfortunately we can't refund your order.`;
  const quoted = await analyze(withHistory);
  expect(quoted.findings.length).toBeGreaterThan(0);
  for (const f of quoted.findings) expect(f.end).toBeLessThanOrEqual(own.length);
  expect((await analyze(own, [{ start: 0, end: own.length }])).findings).toEqual([]);
  const long = await analyze(`${'Thanks for waiting. '.repeat(6000)}Unfortunately we can't refund your order.`);
  expect(long).toMatchObject({ type: 'findings', findings: [] });
});
