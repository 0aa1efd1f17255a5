// Importing packs through the real options page: a valid pack is previewed, confirmed, listed and
// fires on a help-desk page; each broken pack is refused with a clear error and nothing installed changes.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { chromeOnly, collectErrors, extensionWorker, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';

const rule = (over: Record<string, unknown> = {}) => ({
  id: 'no-sadly',
  category: 'apology',
  severity: 'warning',
  phrases: ['sadly'],
  message: 'Leave out “sadly”.',
  explanation: 'It dwells on the bad news; say what happens next instead.',
  suggestions: ['as it happens'],
  examples: { flag: ['Sadly the parcel is late.'], pass: ['The parcel is late; it arrives Friday.'] },
  ...over,
});
const pack = (over: Record<string, unknown> = {}) => ({ id: 'acme-tone', name: 'Acme tone', version: '1.0.0', language: 'en', rules: [rule()], ...over });

/** Each broken pack with what its error must mention. */
const BROKEN: [string, string, RegExp][] = [
  ['malformed JSON', '{"id": "acme-tone", "rules": [', /JSON/i],
  ['a rule without a message', JSON.stringify(pack({ rules: [{ ...rule(), message: undefined }] })), /message/],
  ['duplicate rule ids', JSON.stringify(pack({ rules: [rule(), rule({ phrases: ['alas'], examples: { flag: ['Alas, no.'], pass: ['Yes.'] } })] })), /no-sadly/],
  ['a regex that could backtrack catastrophically', JSON.stringify(pack({ rules: [rule({ phrases: undefined, regex: '(\\w+\\s?)+$', examples: { flag: ['Sadly no'], pass: ['.'] } })] })), /regex/i],
  ['markup in a message', JSON.stringify(pack({ rules: [rule({ message: 'Leave out <b>sadly</b>.' })] })), /message/],
  ['a failing example', JSON.stringify(pack({ rules: [rule({ examples: { flag: ['Unfortunately the parcel is late.'], pass: ['Fine.'] } })] })), /Unfortunately the parcel is late/],
  ['a 5 MB pack', JSON.stringify(pack({ description: 'x'.repeat(5 * 1024 * 1024) })), /5\.\d MB/],
];

let ctx: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dir: string;
let options: Page;
let errors: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cando-import-'));
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  options = await openExtensionPage(ctx, 'options.html#packs');
  errors = collectErrors(options);
  await options.waitForSelector('table.packs');
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Without a policy the browsers differ: Firefox's storage.managed rejects (no managed storage for
// the add-on), Chromium's resolves empty. The store takes both as "no policy" (store.ts readPolicy).
test('without a policy CanDo runs unmanaged: no managed note and no pack locked, in both browsers', async () => {
  const managed = await options.evaluate(() => chrome.storage.managed.get().then((items) => `read ${Object.keys(items).length} items`, () => 'rejected'));
  expect(managed).toBe(ctx.name === 'firefox' ? 'rejected' : 'read 0 items');
  expect(await options.$('.managed-note')).toBeNull();
  const locked = await options.$$eval('table.packs input[type="checkbox"]', (inputs) => inputs.map((input) => (input as HTMLInputElement).disabled));
  expect(locked.length).toBeGreaterThan(0);
  expect(locked).not.toContain(true);
});

/** Chooses a file in the page's file picker; returns its name, which the preview or error list carries. */
async function choosePackFile(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, content);
  const input = (await options.$('#pack-file')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  return name;
}

/** What the packs table shows: one line per pack with its id, source, version and state. */
const packRows = () =>
  options.$$eval('table.packs tbody tr', (rows) =>
    rows.map((r) => [r.getAttribute('data-pack'), r.querySelector('.source')?.textContent, r.querySelector('.version')?.textContent, (r.querySelector('.pack-enabled') as HTMLInputElement).checked].join(' | ')),
  );

test('a valid pack is previewed, installed on confirmation, and its rule fires on a help-desk page', async () => {
  const before = await packRows();
  await choosePackFile('acme.json', JSON.stringify(pack()));
  const preview = await options.waitForSelector('[data-testid="pack-preview"][data-source="acme.json"]');
  const text = await preview!.evaluate((el) => el.textContent);
  expect(text).toContain('Acme tone');
  expect(text).toContain('1.0.0');
  expect(text).toContain('Apology 1');
  // Nothing is installed before the confirmation.
  expect(await packRows()).toEqual(before);

  await options.click('#confirm-import');
  await options.waitForSelector('tr[data-pack="acme-tone"]');
  expect(await packRows()).toEqual([...before, 'acme-tone | Imported | 1.0.0 | true']);

  // The rule runs in the help desk: its underline appears under the agent's draft.
  const desk = await ctx.browser.newPage();
  await desk.goto(`${server.url}/zendesk-workspace/`);
  const editable = await desk.waitForSelector('[data-pane="main"] .ck-editor__editable');
  await editable!.click();
  await desk.keyboard.type('Sadly the parcel is late.');
  await desk.waitForFunction(
    () => !!document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline[data-rule-id="acme-tone/no-sadly"]'),
    { timeout: 15000 },
  );
  await desk.close();
});

