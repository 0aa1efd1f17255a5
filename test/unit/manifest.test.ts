// Pins what CanDo asks the browser for to the README's "Permissions" section (a new permission is a
// visible, reviewed change there) and its hosts to the help desks' adapters, the one list of them.
// Also: the extension pages' CSP allows no remote script.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
type Manifest = {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts: { matches: string[] }[];
  content_security_policy?: { extension_pages?: string };
  background: Record<string, unknown>;
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required: string[] } } };
};

/** Runs an expression over scripts/build.mjs's exports (no built dist needed). */
function fromBuildScript<T>(expression: string): T {
  const script = `import * as build from './scripts/build.mjs';
process.stdout.write(JSON.stringify(${expression}));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as T;
}
/** The manifests the build writes. */
const built = (browser: 'chrome' | 'firefox', test: boolean) => fromBuildScript<Manifest>(`build.manifestFor(${JSON.stringify(browser)}, { test: ${test} })`);
/** The hosts the adapters in src/content/adapters declare, as match patterns. */
const helpDesks = fromBuildScript<string[]>('build.helpDeskMatches()');

/** Backticked entries of each "- **Label**: ..." line in the README's Permissions section. */
function readmePermissions(): Record<string, string[]> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^## Permissions\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(readme);
  if (!section) throw new Error('README.md has no "## Permissions" section');
  const lists: Record<string, string[]> = {};
  for (const line of section[1].split('\n')) {
    const m = /^- `([a-z_]+)`: (.*)$/.exec(line);
    if (!m) continue;
    lists[m[1]] = [...m[2].matchAll(/`([^`]+)`/g)].map((x) => x[1]);
  }
  return lists;
}

const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();
const source: Manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const stores = { chrome: built('chrome', false), firefox: built('firefox', false) };

describe.each(Object.entries(stores))('%s store build', (_name, manifest) => {
  const listed = readmePermissions();

  test('permissions are exactly the README list', () => {
    expect(sorted(manifest.permissions)).toEqual(sorted(listed.permissions));
  });
  test("host permissions are exactly the help-desk adapters' hosts", () => {
    expect(helpDesks).toEqual(expect.arrayContaining(['https://*.zendesk.com/*', 'https://*.freshdesk.com/*']));
    expect(sorted(manifest.host_permissions)).toEqual(sorted(helpDesks));
  });
  test("the content script runs on exactly the help-desk adapters' hosts", () => {
    expect(sorted(manifest.content_scripts.flatMap((cs) => cs.matches))).toEqual(sorted(helpDesks));
  });
  test('optional host permissions are exactly the README list', () => {
    expect(sorted(manifest.optional_host_permissions)).toEqual(sorted(listed.optional_host_permissions));
  });
  test('content scripts run only where host permissions reach', () => {
    for (const cs of manifest.content_scripts) {
      for (const match of cs.matches) expect(manifest.host_permissions).toContain(match);
    }
  });
  test('extension pages allow no remote, inline or eval script', () => {
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    const scriptSrc = /(?:^|;)\s*script-src\s+([^;]*)/.exec(csp);
    expect(scriptSrc).not.toBeNull();
    expect(scriptSrc![1].trim().split(/\s+/).sort()).toEqual(["'self'"]);
    expect(csp).toMatch(/object-src 'none'/);
  });
});

test('the Firefox build declares that it collects no data', () => {
  expect(stores.firefox.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual(['none']);
  expect(stores.firefox.background).toEqual({ scripts: ['background.js'] });
});

test('only the test builds add the localhost fixture server', () => {
  const local = ['http://localhost/*', 'http://127.0.0.1/*'];
  for (const browser of ['chrome', 'firefox'] as const) {
    const test = built(browser, true);
    expect(sorted(test.host_permissions)).toEqual(sorted([...stores[browser].host_permissions!, ...local]));
    for (const cs of stores[browser].content_scripts) for (const l of local) expect(cs.matches).not.toContain(l);
  }
});

test("CanDo's own code never assigns HTML (the lint warnings justified in the README are Preact's)", () => {
  const files = execFileSync('git', ['ls-files', 'src'], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => /\.tsx?$/.test(f));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/dangerouslySetInnerHTML|\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
  }
});

test('the extension pages load only their own bundled script', () => {
  for (const page of ['src/options/options.html', 'src/popup/popup.html']) {
    const html = readFileSync(join(root, page), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body.trim()).toBe('');
      expect(attrs).toMatch(/src="[a-z-]+\.js"/);
    }
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  }
  expect(source.content_security_policy?.extension_pages).toBeDefined();
});
