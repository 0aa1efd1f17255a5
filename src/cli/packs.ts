// What the CLI's commands share: their environment, usage errors, and reading a pack file.
import { readFileSync } from 'node:fs';
import { compilePack, type CompiledPack, type PackError } from '../engine';

export interface CliEnvironment {
  /** The repository root: where the built-in packs (rules/) are. */
  root: string;
  stdin?: () => Promise<string>;
  out?: (s: string) => void;
  err?: (s: string) => void;
}

/** A mistake in the command line or its files: reported with the usage, exit code 2. */
export class UsageError extends Error {}

export const describePackError = (e: PackError) => `${[e.pack, e.rule].filter(Boolean).join('/')}${e.field ? ` (${e.field})` : ''}: ${e.message}`;

export function loadPack(file: string, runExamples = true): { pack: CompiledPack; warnings: PackError[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const result = compilePack(text, { runExamples, source: file });
  if (!result.ok) throw new UsageError(`${file} is not a valid pack:\n${result.errors.map((e) => `  ${describePackError(e)}`).join('\n')}`);
  return { pack: result.pack, warnings: result.warnings };
}
