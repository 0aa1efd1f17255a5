// The packs the CLI commands read: files named on the command line, or the built-in ones.
import { readFileSync } from 'node:fs';
import { compilePack, type CompiledPack, type PackError } from '../engine';
import { UsageError } from './args';

export const describePackError = (e: PackError) => `${[e.pack, e.rule].filter(Boolean).join('/')}${e.field ? ` (${e.field})` : ''}: ${e.message}`;

/** A file's text; a file that cannot be read is a usage error (exit status 2). */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The default packs: the built-in ones (decided in scripts/builtin-packs.mjs for the build and the CLI alike). */
export { builtinPackFiles } from '../../scripts/builtin-packs.mjs';

export function loadPack(file: string, runExamples = true): { pack: CompiledPack; warnings: PackError[] } {
  const result = compilePack(readText(file), { runExamples, source: file });
  if (!result.ok) throw new UsageError(`${file} is not a valid pack:\n${result.errors.map((e) => `  ${describePackError(e)}`).join('\n')}`);
  return { pack: result.pack, warnings: result.warnings };
}
