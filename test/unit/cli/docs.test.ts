// docs/architecture.md describes the command line as `cando … --help` prints it: every option of
// every command's help is in the doc's section for that command, so the doc cannot fall behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCando } from '../../support/cando-cli';

const root = join(__dirname, '..', '..', '..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

/** The doc's text from the heading that starts with `heading` to the next heading of that level or above. */
function section(heading: string): string {
  const start = doc.indexOf(`\n${heading}`);
  if (start < 0) return '';
  const level = heading.match(/^#+/)![0];
  const rest = doc.slice(start + 1);
  const next = rest.slice(1).search(new RegExp(`\\n#{1,${level.length}} `));
  return next < 0 ? rest : rest.slice(0, next + 1);
}

const optionsIn = (text: string) => [...new Set(text.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])];

test.each([
  [['--help'], '## Command line'],
  [['check', '--help'], '### `cando check'],
  [['pack', '--help'], '### `cando pack test'],
  [['policy', '--help'], '### `cando policy'],
  [['eval', '--help'], '### `cando eval'],
])('cando %j: every option it prints is described in docs/architecture.md', async (args, heading) => {
  const help = await runCando(args, { cwd: root });
  expect(help.code).toBe(0);
  const options = optionsIn(help.stdout);
  expect(options.length).toBeGreaterThan(0);
  const described = section(heading);
  expect(described).not.toBe('');
  expect(options.filter((o) => !optionsIn(described).includes(o) && !optionsIn(section('## Command line').split('\n### ')[0]).includes(o))).toEqual([]);
});

test('the doc describes the exit statuses and NO_COLOR as the CLI has them', () => {
  const cli = section('## Command line');
  expect(cli).toMatch(/\*\*0\*\*[^]*\*\*1\*\*[^]*\*\*2\*\*/);
  expect(cli).toContain('NO_COLOR');
});
