// Shared by the engine tests: the packs in rules/, compiled, and the seeded random generator.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compilePack, type CompiledPack } from '../../../src/engine';
export { seededRandom } from '../../support/random';

export const root = join(__dirname, '..', '..', '..');
export const corpusDir = join(root, '..', 'shared', 'corpus');

export const packFiles = () =>
  readdirSync(join(root, 'rules'))
    .filter((f) => f.endsWith('.json') && f !== 'pack.schema.json')
    .sort();

export function compileFile(file: string, runExamples = false): CompiledPack {
  const result = compilePack(readFileSync(join(root, 'rules', file), 'utf8'), { runExamples, source: file });
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors, null, 1)}`);
  return result.pack;
}

export const allPacks = () => packFiles().map((f) => compileFile(f));

export function compileInline(rules: object[], id = 'test'): CompiledPack {
  const result = compilePack({ id, name: 'Test', version: '1.0.0', language: 'en', rules });
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.pack;
}

/** The agents' replies of the shared corpus, when it is there (it sits beside the repository). */
export function corpusTexts(): string[] {
  const texts: string[] = [];
  for (const file of ['replies-dev.jsonl', 'phrases-dev.jsonl']) {
    const path = join(corpusDir, file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
  }
  return texts;
}
