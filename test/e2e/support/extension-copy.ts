// A copy of the test build under its own identity (Chrome: a fresh key, so a new extension id;
// Firefox: a new add-on id), with its manifest edited, for tests that need CanDo installed
// differently from the other test files' browsers running in parallel (an enterprise policy for
// that id only, or no built-in content script on localhost). Launch it with
// launchWithExtension(name, {}, copy.install); its pages open under copy.origin.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionDir, FIREFOX_EXTENSION_UUID, type BrowserName, type InstallOptions } from './browser';

export interface ExtensionCopy {
  /** Chrome extension id or Firefox add-on id: what a policy names. */
  id: string;
  origin: string;
  install: InstallOptions;
  remove(): void;
}

type Manifest = { content_scripts: { matches: string[] }[]; host_permissions: string[]; browser_specific_settings?: { gecko: { id: string } }; key?: string };

export function extensionCopy(name: BrowserName, editManifest: (manifest: Manifest) => void = () => undefined): ExtensionCopy {
  const dir = mkdtempSync(join(tmpdir(), 'cando-ext-copy-'));
  cpSync(extensionDir(name), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  let id: string;
  let origin: string;
  if (name === 'chrome') {
    const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
    manifest.key = der.toString('base64');
    // Chrome's extension id: the first 128 bits of the key's SHA-256, hex digits written as a–p.
    const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
    id = [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
    origin = `chrome-extension://${id}`;
  } else {
    id = `cando-test-${process.pid}-${Date.now()}@cando-coach.org`;
    manifest.browser_specific_settings!.gecko.id = id;
    origin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
  }
  editManifest(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { id, origin, install: { dir, firefoxId: id, origin }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
