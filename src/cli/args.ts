// Command-line arguments the way linters take them: `--name value` or `--name=value`, repeatable
// options, `--` ends the options, and a misspelt option is a usage error with the nearest name.
import { nearestName } from '../engine/diagnostics';

/** A mistake in how the command was called: exit status 2 and the command's usage. */
export class UsageError extends Error {}

export interface OptionSpec {
  /** Takes a value (`--pack FILE`); otherwise a flag. */
  value?: boolean;
  /** Accepted values, checked here. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  /** Values of each option given, in order (flags: one 'true' per occurrence). */
  options: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(args: readonly string[], specs: Record<string, OptionSpec>): ParsedArgs {
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const spec = specs[name];
    if (!spec) {
      const near = nearestName(name, Object.keys(specs));
      throw new UsageError(`unknown option ${name}${near ? `; did you mean ${near}?` : ''}`);
    }
    let value = 'true';
    if (spec.value) {
      const given = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
      if (given === undefined || given === '') throw new UsageError(`${name} needs a value${spec.choices ? ` (${spec.choices.join(', ')})` : ''}`);
      if (spec.choices && !spec.choices.includes(given)) {
        const near = nearestName(given, spec.choices);
        throw new UsageError(`${name} takes ${spec.choices.join(', ')}, not "${given}"${near ? `; did you mean ${near}?` : ''}`);
      }
      value = given;
    } else if (eq > 0) throw new UsageError(`${name} takes no value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { options, positionals };
}

/** The last value given for an option (later ones win, as in other CLIs). */
export const lastValue = (parsed: ParsedArgs, name: string): string | undefined => parsed.options.get(name)?.at(-1);
export const hasFlag = (parsed: ParsedArgs, name: string): boolean => parsed.options.has(name);
