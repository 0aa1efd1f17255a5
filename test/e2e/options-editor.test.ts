// The pack editor as a team lead uses it: a new pack with two rules and a category of its own, an
// example that fails until the rule is fixed, Save (refused until every example passes), and the
// rule underlining on a ticket page in the category's colour; then opening the saved pack again.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server.mjs';
import { packJson } from '../../src/engine';
import type { ContextExample, PackSpec } from '../../src/engine/types';
import { chromeOnly, collectErrors, launchWithExtension, openExtensionPage, type ExtensionBrowser } from './support/browser';
import { underlines } from './support/coaching';

let ctx: ExtensionBrowser;
let server: FixtureServer;
let options: Page;
let errors: string[];
let downloads: string;

beforeAll(async () => {
  downloads = mkdtempSync(join(tmpdir(), 'cando-editor-'));
  server = await startFixtureServer({ port: 0 });
  ctx = await launchWithExtension();
  options = await openExtensionPage(ctx, 'options.html#packs');
  errors = collectErrors(options);
  await options.setViewport({ width: 1200, height: 900 });
  await options.waitForSelector('table.packs');
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
  rmSync(downloads, { recursive: true, force: true });
});

const JARGON_COLOUR = '#0b7285';

/** Replaces a form field's text as a person would: select all, type. */
async function fill(scope: Page | ElementHandle, selector: string, text: string): Promise<void> {
  const field = (await scope.$(selector))!;
  await field.click({ clickCount: 3 });
  await field.evaluate((el) => (el as HTMLInputElement).select());
  await options.keyboard.press('Backspace');
  await field.type(text);
}

/** Picks an option of a <select> in the form. */
async function choose(scope: ElementHandle, selector: string, value: string): Promise<void> {
  const select = (await scope.$(selector)) as ElementHandle<HTMLSelectElement>;
  await select.select(value);
}

const ruleForms = () => options.$$('article.rule-form');
const exampleStates = (form: ElementHandle) =>
  form.$$eval('.example-results li.example', (items) => items.map((li) => `${(li.closest('.example-results') as HTMLElement).dataset.kind}:${li.querySelector('q')!.textContent}:${(li as HTMLElement).dataset.ok}`));
const saveEnabled = () => options.$eval('#editor-save', (b) => !(b as HTMLButtonElement).disabled);

