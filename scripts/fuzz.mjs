// The long fuzz (`npm run fuzz`): the same seeded editing sessions as the short fuzz in `npm test`
// (test/e2e/guarantees-fuzz.test.ts), many more of them, in Chromium and Firefox ESR.
// Options: --sessions N (per editor, default 50), --steps N (default 40), --seed N, --editors a,b,
// --browser chrome|firefox (default both). Needs a build (npm run build). A failing seed prints
// its minimal step list.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '50' },
    steps: { type: 'string', default: '40' },
    seed: { type: 'string' },
    editors: { type: 'string' },
    browser: { type: 'string' },
  },
});
const projects = values.browser === 'chrome' ? ['e2e'] : values.browser === 'firefox' ? ['e2e-firefox'] : ['e2e', 'e2e-firefox'];
const env = {
  ...process.env,
  CANDO_FUZZ_SESSIONS: values.sessions,
  CANDO_FUZZ_STEPS: values.steps,
  ...(values.seed && { CANDO_FUZZ_SEED: values.seed }),
  ...(values.editors && { CANDO_FUZZ_EDITORS: values.editors }),
};
const started = Date.now();
const result = spawnSync(
  join(root, 'node_modules', '.bin', 'jest'),
  ['test/e2e/guarantees-fuzz.test.ts', '--selectProjects', ...projects, '--testTimeout', String(24 * 3600 * 1000)],
  { cwd: root, env, stdio: 'inherit' },
);
console.log(`fuzz: ${((Date.now() - started) / 60000).toFixed(1)} min`);
process.exit(result.status ?? 1);
