// `cando policy`: the enterprise policy files that roll the chosen packs and locks out to every
// agent's browser (see src/shared/rollout-policy.ts for the formats).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subscriptionUrlProblem } from '../background/policy';
import { nearestName } from '../engine/diagnostics';
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, managedPolicy, policyFile, policyFileBytes, POLICY_TARGETS, type PolicyTarget } from '../shared/rollout-policy';
import { hasFlag, lastValue, parseArgs, UsageError } from './args';
import { builtinPackFiles, loadPack, readText } from './packs';

export const POLICY_USAGE = `Usage: cando policy [--pack FILE]... [--url URL]... [--lock ID]... [options]

Writes the enterprise policy that gives every agent these packs and locks.
  --pack FILE        a pack to ship inside the policy (validated and tested first)
  --url URL          a pack URL every agent subscribes to (https://)
  --lock ID          a pack id or a rule id (pack-id/rule-id) agents cannot switch off
  --lock-packs       lock every pack given with --pack
  --no-import        agents cannot import packs or subscribe to URLs themselves
  --refresh-minutes N  how often subscriptions are refreshed (default 360, at least 15)
  --target T         one file to stdout (or --out FILE): ${POLICY_TARGETS.join(', ')}
                       linux    Chrome, Edge and Chromium on Linux (JSON for /etc/.../policies/managed/)
                       windows  Chrome, Edge and Chromium on Windows (.reg)
                       macos    Chrome, Edge and Chromium on macOS (.mobileconfig)
                       firefox  Firefox on any system (policies.json)
  --out FILE         write the --target file there
  --out-dir DIR      write all four files into DIR
  --chromium-id ID, --firefox-id ID   the extension's ids, if you publish your own build`;

const SPECS = {
  '--pack': { value: true },
  '--url': { value: true },
  '--lock': { value: true },
  '--lock-packs': {},
  '--no-import': {},
  '--refresh-minutes': { value: true },
  '--target': { value: true, choices: POLICY_TARGETS },
  '--out': { value: true },
  '--out-dir': { value: true },
  '--chromium-id': { value: true },
  '--firefox-id': { value: true },
};

export function policyCommand(args: string[], root: string, out: (s: string) => void, err: (s: string) => void): number {
  const parsed = parseArgs(args, SPECS);
  if (parsed.positionals.length) throw new UsageError(`policy takes no file arguments (did you mean --pack ${parsed.positionals[0]}?)`);
  const target = lastValue(parsed, '--target') as PolicyTarget | undefined;
  const outDir = lastValue(parsed, '--out-dir');
  const outFile = lastValue(parsed, '--out');
  if (!target && !outDir) throw new UsageError('choose --target linux|windows|macos|firefox, or --out-dir DIR for all four');
  if (outFile && !target) throw new UsageError('--out needs --target (or use --out-dir DIR)');

  const packFiles = parsed.options.get('--pack') ?? [];
  const packs = packFiles.map((file) => ({ file, pack: loadPack(file).pack, spec: JSON.parse(readText(file)) as unknown }));
  const urls = parsed.options.get('--url') ?? [];
  for (const url of urls) {
    const problem = subscriptionUrlProblem(url);
    if (problem) throw new UsageError(`--url ${problem}`);
  }
  const locks = [...(parsed.options.get('--lock') ?? []), ...(hasFlag(parsed, '--lock-packs') ? packs.map((p) => p.pack.id) : [])];
  // A lock naming no known pack or rule is most likely a typo: say so, with the nearest id.
  const known = [...packs.map((p) => p.pack), ...builtinPackFiles(root).map((f) => loadPack(f, false).pack)];
  const knownIds = known.flatMap((p) => [p.id, ...p.rules.map((r) => r.fullId)]);
  for (const lock of locks) {
    if (knownIds.includes(lock)) continue;
    const near = nearestName(lock, knownIds);
    err(`cando policy: warning: --lock ${lock} names no pack or rule given here or built in${near ? `; did you mean ${near}?` : ''} (packs from --url are not checked)\n`);
  }
  let refreshMinutes: number | undefined;
  const refresh = lastValue(parsed, '--refresh-minutes');
  if (refresh !== undefined) {
    refreshMinutes = Number(refresh);
    if (!Number.isInteger(refreshMinutes) || refreshMinutes < 15) throw new UsageError('--refresh-minutes takes a whole number of minutes, at least 15');
  }
  const policy = managedPolicy({ packs: packs.map((p) => p.spec), urls, locks, allowImport: !hasFlag(parsed, '--no-import'), refreshMinutes });
  const chosenIds = { chromium: lastValue(parsed, '--chromium-id') ?? CHROMIUM_EXTENSION_ID, firefox: lastValue(parsed, '--firefox-id') ?? FIREFOX_EXTENSION_ID };
  if (!/^[a-p]{32}$/.test(chosenIds.chromium)) throw new UsageError('--chromium-id takes a 32-letter extension id (letters a to p)');

  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    for (const t of POLICY_TARGETS) {
      const file = policyFile(t, policy, chosenIds);
      writeFileSync(join(outDir, file.fileName), policyFileBytes(file));
      out(`${join(outDir, file.fileName)}\n  ${file.install}\n`);
    }
    return 0;
  }
  const file = policyFile(target!, policy, chosenIds);
  if (outFile) {
    writeFileSync(outFile, policyFileBytes(file));
    err(`wrote ${outFile}: ${file.install}\n`);
  } else out(file.text);
  return 0;
}
