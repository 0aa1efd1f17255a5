// One spelling across the repository: "analyze" (the engine's `Analyzer`, the protocol's `analyze`
// message). A mix makes names hard to search for and to guess.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const CHECKED = ['src', 'test', 'scripts', 'docs', 'bin', 'README.md'];
const TEXT = /\.(ts|tsx|mjs|cjs|js|md|json|html)$/;
// "analyses" is left out: it is also the plural noun. Built from parts so this file does not match itself.
const BRITISH = new RegExp(`analy${'s'}(e|ed|er|ing)(?!s)`, 'i');

function files(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((name) => files(join(path, name)));
  return TEXT.test(path) ? [path] : [];
}

test('code and docs spell analyze the US way', () => {
  const offending = CHECKED.flatMap((p) => files(join(root, p)))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file, line, i })))
    .filter(({ line }) => BRITISH.test(line))
    .map(({ file, line, i }) => `${relative(root, file)}:${i + 1}: ${line.trim()}`);
  expect(offending).toEqual([]);
});
