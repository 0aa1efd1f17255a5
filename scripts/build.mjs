// Builds the extension for Chrome and Firefox into dist/, from one manifest.json.
// dist/chrome and dist/firefox are the store builds; dist/chrome-test and dist/firefox-test also
// match the localhost fixture server (tests and the demo only).
import { build, buildSync, transformSync } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { builtinPackFiles } from './builtin-packs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// CANDO_DIST lets parallel work (or a benchmark) build somewhere else than dist/.
export const dist = process.env.CANDO_DIST ?? join(root, 'dist');
export const LOCAL_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];
export const FIREFOX_ID = 'cando@cando-coach.org';

const entries = {
  background: 'src/background/index.ts',
  content: 'src/content/index.ts',
  options: 'src/options/index.tsx',
  popup: 'src/popup/index.tsx',
};

const builtinPacksPlugin = {
  name: 'cando-builtin-packs',
  setup(b) {
    b.onResolve({ filter: /^cando:builtin-packs$/ }, () => ({ path: 'builtin-packs', namespace: 'cando' }));
    b.onLoad({ filter: /.*/, namespace: 'cando' }, () => ({
      contents: `export default [${builtinPackFiles(root)
        .map((f) => readFileSync(f, 'utf8'))
        .join(',')}];`,
      loader: 'js',
    }));
  },
};

/**
 * The overlay's stylesheet is written readably in a template literal (src/content/overlay/styles.ts);
 * the content script's size budget wants it minified like the code around it.
 */
const overlayCssPlugin = {
  name: 'cando-overlay-css',
  setup(b) {
    b.onLoad({ filter: /overlay[\\/]styles\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replace(/`([^`]*)`/, (_, css) => `\`${transformSync(css, { loader: 'css', minify: true }).code.trim()}\``),
      loader: 'ts',
    }));
  },
};

/**
 * The help desks' match patterns, as their adapters (src/content/adapters) declare them: the store
 * builds' host permissions and content-script matches. Read by running the adapters module itself.
 */
export function helpDeskMatches() {
  const [out] = buildSync({ entryPoints: [join(root, 'src/content/adapters/index.ts')], bundle: true, format: 'cjs', platform: 'neutral', write: false, logLevel: 'error' }).outputFiles;
  const module = { exports: {} };
  runInNewContext(out.text, { module, exports: module.exports });
  return module.exports.hostPatterns();
}

export function manifestFor(browser, { test }) {
  const m = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  m.version = pkg.version;
  const helpDesks = helpDeskMatches();
  m.host_permissions = helpDesks;
  for (const cs of m.content_scripts) cs.matches = helpDesks;
  if (test) {
    for (const cs of m.content_scripts) cs.matches = [...cs.matches, ...LOCAL_MATCHES];
    m.host_permissions = [...m.host_permissions, ...LOCAL_MATCHES];
  }
  if (browser === 'firefox') {
    m.background = { scripts: ['background.js'] };
    delete m.key;
    delete m.minimum_chrome_version;
    m.browser_specific_settings = {
      gecko: { id: FIREFOX_ID, strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
    };
  }
  return m;
}

export async function buildAll({ minify = true } = {}) {
  const out = join(dist, 'bundle');
  rmSync(dist, { recursive: true, force: true });
  const result = await build({
    entryPoints: entries,
    outdir: out,
    bundle: true,
    format: 'iife',
    target: ['chrome116', 'firefox128'],
    minify,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    plugins: minify ? [builtinPacksPlugin, overlayCssPlugin] : [builtinPacksPlugin],
    logLevel: 'warning',
  });
  for (const browser of ['chrome', 'firefox']) {
    for (const test of [false, true]) {
      const dir = join(dist, test ? `${browser}-test` : browser);
      mkdirSync(dir, { recursive: true });
      cpSync(out, dir, { recursive: true });
      cpSync(join(root, 'icons'), join(dir, 'icons'), { recursive: true });
      for (const page of ['src/options/options.html', 'src/popup/popup.html']) {
        cpSync(join(root, page), join(dir, page.split('/').pop()));
      }
      cpSync(join(root, 'src/background/managed-schema.json'), join(dir, 'managed-schema.json'));
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestFor(browser, { test }), null, 2));
    }
  }
  rmSync(out, { recursive: true, force: true });
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const metafile = await buildAll({ minify: !process.argv.includes('--dev') });
  for (const [file, { bytes }] of Object.entries(metafile.outputs)) {
    console.log(`${file.split('/').pop().padEnd(16)} ${(bytes / 1024).toFixed(1)} KB`);
  }
}
