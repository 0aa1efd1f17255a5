// Runs Mozilla's linter (web-ext lint, the one addons.mozilla.org runs) on the Firefox store build.
// Fails on any error, and on any warning or notice that the README's "Justified web-ext lint
// findings" list does not name (as `CODE` in `file`), so a new finding is a visible, reviewed change.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(process.env.CANDO_DIST ?? join(root, 'dist'), 'firefox');
if (!existsSync(join(sourceDir, 'manifest.json'))) {
  console.error(`lint-firefox: no build at ${sourceDir}: run npm run build first`);
  process.exit(2);
}

/** `CODE` in `file` pairs listed under the README's justified findings heading. */
function justified() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = /^### Justified web-ext lint findings\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme);
  if (!section) return new Set();
  return new Set([...section[1].matchAll(/`([A-Z_]+)` in `([^`]+)`/g)].map((m) => `${m[1]} ${m[2]}`));
}

let out;
try {
  out = execFileSync(join(root, 'node_modules', '.bin', 'web-ext'), ['lint', '--source-dir', sourceDir, '--output', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (e) {
  out = e.stdout; // web-ext exits non-zero when it finds errors; the JSON report is still on stdout
}
const report = JSON.parse(out.slice(out.indexOf('{')));
const allowed = justified();
const unjustified = [...report.warnings, ...report.notices].filter((m) => !allowed.has(`${m.code} ${m.file}`));
for (const m of report.errors) console.error(`error ${m.code} in ${m.file}: ${m.message}`);
for (const m of unjustified) console.error(`${m._type} ${m.code} in ${m.file} (not justified in README): ${m.message} ${m.description ?? ''}`);
const s = report.summary;
console.log(`web-ext lint ${sourceDir}: ${s.errors} errors, ${s.warnings} warnings, ${s.notices} notices (${unjustified.length} not justified)`);
process.exit(report.errors.length || unjustified.length ? 1 : 0);
