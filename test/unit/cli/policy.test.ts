// The rollout files IT deploys (src/shared/rollout-policy.ts, `cando policy`): what each browser
// reads back must be the policy CanDo understands. Chromium loading the Linux file for real is
// test/e2e/policy-generated.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizePolicy } from '../../../src/background/policy';
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, managedPolicy, policyFile, policyFileBytes } from '../../../src/shared/rollout-policy';

const root = join(__dirname, '..', '..', '..');
const starter = JSON.parse(readFileSync(join(root, 'rules', 'starter.json'), 'utf8')) as { id: string };
const choice = { packs: [starter], urls: ['https://packs.example.com/acme.json'], locks: ['starter', 'cando-cant/we-cant'], allowImport: false, refreshMinutes: 60 };
const policy = managedPolicy(choice);

test('the ids are CanDo’s: the Chromium id derives from the manifest key, the Firefox id from the build', () => {
  const key = Buffer.from((JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { key: string }).key, 'base64');
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32);
  expect([...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('')).toBe(CHROMIUM_EXTENSION_ID);
  expect(readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8')).toContain(`'${FIREFOX_EXTENSION_ID}'`);
});

test('the managed policy reads back as the choice: packs (inline, every field kept), URL, locks, import off', () => {
  const read = normalizePolicy(JSON.parse(JSON.stringify(policy)));
  expect(read.problems).toEqual([]);
  expect(read.inlinePacks).toEqual([starter]);
  expect(read.subscriptionUrls).toEqual(['https://packs.example.com/acme.json']);
  expect(read.lockedPacks).toEqual(['starter']);
  expect(read.lockedRules).toEqual(['cando-cant/we-cant']);
  expect(read.allowImport).toBe(false);
  expect(read.refreshMinutes).toBe(60);
  expect(managedPolicy({})).toEqual({});
});

test('Linux (Chrome, Edge, Chromium) and Firefox files put the policy under the extension’s id', () => {
  const linux = JSON.parse(policyFile('linux', policy).text);
  expect(linux['3rdparty'].extensions[CHROMIUM_EXTENSION_ID]).toEqual(policy);
  const firefox = JSON.parse(policyFile('firefox', policy).text);
  expect(firefox.policies['3rdparty'].Extensions[FIREFOX_EXTENSION_ID]).toEqual(policy);
  expect(policyFile('linux', policy).install).toContain('/etc/opt/chrome/policies/managed/');
});

/** Reads a .reg file's keys back: key path → { value name → value }. */
function readRegistry(text: string): Map<string, Record<string, string | number>> {
  const keys = new Map<string, Record<string, string | number>>();
  let current: Record<string, string | number> | undefined;
  for (const line of text.split('\r\n')) {
    const key = /^\[(-?)(.*)\]$/.exec(line);
    if (key) {
      current = key[1] ? undefined : (keys.get(key[2]) ?? {});
      if (current) keys.set(key[2], current);
    } else if (current && line.startsWith('"')) {
      const m = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line)!;
      const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
      current[unescape(m[1])] = m[3] !== undefined ? parseInt(m[3], 16) : unescape(m[2]);
    }
  }
  return keys;
}

test('Windows: a UTF-16LE .reg file with the policy as keys for Chrome, Edge and Chromium (lists as numbered values)', () => {
  const file = policyFile('windows', policy);
  const bytes = policyFileBytes(file);
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
  const text = Buffer.from(bytes.slice(2)).toString('utf16le');
  expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
  const keys = readRegistry(text);
  for (const vendor of ['Google\\Chrome', 'Microsoft\\Edge', 'Chromium']) {
    const base = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\3rdparty\\extensions\\${CHROMIUM_EXTENSION_ID}\\policy`;
    expect(keys.get(base)).toEqual({ allowImport: 0, refreshMinutes: 60 });
    expect(keys.get(`${base}\\packs\\1`)).toEqual({ url: 'https://packs.example.com/acme.json' });
    expect(JSON.parse(keys.get(`${base}\\packs\\2`)!.json as string)).toEqual(starter);
    expect(keys.get(`${base}\\lockedPacks`)).toEqual({ 1: 'starter' });
    expect(keys.get(`${base}\\lockedRules`)).toEqual({ 1: 'cando-cant/we-cant' });
  }
});

test('macOS: a configuration profile with one payload per browser domain, the same each time', () => {
  const text = policyFile('macos', policy).text;
  expect(text).toContain(`<string>com.google.Chrome.extensions.${CHROMIUM_EXTENSION_ID}</string>`);
  expect(text).toContain(`<string>com.microsoft.Edge.extensions.${CHROMIUM_EXTENSION_ID}</string>`);
  expect(text).toMatch(/<key>allowImport<\/key>\s*<false\/>/);
  expect(text).toMatch(/<key>lockedRules<\/key>\s*<array>\s*<string>cando-cant\/we-cant<\/string>/);
  // Markup in a pack is escaped, and the profile does not change between runs (MDMs diff it).
  expect(policyFile('macos', managedPolicy({ packs: [{ name: 'a <b> & c' }] })).text).toContain('a &lt;b&gt; &amp; c');
  expect(policyFile('macos', policy).text).toBe(text);
  const uuids = text.match(/<key>PayloadUUID<\/key>\s*<string>([^<]+)/g)!;
  expect(new Set(uuids).size).toBe(4);
});

test('cando policy --out-dir writes all four files; --target prints one; a misspelt lock gets "did you mean"', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cando-policy-'));
  const packFile = join(dir, 'starter.json');
  writeFileSync(packFile, JSON.stringify(starter));
  const bin = join(root, 'bin', 'cando.js');
  const out = join(dir, 'out');
  execFileSync(process.execPath, [bin, 'policy', '--pack', packFile, '--lock-packs', '--no-import', '--out-dir', out]);
  expect(readdirSync(out).sort()).toEqual(['cando-policy.json', 'cando-policy.mobileconfig', 'cando-policy.reg', 'policies.json']);
  expect(JSON.parse(readFileSync(join(out, 'cando-policy.json'), 'utf8'))).toEqual(JSON.parse(policyFile('linux', managedPolicy({ packs: [starter], locks: ['starter'], allowImport: false })).text));
  const printed = execFileSync(process.execPath, [bin, 'policy', '--target', 'firefox', '--url', 'https://packs.example.com/a.json', '--lock', 'cando-cant/we-cnt'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(JSON.parse(printed).policies['3rdparty'].Extensions[FIREFOX_EXTENSION_ID]).toEqual({ packs: [{ url: 'https://packs.example.com/a.json' }], lockedRules: ['cando-cant/we-cnt'] });
  const warned = spawnSync(process.execPath, [bin, 'policy', '--target', 'linux', '--lock', 'cando-cant/we-cnt'], { encoding: 'utf8' });
  expect(warned.status).toBe(0);
  expect(warned.stderr).toContain('did you mean cando-cant/we-cant?');
  const refused = spawnSync(process.execPath, [bin, 'policy', '--target', 'linux', '--url', 'http://packs.example.com/a.json'], { encoding: 'utf8' });
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('not an https:// address');
});
