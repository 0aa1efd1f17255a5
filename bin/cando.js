#!/usr/bin/env node
// The `cando` command. Works on a fresh clone after `npm ci`, without a prior build: the CLI's
// TypeScript (src/cli and what it imports from src/engine, src/shared, src/background) is bundled with esbuild into node_modules/.cache/cando when a
// source is newer than the bundle, then run.
'use strict';
const { buildSync } = require('esbuild');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
// One cache per checkout: git worktrees may share one node_modules, and each must run its own sources.
const checkout = crypto.createHash('sha256').update(fs.realpathSync(root)).digest('hex').slice(0, 12);
const cacheDir = process.env.CANDO_CLI_CACHE ?? path.join(root, 'node_modules', '.cache', 'cando', checkout);

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Bundles src/cli/<name>.ts to the cache unless the bundle is newer than every source. */
function bundle(name) {
  const entry = path.join(root, 'src', 'cli', `${name}.ts`);
  const outfile = path.join(cacheDir, `${name}.cjs`);
  const sourcesTime = Math.max(
    ...['cli', 'engine', 'shared', 'background'].map((dir) => newestSourceTime(path.join(root, 'src', dir))),
    fs.statSync(path.join(root, 'scripts', 'builtin-packs.mjs')).mtimeMs,
    fs.statSync(__filename).mtimeMs,
  );
  if (fs.existsSync(outfile) && fs.statSync(outfile).mtimeMs >= sourcesTime) return outfile;
  const result = buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node18', write: false, logLevel: 'error', outfile });
  fs.mkdirSync(cacheDir, { recursive: true });
  // Write then rename, so commands started at the same time never read a half-written bundle.
  const tmp = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, outfile);
  return outfile;
}

const cli = require(bundle('index'));
cli.main(process.argv.slice(2), { root }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`cando: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
