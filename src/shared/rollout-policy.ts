// Rollout files for IT: the enterprise policy that gives every agent the chosen packs and locks,
// written the way each browser and OS reads it (Chrome/Edge/Chromium on Linux: a JSON file in the
// managed-policy directory; Windows: a .reg file; macOS: a .mobileconfig profile; Firefox:
// policies.json). Pure: used by `cando policy` and by the options page alike.
//
// Inline packs are written in the policy's `{"json": "..."}` form everywhere: the browsers check a
// policy against the extension's schema (src/background/managed-schema.json), which cannot type
// every pack field, and a JSON string carries all of them unchanged.

/** CanDo's Chrome/Edge extension id (from the manifest's `key`) and Firefox add-on id. */
export const CHROMIUM_EXTENSION_ID = 'fhhmhimnlonjmjhmdhhkednjcaejaogp';
export const FIREFOX_EXTENSION_ID = 'cando@cando-coach.org';

export type PolicyPackEntry = { url: string } | { json: string };

/** The object CanDo reads from storage.managed (see normalizePolicy in src/background/policy.ts). */
export interface ManagedPolicy {
  packs?: PolicyPackEntry[];
  lockedPacks?: string[];
  lockedRules?: string[];
  allowImport?: boolean;
  refreshMinutes?: number;
}

export interface RolloutChoice {
  /** Packs written into the policy, as their parsed JSON documents. */
  packs?: readonly unknown[];
  /** Pack URLs every agent subscribes to. */
  urls?: readonly string[];
  /** Pack ids (`acme`) or rule ids (`acme/no-rulebook`) agents cannot switch off. */
  locks?: readonly string[];
  /** False: agents cannot import packs or subscribe to URLs themselves. */
  allowImport?: boolean;
  refreshMinutes?: number;
}

/** The managed-policy object for a choice; empty lists and defaults are left out. */
export function managedPolicy(choice: RolloutChoice): ManagedPolicy {
  const policy: ManagedPolicy = {};
  const packs: PolicyPackEntry[] = [...(choice.urls ?? []).map((url) => ({ url })), ...(choice.packs ?? []).map((pack) => ({ json: JSON.stringify(pack) }))];
  if (packs.length) policy.packs = packs;
  const locks = [...new Set(choice.locks ?? [])];
  const lockedPacks = locks.filter((id) => !id.includes('/'));
  const lockedRules = locks.filter((id) => id.includes('/'));
  if (lockedPacks.length) policy.lockedPacks = lockedPacks;
  if (lockedRules.length) policy.lockedRules = lockedRules;
  if (choice.allowImport === false) policy.allowImport = false;
  if (choice.refreshMinutes !== undefined) policy.refreshMinutes = choice.refreshMinutes;
  return policy;
}

export type PolicyTarget = 'linux' | 'windows' | 'macos' | 'firefox';
export const POLICY_TARGETS: readonly PolicyTarget[] = ['linux', 'windows', 'macos', 'firefox'];

export interface PolicyFile {
  target: PolicyTarget;
  fileName: string;
  mimeType: string;
  /** Where the file goes and how it is applied, for the person rolling it out. */
  install: string;
  text: string;
  /** How the text is written to disk: .reg files are read by regedit as UTF-16LE with a byte-order mark. */
  encoding: 'utf-8' | 'utf-16le';
}

export interface ExtensionIds {
  chromium: string;
  firefox: string;
}
const DEFAULT_IDS: ExtensionIds = { chromium: CHROMIUM_EXTENSION_ID, firefox: FIREFOX_EXTENSION_ID };

/** The browsers' registry and preference names for the Chromium-based browsers CanDo supports. */
const CHROMIUM_BROWSERS = [
  { name: 'Google Chrome', registry: 'Google\\Chrome', macDomain: 'com.google.Chrome', linuxDir: '/etc/opt/chrome/policies/managed/' },
  { name: 'Microsoft Edge', registry: 'Microsoft\\Edge', macDomain: 'com.microsoft.Edge', linuxDir: '/etc/opt/edge/policies/managed/' },
  { name: 'Chromium', registry: 'Chromium', macDomain: 'org.chromium.Chromium', linuxDir: '/etc/chromium/policies/managed/' },
] as const;

