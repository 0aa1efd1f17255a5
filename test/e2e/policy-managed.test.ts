// Enterprise policy for real, written where the browser reads it before launch: in Chromium a
// managed-policy file (the `3rdparty` extension policy in the system policy directory), in Firefox
// the installation's distribution/policies.json (`3rdparty` → `Extensions`). The managed pack is
// active and locked in the options page and in the help-desk overlay; in Chromium a policy change
// is also picked up while running (Firefox reads policies only at start).
//
// Every browser on the machine reads those files, including the other test files' browsers
// running in parallel. So this test installs a copy of the build under its own id and writes the
// policy for that id only: no other browser's CanDo is affected.
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { browserUnderTest, chromeOnly, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { extensionCopy, type ExtensionCopy } from './support/extension-copy';
import { policyFile, type PolicyFile } from './support/policy';

const browserName = browserUnderTest();

const orgPack = {
  id: 'org-pack',
  name: 'Organisation pack',
  version: '4.2.0',
  language: 'en',
  rules: [
    {
      id: 'no-rulebook',
      category: 'policy',
      phrases: ['the rulebook'],
      message: 'Give the reason, not “the rulebook”.',
      explanation: 'Customers accept a reason; they resent being pointed at a rulebook.',
      suggestions: ['our process'],
      examples: { flag: ['That is what the rulebook says.'], pass: ['Here is why we do it this way.'] },
    },
  ],
};

let extension: ExtensionCopy;
let policy: PolicyFile;

let ctx: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let options: Page;

/** A pack the policy subscribes to, served by the test server. */
const servedPack = { ...orgPack, id: 'org-served', name: 'Served by the organisation', version: '1.0.0' };

beforeAll(async () => {
  extension = extensionCopy(browserName);
  policy = policyFile(browserName, extension.id, 'policy-managed');
  server = await startFixtureServer({
    port: 0,
    routes: {
      '/org/pack.json': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(servedPack));
      },
    },
  });
  policy.write({ packs: [{ pack: orgPack }, { url: `${server.url}/org/pack.json` }], lockedPacks: ['org-pack'], allowImport: false });
  ctx = await launchWithExtension(browserName, policy.launch, extension.install);
  options = await openExtensionPage(ctx, 'options.html#packs');
});
afterAll(async () => {
  policy?.remove();
  await ctx?.close();
  await server?.close();
  extension?.remove();
});

test('the managed pack is listed as the organisation’s, on and locked; import is off', async () => {
  const row = await options.waitForSelector('tr[data-pack="org-pack"]');
  expect(await row!.$eval('.source', (el) => el.textContent)).toBe('Your organisation');
  expect(await row!.$eval('.version', (el) => el.textContent)).toBe('4.2.0');
  expect(await row!.$eval('.pack-enabled', (el) => [(el as HTMLInputElement).checked, (el as HTMLInputElement).disabled])).toEqual([true, true]);
  expect(await row!.evaluate((el) => el.textContent)).toContain('locked by your organisation');
  expect(await options.$('#pack-file')).toBeNull();
  expect(await options.$eval('#import-off', (el) => el.textContent)).toContain('turned off');
  expect(await options.$eval('.managed-note', (el) => el.textContent)).toContain('managed by your organisation');
});

test('a pack URL in the policy is subscribed without asking the agent, and cannot be removed', async () => {
  const row = await options.waitForSelector('tr[data-pack="org-served"]');
  expect(await row!.$eval('.source', (el) => el.textContent)).toBe(`Your organisation${server.url}/org/pack.json`);
  expect(await row!.$('button.remove')).toBeNull();
  // Not locked by the policy: the agent may switch it off, but not remove it.
  expect(await row!.$eval('.pack-enabled', (el) => (el as HTMLInputElement).disabled)).toBe(false);
  // Its subscription is listed (with any error) although agents cannot add their own.
  expect(await options.$eval(`li[data-url="${server.url}/org/pack.json"]`, (el) => el.textContent)).toContain('(your organisation)');
  expect(await options.$('#subscribe-url')).toBeNull();
});

test('its rules are locked in the Rules tab', async () => {
  const rules = await openExtensionPage(ctx, 'options.html#rules');
  const rule = await rules.waitForSelector('li[data-rule="org-pack/no-rulebook"]');
  expect(await rule!.$eval('.rule-enabled', (el) => [(el as HTMLInputElement).checked, (el as HTMLInputElement).disabled])).toEqual([true, true]);
  expect(await rule!.evaluate((el) => el.textContent)).toContain('Locked by your organisation');
  await rules.close();
});

test('in the help desk the managed rule underlines and its card offers no “Turn off”', async () => {
  const desk = await ctx.browser.newPage();
  await desk.goto(`${server.url}/zendesk-workspace/`);
  const editable = await desk.waitForSelector('[data-pane="main"] .ck-editor__editable');
  await editable!.click();
  await desk.keyboard.type('That is what the rulebook says');
  const underline = '.underline[data-rule-id="org-pack/no-rulebook"]';
  await desk.waitForFunction((sel) => !!document.querySelector('cando-overlay')?.shadowRoot?.querySelector(sel), { timeout: 15000 }, underline);
  // Caret inside the finding, then the overlay's keyboard shortcut opens its card.
  for (let i = 0; i < 8; i++) await desk.keyboard.press('ArrowLeft');
  await desk.keyboard.down('Alt');
  await desk.keyboard.press('Enter');
  await desk.keyboard.up('Alt');
  await desk.waitForFunction(() => !!document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.card[data-rule-id="org-pack/no-rulebook"]'), { timeout: 10000 });
  const card = await desk.evaluate(() => {
    const c = document.querySelector('cando-overlay')!.shadowRoot!.querySelector('.card')!;
    return { text: c.textContent, turnOff: !!c.querySelector('.turn-off'), dismiss: !!c.querySelector('.dismiss') };
  });
  expect(card.text).toContain('Give the reason');
  expect(card.dismiss).toBe(true);
  expect(card.turnOff).toBe(false);
  await desk.close();
});

chromeOnly('Firefox reads policies.json only at start')('a policy change while running is picked up: the lock lifts', async () => {
  policy.write({ packs: [{ pack: orgPack }, { url: `${server.url}/org/pack.json` }] });
  // Chromium notices the changed file after its settle delay and updates storage.managed.
  await options.waitForFunction(() => (document.querySelector('tr[data-pack="org-pack"] .pack-enabled') as HTMLInputElement | null)?.disabled === false, {
    timeout: 60000,
    polling: 500,
  });
  expect(await options.$('#pack-file')).not.toBeNull();
});
