// Writes rules/pack.schema.json from src/engine/schema.ts (the rule kinds, limits and syntaxes the
// validator uses). `npm run schema` after adding a rule kind or changing a limit.
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'cando-schema-'));
try {
  const outfile = join(dir, 'schema.cjs');
  buildSync({ entryPoints: [join(root, 'src/engine/schema.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
  const { packSchema } = createRequire(import.meta.url)(outfile);
  writeFileSync(join(root, 'rules/pack.schema.json'), `${JSON.stringify(packSchema(), null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
