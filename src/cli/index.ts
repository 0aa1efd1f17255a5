// The `cando` command line: check text with the same engine as the extension, test a pack, and
// (src/cli/eval.ts) measure the packs against the shared corpus.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, compilePack, type CompiledPack, type Finding, type PackError, type Rewrite } from '../engine';
import { evalCommand } from './eval';
import { sentencesAround } from '../engine/segment';

export interface CliEnvironment {
  /** The repository root: where the built-in packs (rules/) are. */
  root: string;
  stdin?: () => Promise<string>;
  out?: (s: string) => void;
  err?: (s: string) => void;
}

const USAGE = `Usage:
  cando check [--pack FILE]... [--json | --jsonl] [FILE]   findings for FILE (or stdin)
  cando pack test FILE                                     validate a pack and run its examples
  cando eval [...]                                         precision and recall on the shared corpus

check reads the text from FILE, or from stdin without FILE. --jsonl reads lines {"id","text"}
and writes lines {"id","findings"} in order. Without --pack, the built-in packs (rules/cando-*.json,
or rules/starter.json when there are none) are used.`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const describePackError = (e: PackError) => `${[e.pack, e.rule].filter(Boolean).join('/')}${e.field ? ` (${e.field})` : ''}: ${e.message}`;

/** The default packs: the built-in rules/cando-*.json, or the starter pack while there are none. */
export function builtinPackFiles(root: string): string[] {
  const dir = join(root, 'rules');
  const builtin = readdirSync(dir).filter((f) => f.startsWith('cando-') && f.endsWith('.json')).sort();
  return (builtin.length ? builtin : ['starter.json']).map((f) => join(dir, f));
}

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

/** 1-based line and column of a string index, for readable output. */
function position(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return `${line}:${index - before.lastIndexOf('\n')}`;
}

/** The sentence(s) a rewrite changes, as they read once it is applied. */
function rewrittenSentence(text: string, rewrite: Rewrite): string {
  const around = sentencesAround(text, rewrite.start, rewrite.end);
  return `${text.slice(around.start, rewrite.start)}${rewrite.text}${text.slice(rewrite.end, around.end)}`;
}

function readable(text: string, findings: Finding[]): string {
  if (findings.length === 0) return 'No findings.\n';
  const lines = findings.map((f) => {
    // A rewrite is shown as its whole sentence after the change; without one, the span suggestions.
    const fixes = f.rewrites?.length
      ? f.rewrites.map((r) => `\n      ⇒ ${JSON.stringify(rewrittenSentence(text, r))}`)
      : f.suggestions.map((s) => `\n      → ${s === '' ? '(remove it)' : JSON.stringify(s)}`);
    const suggestions = fixes.join('');
    return `${position(text, f.start).padEnd(7)} ${f.category.padEnd(8)} "${f.text}"  [${f.ruleId}]\n      ${f.message}${suggestions}`;
  });
  return `${lines.join('\n')}\n${findings.length} finding${findings.length === 1 ? '' : 's'}.\n`;
}

async function check(args: string[], env: Required<CliEnvironment>): Promise<number> {
  const packFiles: string[] = [];
  let mode: 'readable' | 'json' | 'jsonl' = 'readable';
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--pack') {
      if (!args[i + 1]) throw new UsageError('--pack needs a file');
      packFiles.push(args[++i]);
    } else if (a === '--json') mode = 'json';
    else if (a === '--jsonl') mode = 'jsonl';
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else if (file) throw new UsageError('check takes one file');
    else file = a;
  }
  // Packs named on the command line are checked fully; the built-in ones are tested by npm test.
  const packs = packFiles.length ? packFiles.map((f) => loadPack(f).pack) : builtinPackFiles(env.root).map((f) => loadPack(f, false).pack);
  const analyzer = new Analyzer(packs);
  const input = file && file !== '-' ? readFileSync(file, 'utf8') : await env.stdin();
  if (mode === 'jsonl') {
    let failed = false;
    input.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch {
        item = undefined;
      }
      const record = item as { id?: unknown; text?: unknown } | undefined;
      if (!record || typeof record !== 'object' || typeof record.text !== 'string') {
        failed = true;
        env.err(`cando: line ${i + 1} is not {"id", "text"}\n`);
        env.out(`${JSON.stringify({ id: record && typeof record === 'object' ? (record.id ?? null) : null, error: 'expected {"id", "text"}' })}\n`);
        return;
      }
      env.out(`${JSON.stringify({ id: record.id ?? null, findings: analyzer.analyze(record.text) })}\n`);
    });
    return failed ? 1 : 0;
  }
  const findings = analyzer.analyze(input);
  env.out(mode === 'json' ? `${JSON.stringify(findings, null, 2)}\n` : readable(input, findings));
  return 0;
}

function packTest(args: string[], env: Required<CliEnvironment>): number {
  if (args.length !== 1) throw new UsageError('pack test takes one file');
  const [file] = args;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const result = compilePack(text, { source: file });
  if (!result.ok) {
    env.err(`FAIL ${file}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n${result.errors.map((e) => `  ${describePackError(e)}`).join('\n')}\n`);
    return 1;
  }
  const { pack, warnings } = result;
  const examples = pack.rules.reduce((n, r) => n + r.examples.flag.length + r.examples.pass.length, 0);
  for (const w of warnings) env.err(`  warning: ${describePackError(w)}\n`);
  env.out(`ok ${pack.id} ${pack.version}: ${pack.rules.length} rules, ${examples} examples pass\n`);
  return 0;
}

export async function main(argv: string[], environment: CliEnvironment): Promise<number> {
  const env: Required<CliEnvironment> = {
    stdin: readStdin,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    ...environment,
  };
  const [command, ...rest] = argv;
  try {
    if (command === 'check') return await check(rest, env);
    if (command === 'pack' && rest[0] === 'test') return packTest(rest.slice(1), env);
    if (command === 'eval') return await evalCommand(rest, env.root);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      env.out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command "${argv.join(' ')}"`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    env.err(`cando: ${e.message}\n${e.message.includes('\n') ? '' : `\n${USAGE}\n`}`);
    return 2;
  }
}
