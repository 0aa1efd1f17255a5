// Jest transform: esbuild strips types (the type check is `tsc --noEmit`, run by `npm test`).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.tsx') ? 'tsx' : filename.endsWith('.ts') ? 'ts' : 'js';
    const { code, map } = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      // ES modules run as CommonJS here: give them their own file URL as import.meta.url.
      define: { 'import.meta.url': '__jestImportMetaUrl' },
      banner: "const __jestImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    });
    return { code, map };
  },
};
