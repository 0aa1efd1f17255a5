// Zips the store builds (dist/chrome, dist/firefox; run `npm run build` first, as `npm run package`
// does) into artifacts/cando-<browser>-<version>.zip, with the manifest at the zip's root.
// CANDO_DIST and CANDO_ARTIFACTS override where builds are read and zips written.
import { zipSync } from 'fflate';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.CANDO_DIST ?? join(root, 'dist');
const artifacts = process.env.CANDO_ARTIFACTS ?? join(root, 'artifacts');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function filesOf(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      // A fixed date keeps the zips byte-identical from one build to the next.
      else files[relative(dir, full).split('\\').join('/')] = [readFileSync(full), { mtime: new Date('2025-01-01T00:00:00Z') }];
    }
  };
  walk(dir);
  return files;
}

mkdirSync(artifacts, { recursive: true });
for (const browser of ['chrome', 'firefox']) {
  const dir = join(dist, browser);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} has no manifest.json: run npm run build first`);
  const zip = zipSync(filesOf(dir), { level: 9 });
  const out = join(artifacts, `cando-${browser}-${version}.zip`);
  writeFileSync(out, zip);
  console.log(`${relative(root, out)}  ${(zip.length / 1024).toFixed(1)} KB`);
}
