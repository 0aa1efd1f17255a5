// Enterprise policy for a test's own copy of CanDo, written where the browser reads it before
// launch. Chromium: one file per test in the managed-policy directory (Chromium merges the files,
// each extension id being its own namespace). Firefox: the installation's one
// distribution/policies.json, shared by every Firefox the tests start in parallel, so each test
// adds and removes only its own extension's entry, under a lock.
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserName } from './browser';

const FIREFOX_POLICIES = () => join(dirname(realpathSync(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr')), 'distribution', 'policies.json');

type FirefoxPolicies = { policies: { '3rdparty': { Extensions: Record<string, unknown> } } };

/** Runs `change` while holding a lock directory next to `file` (mkdir is atomic across processes). */
function withLock(file: string, change: () => void): void {
  const lock = `${file}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a crashed run is taken over after the deadline.
      if (Date.now() > deadline) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    change();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function editFirefoxPolicies(id: string, policy: Record<string, unknown> | undefined): void {
  const file = FIREFOX_POLICIES();
  withLock(file, () => {
    let current: FirefoxPolicies = { policies: { '3rdparty': { Extensions: {} } } };
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as FirefoxPolicies;
      if (parsed?.policies?.['3rdparty']?.Extensions) current = parsed;
    } catch {
      // No file yet, or one left half-written by a killed run: start afresh.
    }
    const extensions = current.policies['3rdparty'].Extensions;
    if (policy) extensions[id] = policy;
    else delete extensions[id];
    if (Object.keys(extensions).length === 0) rmSync(file, { force: true });
    else writeFileSync(file, JSON.stringify(current));
  });
}

export interface PolicyFile {
  write(policy: Record<string, unknown>): void;
  remove(): void;
}

/** The policy of extension `id` in `browser`; `name` keeps the Chromium file apart from other tests'. */
export function policyFile(browser: BrowserName, id: string, name: string): PolicyFile {
  if (browser === 'firefox') return { write: (policy) => editFirefoxPolicies(id, policy), remove: () => editFirefoxPolicies(id, undefined) };
  const file = `/etc/chromium/policies/managed/cando-e2e-${name}-${process.pid}.json`;
  return {
    write: (policy) => {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));
    },
    remove: () => rmSync(file, { force: true }),
  };
}
