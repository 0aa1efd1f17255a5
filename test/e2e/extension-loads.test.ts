// The built extension loads (Chromium and Firefox) and its background answers an analysis request.
import { launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';

let ctx: ExtensionBrowser;
beforeAll(async () => {
  ctx = await launchWithExtension();
});
afterAll(() => ctx?.close());

test('the background answers an analysis request with a cant finding', async () => {
  const page = await openExtensionPage(ctx, 'popup.html');
  const text = "Unfortunately we can't refund your order.";
  const reply = await page.evaluate(
    (t) => chrome.runtime.sendMessage({ type: 'analyze', version: 1, text: t, skip: [] }),
    text,
  );
  expect(reply.type).toBe('findings');
  expect(reply.version).toBe(1);
  const cant = reply.findings.find((f: { category: string }) => f.category === 'cant');
  expect(cant).toBeDefined();
  expect(text.slice(cant.start, cant.end)).toBe(cant.text);
  expect(cant.text.toLowerCase()).toContain("can't");
});
