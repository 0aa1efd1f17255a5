// Which packs are built in, decided here only: rules/cando-*.json. The build bundles them into the
// background; the CLI, the evaluation, the benchmarks and the tests use them as the default packs.
// (rules/starter.json is an example for pack authors, rules/pack.schema.json the format.)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The built-in packs' files under `root` (the repository), sorted, as full paths. */
export function builtinPackFiles(root) {
  const dir = join(root, 'rules');
  return readdirSync(dir)
    .filter((f) => f.startsWith('cando-') && f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}
