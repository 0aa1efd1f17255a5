// `npm run package`: each store build zipped with its manifest at the root, files intact.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

const root = join(__dirname, '..', '..', '..');

test('package zips dist/chrome and dist/firefox into artifacts/, manifest at the root', () => {
  const work = mkdtempSync(join(tmpdir(), 'cando-package-'));
  const dist = join(work, 'dist');
  for (const browser of ['chrome', 'firefox']) {
    mkdirSync(join(dist, browser, 'icons'), { recursive: true });
    writeFileSync(join(dist, browser, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: `CanDo ${browser}` }));
    writeFileSync(join(dist, browser, 'background.js'), 'console.log("bg");');
    writeFileSync(join(dist, browser, 'icons', 'icon-16.png'), Buffer.from([137, 80, 78, 71]));
  }
  const artifacts = join(work, 'artifacts');
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { env: { ...process.env, CANDO_DIST: dist, CANDO_ARTIFACTS: artifacts } });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const browser of ['chrome', 'firefox']) {
    const files = unzipSync(readFileSync(join(artifacts, `cando-${browser}-${version}.zip`)));
    expect(Object.keys(files).sort()).toEqual(['background.js', 'icons/icon-16.png', 'manifest.json']);
    expect(JSON.parse(strFromU8(files['manifest.json'])).name).toBe(`CanDo ${browser}`);
    expect([...files['icons/icon-16.png']]).toEqual([137, 80, 78, 71]);
  }
});

test('package refuses to run without a build', () => {
  const empty = mkdtempSync(join(tmpdir(), 'cando-package-'));
  expect(() =>
    execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { env: { ...process.env, CANDO_DIST: empty, CANDO_ARTIFACTS: join(empty, 'a') }, stdio: 'pipe' }),
  ).toThrow(/run npm run build first/);
});
