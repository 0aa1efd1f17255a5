// The `cando` command, spawned for real as a user runs it (node bin/cando.js).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCando, type CliRun } from '../../support/cando-cli';

const root = join(__dirname, '..', '..', '..');
const starter = join(root, 'rules', 'starter.json');

function cando(args: string[], stdin = ''): Promise<CliRun> {
  return runCando(args, { cwd: root, stdin });
}

const refund = "Unfortunately we can't refund your order.";

test('check --json reads stdin and prints a cant finding with correct offsets', async () => {
  const { code, stdout } = await cando(['check', '--json', '--pack', starter], refund);
  expect(code).toBe(0);
  const findings = JSON.parse(stdout);
  const cant = findings.find((f: { category: string }) => f.category === 'cant');
  expect(cant).toMatchObject({ ruleId: 'starter/we-cant', start: 14, end: 29, text: "we can't refund" });
  expect(refund.slice(cant.start, cant.end)).toBe(cant.text);
});

test('check with the default packs finds the cant in the reference sentence', async () => {
  const { code, stdout } = await cando(['check', '--json'], refund);
  expect(code).toBe(0);
  const cant = JSON.parse(stdout).find((f: { category: string }) => f.category === 'cant');
  expect(refund.slice(cant.start, cant.end)).toBe(cant.text);
  expect(cant.text.toLowerCase()).toContain("can't");
});

test('check FILE prints one line a finding: file:line:col  severity  message  ruleId', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cando-cli-'));
  const file = join(dir, 'draft.txt');
  writeFileSync(file, `Hi Sam,\n${refund}\nThat’s our policy.\n`);
  const { code, stdout } = await cando(['check', '--pack', starter, file]);
  expect(code).toBe(0);
  const lines = stdout.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^${file}:2:15 +warning +Lead with what you can do\\. \\(“we can't refund”; rewrite: “Let me see how we can refund your order\\.”\\) +starter/we-cant$`));
  expect(lines[1]).toMatch(new RegExp(`^${file}:3:1 +info +.*“That’s our policy”.* +starter/`));
  expect(stdout).toContain('2 findings (1 info, 1 warning)');
});

test('check --jsonl answers each {"id","text"} line in order, and reports bad lines', async () => {
  const input = [
    JSON.stringify({ id: 'a', text: refund }),
    JSON.stringify({ id: 2, text: 'Thanks for waiting!' }),
    'not json',
    JSON.stringify({ id: 'c', text: 'Rules are rules.' }),
  ].join('\n');
  const { code, stdout, stderr } = await cando(['check', '--jsonl', '--pack', starter], input);
  const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.id)).toEqual(['a', 2, null, 'c']);
  expect(lines[0].findings.map((f: { category: string }) => f.category)).toEqual(['cant']);
  expect(lines[1].findings).toEqual([]);
  expect(lines[2].error).toContain('expected');
  expect(lines[3].findings[0]).toMatchObject({ category: 'policy', start: 0, end: 15 });
  expect(stderr).toContain('line 3');
  expect(code).toBe(1);
});

test('pack test exits 0 for every pack in rules/', async () => {
  const packs = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.json') && f !== 'pack.schema.json');
  for (const file of packs) {
    const { code, stdout } = await cando(['pack', 'test', join(root, 'rules', file)]);
    expect({ file, code }).toEqual({ file, code: 0 });
    expect(stdout).toMatch(/^ok .* rules, \d+ examples pass/);
  }
});

test('usage errors exit 2 with the usage text', async () => {
  for (const args of [['frobnicate'], ['check', '--colour'], ['check', '--pack'], ['pack', 'test'], ['check', '--pack', '/nonexistent.json'], ['check', '--format', 'xml'], ['check', '--fail-on', 'warn'], ['check', '/nonexistent.txt'], ['pack', 'frob'], ['policy']]) {
    const { code, stderr } = await cando(args);
    expect({ args, code }).toEqual({ args, code: 2 });
    expect(stderr).toMatch(/^cando: /);
  }
});

test('bin bundles the CLI itself when its cache is empty (fresh clone, no build)', async () => {
  const cache = join(mkdtempSync(join(tmpdir(), 'cando-cache-')), 'cli');
  const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(process.execPath, [join(root, 'bin', 'cando.js'), 'check', '--json', '--pack', starter], { env: { ...process.env, CANDO_CLI_CACHE: cache } }, (err, stdout) =>
      resolve({ code: err ? Number(err.code) : 0, stdout }),
    ).stdin!.end(refund),
  );
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)[0].ruleId).toBe('starter/we-cant');
  expect(readdirSync(cache)).toContain('index.cjs');
});

test('check --jsonl reads an optional customer message (text, or {text, name}), coaches the reply against it, and lists its strengths', async () => {
  const lines = [
    { id: 'a', customer: 'This is the third time I am writing about my refund.', text: 'Please send us your order number.' },
    { id: 'b', customer: { text: 'Where is my order?', name: 'Maria Lopez' }, text: 'Hi Sarah,\nYour order ships today.' },
    { id: 'c', text: 'Please send us your order number.' },
    { id: 'd', customer: 42, text: 'Hi.' },
    { id: 'e', customer: 'My parcel arrived damaged.', text: "I'm sorry your parcel arrived damaged. I'll send a replacement today." },
  ];
  const { code, stdout } = await cando(['check', '--jsonl'], lines.map((l) => JSON.stringify(l)).join('\n'));
  expect(code).toBe(1); // line d is malformed
  const out = stdout.trim().split('\n').map((l) => JSON.parse(l));
  const categories = (i: number) => out[i].findings.map((f: { category: string }) => f.category);
  expect(categories(0)).toContain('context-repeat');
  expect(out[1].findings.find((f: { category: string }) => f.category === 'context-name')).toMatchObject({ text: 'Hi Sarah', suggestions: ['Hi Maria'] });
  expect(categories(2).filter((c: string) => c.startsWith('context-'))).toEqual([]);
  expect(out[3]).toMatchObject({ id: 'd', error: expect.stringContaining('customer') });
  // What the reply does well, as a separate list of ids (never findings).
  expect(out[4].strengths).toEqual(expect.arrayContaining(['specific-apology', 'owns-next-step']));
  expect(out[2].strengths).toBeUndefined(); // none: the line keeps the {id, findings} shape
});
