// Enterprise policy for a test's own copy of CanDo, written where the browser reads it before
// launch.
// Chromium: one file per test in the managed-policy directory (Chromium merges the files, each
// extension id being its own namespace).
// Firefox: a policies.json of the test's own, in a temporary folder. Firefox reads the
// installation's distribution/policies.json (or /etc/firefox-esr/policies/policies.json), one file
// for every Firefox the tests start in parallel; but when neither exists it reads the file named by
// the pref `browser.policies.alternatePath`, which it honours only "in automation"
// (EnterprisePoliciesParent.sys.mjs: `Cu.isInAutomation`, which needs the pref
// `security.turn_off_all_security_so_that_viruses_can_take_over_this_computer` and the environment
// variable MOZ_DISABLE_NONLOCAL_CONNECTIONS, which also keeps that Firefox off any non-local host).
// `launch` carries those to launchWithExtension.
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LaunchOptions } from 'puppeteer-core';
import type { BrowserName } from './browser';

/** The policy files Firefox ESR on Debian reads before any other: while one exists, a test's own file is ignored. */
const firefoxSystemPolicies = () => [
  join(dirname(realpathSync(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr')), 'distribution', 'policies.json'),
  '/etc/firefox-esr/policies/policies.json',
];

export interface PolicyFile {
  /** Writes the policy of the test's extension (its `3rdparty` settings). */
  write(policy: Record<string, unknown>): void;
  /** Writes a whole policy file as `cando policy` generates it (Chromium: managed JSON; Firefox: policies.json). */
  writeFile(content: string | Uint8Array): void;
  remove(): void;
  /** What launchWithExtension needs so that the browser reads this file. */
  launch: Partial<LaunchOptions>;
}

/** The policy of extension `id` in `browser`; `name` keeps the Chromium file apart from other tests'. */
export function policyFile(browser: BrowserName, id: string, name: string): PolicyFile {
  if (browser === 'firefox') {
    const dir = mkdtempSync(join(tmpdir(), `cando-policy-${name}-`));
    const file = join(dir, 'policies.json');
    const writeFile = (content: string | Uint8Array) => {
      const system = firefoxSystemPolicies().find((f) => existsSync(f));
      if (system) throw new Error(`${system} exists: Firefox reads it instead of this test's policy file (browser.policies.alternatePath). Remove it to run the policy tests.`);
      writeFileSync(file, content);
    };
    return {
      write: (policy) => writeFile(JSON.stringify({ policies: { '3rdparty': { Extensions: { [id]: policy } } } })),
      writeFile,
      remove: () => rmSync(dir, { recursive: true, force: true }),
      launch: {
        extraPrefsFirefox: { 'browser.policies.alternatePath': file, 'security.turn_off_all_security_so_that_viruses_can_take_over_this_computer': true },
        env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      },
    };
  }
  const file = `/etc/chromium/policies/managed/cando-e2e-${name}-${process.pid}.json`;
  const writeFile = (content: string | Uint8Array) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  return {
    write: (policy) => writeFile(JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } })),
    writeFile,
    remove: () => rmSync(file, { force: true }),
    launch: {},
  };
}