export function policyFile(target: PolicyTarget, policy: ManagedPolicy, ids: ExtensionIds = DEFAULT_IDS): PolicyFile {
  switch (target) {
    case 'linux':
      return {
        target,
        fileName: 'cando-policy.json',
        mimeType: 'application/json',
        install: `Copy to ${CHROMIUM_BROWSERS.map((b) => `${b.linuxDir} (${b.name})`).join(', ')}; readable by all users, writable by root only. The browser applies changes while running.`,
        text: `${JSON.stringify({ '3rdparty': { extensions: { [ids.chromium]: policy } } }, null, 2)}\n`,
        encoding: 'utf-8',
      };
    case 'windows':
      return {
        target,
        fileName: 'cando-policy.reg',
        mimeType: 'text/plain',
        install: 'Import as an administrator (double-click, or `reg import cando-policy.reg`), or deploy the same keys by Group Policy Preferences or Intune. Covers Chrome, Edge and Chromium.',
        text: windowsRegistryFile(policy, ids.chromium),
        encoding: 'utf-16le',
      };
    case 'macos':
      return {
        target,
        fileName: 'cando-policy.mobileconfig',
        mimeType: 'application/x-apple-aspen-config',
        install: 'Deploy with your MDM (Jamf, Intune, Kandji…), or open it and approve it in System Settings → Privacy & Security → Profiles. Covers Chrome, Edge and Chromium.',
        text: macProfile(policy, ids.chromium),
        encoding: 'utf-8',
      };
    case 'firefox':
      return {
        target,
        fileName: 'policies.json',
        mimeType: 'application/json',
        install:
          'Put it in the "distribution" folder of the Firefox installation (Linux: /usr/lib/firefox-esr/distribution/, or /etc/firefox-esr/policies/ for Debian\'s firefox-esr and /etc/firefox/policies/ for Mozilla\'s Firefox, which are read first; Windows: C:\\Program Files\\Mozilla Firefox\\distribution\\; macOS: Firefox.app/Contents/Resources/distribution/). If a policies.json is already there, merge the "3rdparty" entry into it. Firefox reads it when it starts.',
        text: `${JSON.stringify({ policies: { '3rdparty': { Extensions: { [ids.firefox]: policy } } } }, null, 2)}\n`,
        encoding: 'utf-8',
      };
  }
}

/** The bytes to write for a policy file (a byte-order mark first for UTF-16LE). */
export function policyFileBytes(file: PolicyFile): Uint8Array {
  if (file.encoding === 'utf-8') return new TextEncoder().encode(file.text);
  const bytes = new Uint8Array(2 + file.text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < file.text.length; i++) {
    const unit = file.text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}

// Windows: Chrome reads an extension's policy from ...\3rdparty\extensions\<id>\policy; a list is a
// subkey whose values (or subkeys) are named 1, 2, 3..., an object is a subkey, a boolean or integer
// is a DWORD, a string a REG_SZ.
const regString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ')}"`;
const dword = (n: number): string => `dword:${(n >>> 0).toString(16).padStart(8, '0')}`;

function registryKeys(key: string, value: Record<string, unknown> | unknown[], out: string[]): void {
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v]) : Object.entries(value);
  const lines = [`[${key}]`];
  const subkeys: [string, Record<string, unknown> | unknown[]][] = [];
  for (const [name, v] of entries) {
    if (typeof v === 'string') lines.push(`${regString(name)}=${regString(v)}`);
    else if (typeof v === 'boolean') lines.push(`${regString(name)}=${dword(v ? 1 : 0)}`);
    else if (typeof v === 'number') lines.push(`${regString(name)}=${dword(v)}`);
    else if (v && typeof v === 'object') subkeys.push([name, v as Record<string, unknown>]);
  }
  out.push(lines.join('\r\n'));
  for (const [name, v] of subkeys) registryKeys(`${key}\\${name}`, v, out);
}

function windowsRegistryFile(policy: ManagedPolicy, id: string): string {
  const blocks: string[] = ['Windows Registry Editor Version 5.00'];
  for (const browser of CHROMIUM_BROWSERS) {
    const key = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${browser.registry}\\3rdparty\\extensions\\${id}\\policy`;
    // The whole policy key is replaced: keys left from an earlier rollout would otherwise linger.
    blocks.push(`; CanDo policy for ${browser.name}\r\n[-${key}]`);
    registryKeys(key, policy as Record<string, unknown>, blocks);
  }
  return `${blocks.join('\r\n\r\n')}\r\n`;
}

// macOS: a configuration profile whose payloads set the managed preferences of the domain
// <browser>.extensions.<id>, which is where Chrome and Edge read an extension's policy.
const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function plistValue(v: unknown, indent: string): string {
  if (typeof v === 'string') return `${indent}<string>${xml(v)}</string>`;
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (typeof v === 'number') return `${indent}<integer>${Math.trunc(v)}</integer>`;
  if (Array.isArray(v)) return `${indent}<array>\n${v.map((item) => plistValue(item, `${indent}  `)).join('\n')}\n${indent}</array>`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, value]) => value !== undefined);
  return `${indent}<dict>\n${entries.map(([k, value]) => `${indent}  <key>${xml(k)}</key>\n${plistValue(value, `${indent}  `)}`).join('\n')}\n${indent}</dict>`;
}

/** A UUID-shaped id derived from `seed` (FNV-1a), so the same policy gives the same profile. */
function stableUuid(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

function macProfile(policy: ManagedPolicy, id: string): string {
  const seed = JSON.stringify(policy);
  const payloads = CHROMIUM_BROWSERS.map((browser) => ({
    PayloadType: `${browser.macDomain}.extensions.${id}`,
    PayloadVersion: 1,
    PayloadIdentifier: `org.cando-coach.policy.${browser.macDomain}`,
    PayloadUUID: stableUuid(`${browser.macDomain}${seed}`),
    PayloadDisplayName: `CanDo for ${browser.name}`,
    ...policy,
  }));
  const profile = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: 'org.cando-coach.policy',
    PayloadUUID: stableUuid(`profile${seed}`),
    PayloadDisplayName: 'CanDo rule packs',
    PayloadDescription: 'Rule packs and locks for the CanDo support-reply coach.',
    PayloadScope: 'System',
    PayloadContent: payloads,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${plistValue(profile, '')}\n</plist>\n`;
}
