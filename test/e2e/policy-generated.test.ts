// The policy file `cando policy --target linux` and the options page generate, loaded by Chromium
// for real: written to the managed-policy directory before launch, for a copy of the build under
// its own id (so other test files' browsers are unaffected). The organisation's pack is on and
// locked, import is off, and its rule on words a built-in rule also flags ("per my last email")
// is the one underlined on a help-desk page: the team's pack wins over the built-in one.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { managedPolicy, policyFile, policyFileBytes } from '../../src/shared/rollout-policy';
import { browserUnderTest, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { extensionCopy, type ExtensionCopy } from './support/extension-copy';

const browserName = browserUnderTest();
const POLICY_FILE = `/etc/chromium/policies/managed/cando-generated-e2e-${process.pid}.json`;

const leadPack = {
  id: 'acme-tone',
  name: 'Acme tone',
  version: '2.0.0',
  language: 'en',
  rules: [
    {
      id: 'last-email',
      category: 'broken',
      phrases: ['per my last email'],
      message: 'Acme style: restate the answer, do not point back.',
      explanation: 'Our customers read “per my last email” as a reproach.',
      suggestions: ['To recap,'],
      examples: { flag: ['Per my last email, restart the router.'], pass: ['To recap, restart the router.'] },
    },
  ],
};

// Chromium reads this file; Firefox's policies.json is the other target, unit-tested for its shape.
const describeChromium = browserName === 'chrome' ? describe : describe.skip;

describeChromium('a generated Chromium policy file', () => {
  let extension: ExtensionCopy;
  let ctx: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let options: Page;

  beforeAll(async () => {
    extension = extensionCopy(browserName);
    const file = policyFile('linux', managedPolicy({ packs: [leadPack], locks: ['acme-tone'], allowImport: false }), { chromium: extension.id, firefox: 'unused@example.com' });
    mkdirSync(dirname(POLICY_FILE), { recursive: true });
    writeFileSync(POLICY_FILE, policyFileBytes(file));
    server = await startFixtureServer({ port: 0 });
    const launched = await launchWithExtension(browserName, {}, extension.install);
    ctx = { ...launched, origin: extension.origin };
    options = await openExtensionPage(ctx, 'options.html#packs');
  });
  afterAll(async () => {
    rmSync(POLICY_FILE, { force: true });
    await ctx?.close();
    await server?.close();
    extension?.remove();
  });

  test('the pack it carries is the organisation’s, on and locked, and import is off', async () => {
    const row = await options.waitForSelector('tr[data-pack="acme-tone"]', { timeout: 20000 });
    expect(await row!.$eval('.source', (el) => el.textContent)).toBe('Your organisation');
    expect(await row!.$eval('.version', (el) => el.textContent)).toBe('2.0.0');
    expect(await row!.$eval('.pack-enabled', (el) => [(el as HTMLInputElement).checked, (el as HTMLInputElement).disabled])).toEqual([true, true]);
    expect(await options.$('#pack-file')).toBeNull();
    // Nothing in the policy was refused.
    expect(await options.evaluate(() => document.body.textContent)).not.toContain('Policy pack 1');
  });

  test('on a help-desk page its rule, not the built-in one on the same words, is underlined', async () => {
    const desk = await ctx.browser.newPage();
    await desk.goto(`${server.url}/zendesk-workspace/`);
    const editable = await desk.waitForSelector('[data-pane="main"] .ck-editor__editable');
    await editable!.click();
    await desk.keyboard.type('Per my last email, restart the router.');
    const underlines = () =>
      desk.evaluate(() => [...(document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll<HTMLElement>('.underline') ?? [])].map((u) => u.dataset.ruleId));
    await desk.waitForFunction(() => !!document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline[data-rule-id="acme-tone/last-email"]'), { timeout: 15000 });
    const shown = await underlines();
    expect(shown).toContain('acme-tone/last-email');
    // The built-in pack flags these words too (cando-broken/already-told); it gives way.
    expect(shown).not.toContain('cando-broken/already-told');
    await desk.close();
  });
});