test('a lead writes a pack with two rules and a category of its own, fixes a failing example, saves it, and it underlines on a ticket', async () => {
  await options.click('#new-pack');
  await options.waitForSelector('[data-testid="pack-editor"]');
  await fill(options, '.pack-fields input[name="name"]', 'Acme support tone');
  await fill(options, '.pack-fields input[name="id"]', 'acme-tone');

  await options.click('#add-category');
  await fill(options, '.category-row input[name="category-id"]', 'jargon');
  await fill(options, '.category-row input[name="category-label"]', 'Internal jargon');
  // A colour input is set through its value, as the browser's colour picker does.
  await options.$eval('.category-row input[name="category-colour"]', (el, colour) => {
    (el as HTMLInputElement).value = colour;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, JARGON_COLOUR);

  // Rule 1: internal tier names, in the pack's own category, an error.
  let [first] = await ruleForms();
  await fill(first, 'input[name="id"]', 'tier-names');
  await choose(first, 'select[name="category"]', 'jargon');
  await choose(first, 'select[name="severity"]', 'error');
  await fill(first, 'textarea[name="matcher"]', 'tier 2');
  await fill(first, 'input[name="message"]', 'Say who will help, not which tier.');
  await fill(first, 'textarea[name="explanation"]', 'Customers do not know our support tiers.');
  await fill(first, 'textarea[name="suggestions"]', 'our specialist team');
  await fill(first, 'textarea[name="flag"]', 'I passed this to tier 2.\nTier two will call you.');
  await fill(first, 'textarea[name="pass"]', 'Our specialist team will call you.');

  // The second flag example fails as soon as it is typed: the phrase does not cover "tier two".
  await options.waitForFunction(() => document.querySelectorAll('article.rule-form .example-results li.example').length === 3);
  [first] = await ruleForms();
  expect(await exampleStates(first)).toEqual(['flag:I passed this to tier 2.:true', 'flag:Tier two will call you.:false', 'pass:Our specialist team will call you.:true']);
  expect(await saveEnabled()).toBe(false);

  // The fix: a second phrase. The example passes live, before anything is saved.
  const phrases = (await first.$('textarea[name="matcher"]'))!;
  await phrases.click();
  await options.keyboard.down('Control');
  await options.keyboard.press('End');
  await options.keyboard.up('Control');
  await phrases.type('\ntier two');
  await options.waitForFunction(() => !document.querySelector('article.rule-form .example-results li.example[data-ok="false"]'));

  // Rule 2: a regular expression in a core category.
  await options.click('#add-rule');
  const second = (await ruleForms())[1];
  await fill(second, 'input[name="id"]', 'kindly-revert');
  await choose(second, 'select[name="category"]', 'policy');
  await choose(second, 'select[name="kind"]', 'regex');
  await fill(second, 'input[name="matcher"]', '\\bkindly revert\\b');
  await fill(second, 'input[name="message"]', 'Ask plainly for what you need.');
  await fill(second, 'textarea[name="explanation"]', '"Kindly revert" reads as a form letter.');
  await fill(second, 'textarea[name="flag"]', 'Kindly revert with your order number.');
  await fill(second, 'textarea[name="pass"]', 'Could you send me your order number?');
  await options.waitForFunction(() => document.querySelector('[data-testid="pack-editor"]')?.getAttribute('data-valid') === 'true');
  expect(await saveEnabled()).toBe(true);

  // Try it inside the editor, before saving: the draft's rules, not the installed ones.
  await options.type('#editor-try-text', 'Tier 2 will kindly revert soon.');
  await options.waitForFunction(() => document.querySelectorAll('[data-testid="pack-editor"] [data-testid="try-output"] mark.finding').length === 2);

  await options.click('#editor-save');
  await options.waitForFunction(() => /Saved Acme support tone/.test(document.querySelector('#editor-status')!.textContent!));
  await options.click('#editor-close');
  await options.waitForSelector('table.packs tr[data-pack="acme-tone"]');
  expect(await options.$eval('tr[data-pack="acme-tone"] .categories', (td) => td.textContent)).toBe('Internal jargon 1 · Policy 1');

  // On a ticket: the lead's rule underlines "tier 2" in the category's colour, with its severity's style.
  const desk = await ctx.browser.newPage();
  const deskErrors = collectErrors(desk);
  await desk.goto(`${server.url}/plain/`);
  await desk.click('#plain');
  await desk.keyboard.type('I have passed your refund to tier 2 today.');
  await desk.waitForFunction(() => !!document.querySelector('cando-overlay')?.shadowRoot?.querySelector('.underline[data-rule-id="acme-tone/tier-names"]'), { timeout: 15000 });
  const seen = await underlines(desk);
  expect(seen.filter((u) => u.ruleId.startsWith('acme-tone/')).map((u) => u.category)).toEqual(['jargon']);
  const drawn = await desk.evaluate(() => {
    const el = document.querySelector('cando-overlay')!.shadowRoot!.querySelector<HTMLElement>('.underline[data-rule-id="acme-tone/tier-names"]')!;
    return { colour: getComputedStyle(el).borderBottomColor, width: getComputedStyle(el).borderBottomWidth, severity: el.dataset.severity };
  });
  expect(drawn).toEqual({ colour: 'rgb(11, 114, 133)', width: '3px', severity: 'error' });
  // Its card names the category and the severity.
  const box = seen.find((u) => u.ruleId === 'acme-tone/tier-names')!;
  await desk.mouse.click((box.left + box.right) / 2, box.bottom - 3);
  await desk.waitForFunction(() => document.querySelector('cando-overlay')?.shadowRoot?.querySelector<HTMLElement>('.card')?.style.visibility === 'visible');
  const card = await desk.evaluate(() => {
    const c = document.querySelector('cando-overlay')!.shadowRoot!.querySelector('.card')!;
    return { severity: c.querySelector('.severity')!.textContent, legend: c.querySelector('.legend li.current')!.textContent };
  });
  expect(card).toEqual({ severity: 'Must fix', legend: 'Internal jargon' });
  expect(deskErrors).toEqual([]);
  await desk.close();
});

test('the saved pack opens in the editor as written', async () => {
  await options.bringToFront();
  await options.click('tr[data-pack="acme-tone"] button.edit');
  await options.waitForSelector('[data-testid="pack-editor"]');
  expect(await options.$eval('.pack-fields input[name="id"]', (el) => (el as HTMLInputElement).value)).toBe('acme-tone');
  expect(await options.$$eval('article.rule-form input[name="id"]', (els) => els.map((el) => (el as HTMLInputElement).value))).toEqual(['tier-names', 'kindly-revert']);
  expect(await options.$eval('article.rule-form textarea[name="matcher"]', (el) => (el as HTMLTextAreaElement).value)).toBe('tier 2\ntier two');
  await options.waitForFunction(() => document.querySelector('[data-testid="pack-editor"]')?.getAttribute('data-valid') === 'true');
  await options.click('#editor-close');
  expect(errors).toEqual([]);
});

chromeOnly('sets the download folder over CDP')('the saved pack exports with its keys in the schema order', async () => {
  await options.bringToFront();
  await options.click('tr[data-pack="acme-tone"] button.edit');
  await options.waitForFunction(() => document.querySelector('[data-testid="pack-editor"]')?.getAttribute('data-valid') === 'true');
  const cdp = await options.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await options.click('#editor-export');
  const deadline = Date.now() + 10000;
  while (!readdirSync(downloads).includes('acme-tone-1.0.0.json') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const file = JSON.parse(readFileSync(join(downloads, 'acme-tone-1.0.0.json'), 'utf8'));
  expect(Object.keys(file)).toEqual(['id', 'name', 'version', 'language', 'categories', 'rules']);
  expect(file.categories).toEqual({ jargon: { label: 'Internal jargon', colour: JARGON_COLOUR } });
  expect(Object.keys(file.rules[0])).toEqual(['id', 'category', 'severity', 'phrases', 'message', 'explanation', 'suggestions', 'examples']);
  await options.click('#editor-close');
  expect(errors).toEqual([]);
});

test('a built-in pack opens as a copy under a new id, and saving it under the built-in id is refused before anything is stored', async () => {
  await options.click('tr[data-pack="cando-cant"] button.edit');
  await options.waitForSelector('[data-testid="pack-editor"]');
  expect(await options.$eval('.pack-fields input[name="id"]', (el) => (el as HTMLInputElement).value)).toBe('cando-cant-copy');
  await fill(options, '.pack-fields input[name="id"]', 'cando-cant');
  await options.waitForFunction(() => /not yours to replace/.test(document.querySelector('[data-testid="pack-editor"] [data-testid="pack-errors"]')?.textContent ?? ''));
  expect(await saveEnabled()).toBe(false);
  await options.click('#editor-close');
  expect(errors).toEqual([]);
});

/** A built-in pack file of rules/. */
const builtin = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', '..', 'rules', `${name}.json`), 'utf8')) as PackSpec;

test('a pack with context rules, clause rules and transform suggestions goes import → edit → export with nothing lost, in the schema’s key order', async () => {
  // Every context rule of the built-in context pack (customer condition, unlessDraft, at, check,
  // customer-message examples) and a clause rule with clause exceptions and transform suggestions.
  const clauseRule = builtin('cando-cant').rules.find((r) => r.clause && r.unless?.some((u) => typeof u !== 'string') && r.suggestions?.some((x) => typeof x !== 'string'))!;
  const { $schema: _schema, ...context } = builtin('cando-context') as PackSpec & { $schema?: string };
  const pack: PackSpec = { ...context, id: 'lead-context', name: 'Lead context', rules: [...context.rules, { ...clauseRule, severity: 'info' }] };
  const file = join(downloads, 'lead-context.json');
  writeFileSync(file, JSON.stringify(pack, null, 2));
  await options.bringToFront();
  await ((await options.$('#pack-file')) as ElementHandle<HTMLInputElement>).uploadFile(file);
  await options.waitForSelector('[data-testid="pack-preview"]');
  await options.click('#confirm-import');
  await (await options.waitForSelector('tr[data-pack="lead-context"] button.edit'))!.click();
  await options.waitForFunction(() => document.querySelector('[data-testid="pack-editor"]')?.getAttribute('data-valid') === 'true', { timeout: 30000 });

  // The context fields are there, as the pack has them.
  const form = (id: string) => options.$(`article.rule-form[data-rule="${id}"]`) as Promise<ElementHandle>;
  const value = (scope: ElementHandle, selector: string) => scope.$eval(selector, (el) => (el as HTMLInputElement).value);
  const repeat = await form('repeat-contact');
  const repeatRule = pack.rules.find((r) => r.id === 'repeat-contact')!;
  expect(await value(repeat, 'select[name="customerKind"]')).toBe('regex');
  expect(await value(repeat, '[name="customerMatcher"]')).toBe(repeatRule.customer!.regex);
  expect(await value(repeat, 'select[name="at"]')).toBe('opening');
  expect(await value(repeat, 'textarea[name="unlessDraft"]')).toBe(repeatRule.unlessDraft!.join('\n'));
  const firstFlag = repeatRule.examples.flag[0] as ContextExample;
  expect(await repeat.$eval('.context-examples[data-kind="flag"] textarea[name="customer"]', (el) => (el as HTMLTextAreaElement).value)).toBe(firstFlag.customer);
  expect(await repeat.$eval('.context-examples[data-kind="flag"] textarea[name="text"]', (el) => (el as HTMLTextAreaElement).value)).toBe(firstFlag.text);
  expect(await value(await form('unanswered-question'), 'select[name="check"]')).toBe('unanswered-questions');
  expect(await value(await form(clauseRule.id), 'select[name="customerKind"]')).toBe('');
  expect(await options.$$eval('article.rule-form .example-results li.example[data-ok="false"]', (items) => items.length)).toBe(0);

  // The lead edits a context rule: a word in the draft that settles it, and a passing example with its customer message.
  const unlessDraft = (await repeat.$('textarea[name="unlessDraft"]'))!;
  await unlessDraft.click();
  await options.keyboard.down('Control');
  await options.keyboard.press('End');
  await options.keyboard.up('Control');
  await unlessDraft.type('\nzzqx');
  await (await repeat.$('.context-examples[data-kind="pass"] button.add-example'))!.click();
  const added = (await repeat.$$('.context-examples[data-kind="pass"] .context-example')).at(-1)!;
  await added.$eval('textarea[name="customer"]', (el) => (el as HTMLElement).focus());
  await options.keyboard.type('This is my third email about the refund!');
  await added.$eval('textarea[name="text"]', (el) => (el as HTMLElement).focus());
  await options.keyboard.type('Zzqx: your refund went out today.');
  await options.waitForFunction(
    () => [...document.querySelectorAll('article.rule-form[data-rule="repeat-contact"] .example-results[data-kind="pass"] li.example')].some((li) => li.textContent!.includes('Zzqx') && (li as HTMLElement).dataset.ok === 'true'),
  );
  await options.waitForFunction(() => document.querySelector('[data-testid="pack-editor"]')?.getAttribute('data-valid') === 'true');

  // Export writes what the download would hold: the pack as imported plus exactly these edits.
  await options.evaluate(() => {
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      (window as unknown as { exported: Blob }).exported = blob as Blob;
      return create(blob);
    };
  });
  await options.click('#editor-export');
  const exported = await options.evaluate(() => (window as unknown as { exported: Blob }).exported.text());
  const expected: PackSpec = {
    ...pack,
    rules: pack.rules.map((r) =>
      r.id === 'repeat-contact'
        ? { ...r, unlessDraft: [...r.unlessDraft!, 'zzqx'], examples: { ...r.examples, pass: [...r.examples.pass, { customer: 'This is my third email about the refund!', text: 'Zzqx: your refund went out today.' }] } }
        : r,
    ),
  };
  expect(exported).toBe(packJson(expected));
  await options.click('#editor-close');
  expect(errors).toEqual([]);
});
