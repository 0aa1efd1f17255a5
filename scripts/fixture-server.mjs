// Serves the fixture pages (test/fixtures) and the editor libraries they load from node_modules,
// on localhost only. Used by the browser tests, the browser benchmark and the demo.
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
/** URL prefix → folder. Only these folders are served. */
const MOUNTS = [
  ['/vendor/ckeditor5/', 'node_modules/ckeditor5/dist/browser/'],
  ['/vendor/froala/', 'node_modules/froala-editor/'],
  ['/vendor/prosemirror-view/', 'node_modules/prosemirror-view/'],
  ['/', 'test/fixtures/'],
];

function resolvePath(urlPath) {
  for (const [prefix, folder] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    const base = join(root, folder);
    const file = normalize(join(base, decodeURIComponent(urlPath.slice(prefix.length))));
    if (!file.startsWith(base)) return null;
    const target = existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
    return existsSync(target) ? target : null;
  }
  return null;
}

/**
 * A fixture's `name.bundle.js` is its `name.ts` bundled with its npm imports (e.g. the prosemirror-*
 * packages), built on first request and kept for the server's life.
 */
const bundles = new Map();
function bundleFor(urlPath) {
  const source = urlPath.endsWith('.bundle.js') ? resolvePath(urlPath.replace(/\.bundle\.js$/, '.ts')) : null;
  if (!source) return null;
  if (!bundles.has(source)) {
    const built = build({ entryPoints: [source], bundle: true, format: 'iife', write: false, logLevel: 'silent' })
      .then((r) => r.outputFiles[0].contents);
    built.catch(() => bundles.delete(source));
    bundles.set(source, built);
  }
  return bundles.get(source);
}

/**
 * Starts the server; `port: 0` picks a free port. `routes` maps a path to a handler for tests that
 * need dynamic answers (a pack subscription, say); `onRequest` sees every request first (the privacy
 * test records them). Resolves to { url, port, close }.
 */
export function startFixtureServer({ port = 0, host = '127.0.0.1', routes = {}, onRequest } = {}) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    onRequest?.(req);
    if (routes[path]) return routes[path](req, res);
    const bundle = bundleFor(path);
    if (bundle) {
      return bundle.then(
        (js) => {
          res.writeHead(200, { 'content-type': MIME['.js'], 'cache-control': 'no-store' });
          res.end(js);
        },
        (e) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(e));
        },
      );
    }
    const file = resolvePath(path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        port: actual,
        url: `http://localhost:${actual}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  // No top-level await: the jest tests load this module as CommonJS.
  startFixtureServer({ port }).then(({ url }) => console.log(`Fixtures at ${url}/ (Ctrl+C to stop)`));
}
