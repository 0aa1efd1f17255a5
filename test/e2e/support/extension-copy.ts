// A copy of the Chrome test build under a fresh key (so a new extension id), with its manifest
// edited, for tests that need CanDo installed differently from the other test files' browsers
// (an enterprise policy for that id only, or no built-in content script on localhost).
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionDir } from './browser';

export interface ExtensionCopy {
  dir: string;
  id: string;
  origin: string;
  remove(): void;
}

export function chromeExtensionCopy(editManifest: (manifest: Record<string, any>) => void = () => undefined): ExtensionCopy {
  const dir = mkdtempSync(join(tmpdir(), 'cando-ext-copy-'));
  cpSync(extensionDir('chrome'), dir, { recursive: true });
  const der = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.key = der.toString('base64');
  editManifest(manifest);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  // Chrome's extension id: the first 128 bits of the key's SHA-256, hex digits written as a–p.
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  const id = [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
  return { dir, id, origin: `chrome-extension://${id}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
