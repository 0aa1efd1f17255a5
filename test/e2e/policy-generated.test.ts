// The policy file `cando policy` and the options page generate, loaded by the browser for real:
// Chromium reads the `--target linux` file from the managed-policy directory, Firefox ESR the
// `--target firefox` policies.json (a file of this test's own, see support/policy.ts), before
// launch, for a copy of the build under its own id (so other test files' browsers are unaffected).
// The organisation's pack is on and locked, a built-in rule it locks cannot be switched off, import
// is off, and its rule on words a built-in rule also flags ("per my last email") is the one
// underlined on a help-desk page: the team's pack wins over the built-in one.
import type { Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { managedPolicy, policyFile as rolloutPolicyFile, policyFileBytes } from '../../src/shared/rollout-policy';
import { browserUnderTest, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { extensionCopy, type ExtensionCopy } from './support/extension-copy';
import { policyFile, type PolicyFile } from './support/policy';

const browserName = browserUnderTest();
/** A built-in rule the policy locks on. */
const LOCKED_RULE = 'cando-cant/cant-refuse';

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

describe(`a generated ${browserName === 'chrome' ? 'Chromium (linux)' : 'Firefox (policies.json)'} policy file`, () => {
  let extension: ExtensionCopy;
  let policy: PolicyFile;
  let ctx: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let options: Page;

  beforeAll(async () => {
    extension = extensionCopy(browserName);
    policy = policyFile(browserName, extension.id, 'policy-generated');
    const choice = managedPolicy({ packs: [leadPack], locks: ['acme-tone', LOCKED_RULE], allowImport: false });
    const file = rolloutPolicyFile(browserName === 'chrome' ? 'linux' : 'firefox', choice, { chromium: extension.id, firefox: extension.id });
    policy.writeFile(policyFileBytes(file));
    server = await startFixtureServer({ port: 0 });
    const launched = await launchWithExtension(browserName, policy.launch, extension.install);
    ctx = { ...launched, origin: extension.origin };
    options = await openExtensionPage(ctx, 'options.html#packs');
  });
  afterAll(async () => {
    policy?.remove();
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

  test('the rules it locks, its own and a built-in one, cannot be switched off in the Rules tab', async () => {
    const rules = await openExtensionPage(ctx, 'options.html#rules');
    for (const id of ['acme-tone/last-email', LOCKED_RULE]) {
      const rule = await rules.waitForSelector(`li[data-rule="${id}"]`, { timeout: 20000 });
      expect(await rule!.$eval('.rule-enabled', (el) => [(el as HTMLInputElement).checked, (el as HTMLInputElement).disabled])).toEqual([true, true]);
      expect(await rule!.evaluate((el) => el.textContent)).toContain('Locked by your organisation');
    }
    // A built-in rule the policy does not name stays the agent's to switch.
    const free = await rules.waitForSelector('li[data-rule^="cando-apology/"]');
    expect(await free!.$eval('.rule-enabled', (el) => (el as HTMLInputElement).disabled)).toBe(false);
    await rules.close();
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