test('a newer version shows which rules are added, changed and removed', async () => {
  const v2 = pack({
    version: '1.1.0',
    rules: [rule({ message: 'Drop “sadly”.' }), rule({ id: 'no-alas', phrases: ['alas'], examples: { flag: ['Alas, it is gone.'], pass: ['It is gone.'] } })],
  });
  await choosePackFile('acme-1.1.json', JSON.stringify(v2));
  const preview = await options.waitForSelector('[data-testid="pack-preview"][data-source="acme-1.1.json"] .diff');
  const diff = await preview!.evaluate((el) => el.textContent);
  expect(diff).toContain('version 1.0.0');
  expect(diff).toContain('Added: no-alas');
  expect(diff).toContain('Changed: no-sadly');
  expect(diff).toContain('Removed: none');
  // The new rule as the card will show it, with its examples.
  const added = await options.$eval('[data-testid="pack-preview"] .added-rules li[data-rule="no-alas"]', (li) => li.textContent);
  expect(added).toContain('Leave out “sadly”.');
  expect(added).toContain('Alas, it is gone.');
  expect(added).toContain('It is gone.');
  await options.click('#confirm-import');
  await options.waitForFunction(() => document.querySelector('tr[data-pack="acme-tone"] .version')?.textContent === '1.1.0');
  // The same file chosen again is the pack installed: the browser's storage handed the stored pack
  // back with its keys sorted (Chromium), which must not read as every rule changed.
  await choosePackFile('acme-1.1-again.json', JSON.stringify(v2));
  const again = await options.waitForSelector('[data-testid="pack-preview"][data-source="acme-1.1-again.json"] .diff');
  expect(await again!.evaluate((el) => el.textContent)).toMatch(/version 1\.1\.0.*Added: none.*Changed: none.*Removed: none/s);
  await options.click('[data-testid="import-zone"] button.cancel');
});

test('a pack file dropped on the import box is previewed the same way', async () => {
  const v3 = pack({ version: '1.2.0', rules: [rule({ message: 'Drop “sadly”.' })] });
  await options.evaluate((json) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
    const zone = document.querySelector('[data-testid="import-zone"]')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, JSON.stringify(v3));
  const preview = await options.waitForSelector('[data-testid="pack-preview"][data-source="dropped.json"]');
  expect(await preview!.evaluate((el) => el.textContent)).toContain('Removed: no-alas');
  // Not confirmed: the installed version stays.
  expect(await options.$eval('tr[data-pack="acme-tone"] .version', (el) => el.textContent)).toBe('1.1.0');
});

chromeOnly('stops the Chromium service worker over CDP')('installed packs survive a service-worker restart', async () => {
  const worker = await extensionWorker(ctx.browser);
  await worker.evaluate(() => {
    (self as unknown as { oldWorker: boolean }).oldWorker = true;
  });
  await worker.close();
  // The next request wakes a new worker, which must rebuild the store from storage alone.
  const page = await openExtensionPage(ctx, 'options.html#rules');
  await page.waitForSelector('li[data-rule="acme-tone/no-alas"]');
  const fresh = await extensionWorker(ctx.browser);
  expect(await fresh.evaluate(() => (self as unknown as { oldWorker?: boolean }).oldWorker)).toBeUndefined();
  await page.type('#try-text', 'Alas, sadly.');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="try-output"] mark').length === 2);
  expect(await page.$$eval('[data-testid="try-output"] mark', (m) => m.map((e) => e.getAttribute('data-rule')))).toEqual(['acme-tone/no-alas', 'acme-tone/no-sadly']);
  await page.close();
});

chromeOnly('sets the download folder over CDP')('Export saves the installed pack as a file that imports again', async () => {
  const downloads = join(dir, 'downloads');
  const cdp = await ctx.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await options.click('tr[data-pack="acme-tone"] button.export');
  const file = join(downloads, 'acme-tone-1.1.0.json');
  // Wait for the download to land (polling the file system: there is no page event for it).
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  const exported = readFileSync(file, 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ id: 'acme-tone', version: '1.1.0' });
  await cdp.detach();
  // Chosen again, it is the very pack that is installed: no rule added, changed or removed.
  await choosePackFile('exported.json', exported);
  const preview = await options.waitForSelector('[data-testid="pack-preview"][data-source="exported.json"] .diff');
  expect(await preview!.evaluate((el) => el.textContent)).toMatch(/version 1\.1\.0.*Added: none.*Changed: none.*Removed: none/s);
});

test.each(BROKEN)('a pack with %s is refused with a clear error; installed packs stay as they were', async (name, content, mentions) => {
  const before = await packRows();
  const file = await choosePackFile(`broken-${name.replace(/\W+/g, '-')}.json`, content);
  const list = await options.waitForSelector(`[data-testid="pack-errors"][data-source="${file}"]`);
  const shown = await list!.evaluate((el) => el.textContent ?? '');
  expect(shown).toMatch(mentions);
  expect(await options.$('[data-testid="pack-preview"]')).toBeNull();
  expect(await packRows()).toEqual(before);
});

test('the options page raised no errors', () => {
  expect(errors).toEqual([]);
});
