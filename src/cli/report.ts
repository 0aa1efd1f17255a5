// How `cando check` prints findings, in the conventions of linters (eslint, vale):
// text: `file:line:col  severity  message  ruleId`, one finding a line, coloured on a terminal;
// json: one array of findings; jsonl: one finding a line. Every finding carries its file, 1-based
// line and column (start and end) as well as the string offsets.
import { SEVERITIES, type Finding, type Severity } from '../engine';
import { lineAndColumn } from '../engine/diagnostics';
import { sentencesAround } from '../engine/segment';

export type OutputFormat = 'text' | 'json' | 'jsonl';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'jsonl'];

/** A finding placed in a file. */
export interface LocatedFinding extends Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For a canned reply from a help-desk export: which one. */
  macro?: { source: 'zendesk' | 'freshdesk'; id: unknown; title: string };
  /** The sentence as the first rewrite leaves it (text output only). */
  rewritten?: string;
}

/** Where `findings` of `text` are, `locate` mapping a text index to a file position (defaults to the text's own). */
export function locate(
  file: string,
  text: string,
  findings: readonly Finding[],
  at: (index: number) => { line: number; column: number } = (i) => lineAndColumn(text, i),
  macro?: LocatedFinding['macro'],
): LocatedFinding[] {
  return findings.map((f) => {
    const start = at(f.start);
    const end = at(f.end);
    const rewrite = f.rewrites?.[0];
    const around = rewrite && sentencesAround(text, rewrite.start, rewrite.end);
    const rewritten = rewrite && around && `${text.slice(around.start, rewrite.start)}${rewrite.text}${text.slice(rewrite.end, around.end)}`;
    return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, ...f, ...(macro && { macro }), ...(rewritten && { rewritten }) };
  });
}

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

const COLOURS = { error: '31', warning: '33', info: '36', dim: '2', bold: '1' } as const;

export function formatFindings(findings: readonly LocatedFinding[], format: OutputFormat, colour: boolean): string {
  const data = findings.map(({ rewritten: _, ...f }) => f);
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  if (format === 'jsonl') return data.map((f) => `${JSON.stringify(f)}\n`).join('');
  const paint = (code: string, s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  const where = findings.map((f) => `${f.file}:${f.line}:${f.column}`);
  const whereWidth = Math.max(0, ...where.map((w) => w.length));
  const lines = findings.map((f, i) => {
    const macro = f.macro ? `${f.macro.source === 'zendesk' ? 'macro' : 'canned response'} “${f.macro.title}”: ` : '';
    // The first rewrite, as its whole sentence; without one, the first span suggestion.
    const suggestion = f.rewritten
      ? ` (“${f.text}”; rewrite: “${f.rewritten}”)`
      : f.suggestions.length ? ` (“${f.text}” → ${f.suggestions[0] === '' ? 'remove it' : `“${f.suggestions[0]}”`})` : ` (“${f.text}”)`;
    return `${paint(COLOURS.dim, where[i].padEnd(whereWidth))}  ${paint(COLOURS[f.severity], f.severity.padEnd(7))}  ${macro}${f.message}${suggestion}  ${paint(COLOURS.dim, f.ruleId)}`;
  });
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const summary = findings.length
    ? `\n${paint(COLOURS.bold, `${findings.length} finding${findings.length === 1 ? '' : 's'}`)} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})\n`
    : 'No findings.\n';
  return lines.length ? `${lines.join('\n')}\n${summary}` : summary;
}

/**
 * Colour when writing to a terminal, as linters do: `NO_COLOR` (any non-empty value) turns it
 * off, `FORCE_COLOR` (set, not "0") turns it on for pipes; `--color`/`--no-color` beat both.
 */
export function useColour(flag: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}
