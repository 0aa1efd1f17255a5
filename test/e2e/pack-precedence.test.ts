// A team lead's pack wins over the built-in packs: an imported rule on words a built-in rule also
// flags ("per my last email", cando-broken/already-told) is the one underlined in the help desk,
// and the import preview says so; a second team pack whose example the first one takes is warned
// about before it is installed. Then the lead rolls the pack out: the options page's policy file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startFixtureServer } from '../../scripts/fixture-server.mjs';
import { CHROMIUM_EXTENSION_ID, managedPolicy, policyFile } from '../../src/shared/rollout-policy';
import { chromeOnly, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';

const leadPack = {
  id: 'acme-tone',
  name: 'Acme tone',
  version: '1.0.0',
  language: 'en',
  rules: [
    {
      id: 'last-email',
      category: 'broken',
      // Written out: the options page keeps packs with their defaults filled in, so its policy file names it.
      severity: 'warning',
      phrases: ['per my last email'],
      message: 'Acme style: restate the answer, do not point back.',
      explanation: 'Our customers read “per my last email” as a reproach.',
      suggestions: ['To recap,'],
      examples: { flag: ['Per my last email, restart the router.'], pass: ['To recap, restart the router.'] },
    },
  ],
};
const otherTeam = {
  id: 'billing-team',
  name: 'Billing team',
  version: '1.0.0',
  language: 'en',
  rules: [{ ...leadPack.rules[0], id: 'pointing-back', severity: 'info', message: 'Billing: no pointing back.' }],
};

let ctx: ExtensionBrowser;
let server: Awaited<ReturnType<typeof startFixtureServer>>;
let dir: string;
let options: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cando-precedence-'));
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  options = await openExtensionPage(ctx, 'options.html#packs');
  await options.waitForSelector('table.packs');
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function preview(name: string, pack: object): Promise<ElementHandle> {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(pack));
  const input = (await options.$('#pack-file')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  return (await options.waitForSelector(`[data-testid="pack-preview"][data-source="${name}"]`))!;
}

test('the import preview says which built-in rule the pack’s rule is shown instead of, and warns of nothing', async () => {
  const shown = await preview('acme.json', leadPack);
  expect(await shown.$('[data-testid="pack-shadowed"]')).toBeNull();
  expect(await shown.$eval('[data-testid="pack-overrides"]', (el) => el.textContent)).toContain('acme-tone/last-email over cando-broken/already-told');
  await options.click('#confirm-import');
  await options.waitForSelector('tr[data-pack="acme-tone"]');
});

test('in the help desk the lead’s rule is underlined on the words the built-in rule also flags', async () => {
  const desk = await ctx.browser.newPage();
  await desk.goto(`${server.url}/zendesk-workspace/`);
  const editable = await desk.waitForSelector('[data-pane="main"] .ck-editor__editable');
  await editable!.click();
  await desk.keyboard.type('Per my last email, restart the router.');
  await desk.waitForFunction(() => !!document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline[data-rule-id="acme-tone/last-email"]'), { timeout: 15000 });
  const underlined = await desk.evaluate(() =>
    [...(document.querySelector('cando-overlay')?.shadowRoot?.querySelectorAll<HTMLElement>('.underline') ?? [])].map((u) => u.dataset.ruleId),
  );
  expect(underlined).not.toContain('cando-broken/already-told');
  await desk.close();
});

test('a second team pack whose example the first takes is warned about in the preview', async () => {
  const shown = await preview('billing.json', otherTeam);
  const warning = await shown.$eval('[data-testid="pack-shadowed"]', (el) => el.textContent ?? '');
  expect(warning).toContain('billing-team/pointing-back');
  expect(warning).toContain('Per my last email, restart the router.');
  expect(warning).toContain('acme-tone/last-email');
  expect(warning).toContain('Acme tone');
});

chromeOnly('sets the download folder over CDP')('“Roll out to your team” downloads the policy file cando policy writes for the same choice', async () => {
  await options.click('[data-testid="pack-preview"] + #confirm-import ~ button'); // Cancel the billing preview.
  const downloads = join(dir, 'downloads');
  const cdp = await ctx.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await options.click('tr[data-rollout-pack="acme-tone"] .rollout-ship');
  await options.click('tr[data-rollout-pack="acme-tone"] .rollout-lock');
  await options.click('tr[data-rollout-pack="cando-cant"] .rollout-lock');
  await options.click('#rollout-allow-import');
  await options.click('.rollout-download[data-target="linux"]');
  const file = join(downloads, 'cando-policy.json');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  await cdp.detach();
  // The browser's storage gives the pack back with its keys in another order: compare what they say.
  const parse = (text: string) => {
    const policy = JSON.parse(text)['3rdparty'].extensions[CHROMIUM_EXTENSION_ID];
    return { ...policy, packs: policy.packs.map((p: { json: string }) => JSON.parse(p.json)) };
  };
  const expected = policyFile('linux', managedPolicy({ packs: [leadPack], locks: ['acme-tone', 'cando-cant'], allowImport: false })).text;
  expect(parse(readFileSync(file, 'utf8'))).toEqual(parse(expected));
  expect(parse(expected)).toEqual({ packs: [leadPack], lockedPacks: ['acme-tone', 'cando-cant'], allowImport: false });
  expect(await options.$eval('[data-testid="rollout-note"]', (el) => el.textContent)).toContain('/etc/opt/chrome/policies/managed/');
});
