// The `cando` command line: check text with the same engine as the extension, test a pack, write
// the enterprise policy, and (src/cli/eval.ts) measure the packs against the shared corpus.
// Linters' conventions: exit 0 clean, 1 when findings reach --fail-on (or a pack fails its
// tests), 2 for a usage error; --help and --version on every command.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, compilePack, exampleContest, findStrengths, SEVERITIES, type CustomerContext, type Severity } from '../engine';
import { hasFlag, lastValue, parseArgs, UsageError } from './args';
import { evalCommand } from './eval';
import { expandFiles } from './files';
import { cannedReplies } from './macros';
import { builtinPackFiles, describePackError, loadPack, readText } from './packs';
import { POLICY_USAGE, policyCommand } from './policy';
import { formatFindings, locate, OUTPUT_FORMATS, severityRank, useColour, type LocatedFinding, type OutputFormat } from './report';

export interface CliEnvironment {
  /** The repository root: where the built-in packs (rules/) are. */
  root: string;
  stdin?: () => Promise<string>;
  out?: (s: string) => void;
  err?: (s: string) => void;
  /** Whether stdout is a terminal (colour by default). */
  isTTY?: boolean;
  env?: NodeJS.ProcessEnv;
}

const USAGE = `Usage: cando <command> [options]

Commands:
  check [FILE|GLOB]...   coach replies: findings as file:line:col  severity  message  rule
  pack test FILE...      validate packs and run their examples
  policy                 write the enterprise policy that rolls packs out to every browser
  eval                   precision and recall of the packs on the shared corpus

Run cando <command> --help for a command's options. cando --version prints the version.
Exit status: 0 clean, 1 findings reached --fail-on (or a pack failed), 2 usage error.`;

const CHECK_USAGE = `Usage: cando check [options] [FILE|GLOB]...

Coaches the text of each FILE (stdin without FILE, or with -). Globs (quoted: "replies/**/*.txt")
are expanded by cando.
  --pack FILE            use this pack (repeatable); without --pack the built-in packs are used
  --with-builtins        use the built-in packs as well as the --pack ones (yours win where both flag)
  --format FORMAT        text (default): file:line:col  severity  message  rule
                         json: an array of findings; jsonl: one finding a line. Each finding has
                         file, line, column, endLine, endColumn, and start/end string offsets
  --json                 the same as --format json
  --fail-on SEVERITY     exit 1 when a finding is at least this severe: info, warning, error
                         (default error)
  --macros               each FILE is a Zendesk macros export (Macros API JSON) or a Freshdesk
                         canned-responses export; lints every canned reply in it
  --jsonl                batch mode: reads lines {"id": ..., "text": ...} (stdin or FILEs) and
                         writes one line {"id": ..., "findings": [...]} per input line, in order,
                         with "strengths" (ids of what the reply does well) when it has any;
                         a line's optional "customer" (the customer's message, or {"text", "name"})
                         lets the context rules coach the reply against it
  --color, --no-color    colour the text output (default: on a terminal, unless NO_COLOR is set)`;

const PACK_TEST_USAGE = `Usage: cando pack test [options] FILE...

Validates each pack and runs its examples (every flag example must be flagged by its rule, no pass
example may be). Exit status 1 if any pack fails.
  --with-builtins   also check the examples against the built-in packs: say which of this pack's
                    rules win over a built-in rule, and warn when another pack takes an example
  --with FILE       another pack active beside this one (repeatable), for the same check`;

const COMMAND_USAGE: Record<string, string> = { check: CHECK_USAGE, pack: PACK_TEST_USAGE, policy: POLICY_USAGE };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const CHECK_OPTIONS = {
  '--pack': { value: true },
  '--with-builtins': {},
  '--format': { value: true, choices: OUTPUT_FORMATS },
  '--json': {},
  '--jsonl': {},
  '--fail-on': { value: true, choices: SEVERITIES },
  '--macros': {},
  '--color': {},
  '--no-color': {},
};

/** A --jsonl line's `customer`: the customer's message, or { "text", "name"? }; undefined when absent, null when malformed. */
function customerOf(value: unknown): CustomerContext | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { text: value };
  if (typeof value !== 'object') return null;
  const { text, name } = value as { text?: unknown; name?: unknown };
  if (typeof text !== 'string' || (name !== undefined && typeof name !== 'string')) return null;
  return { text, ...(name && { name }) };
}

async function check(args: string[], env: Required<CliEnvironment>): Promise<number> {
  const parsed = parseArgs(args, CHECK_OPTIONS);
  const format: OutputFormat = hasFlag(parsed, '--json') ? 'json' : ((lastValue(parsed, '--format') as OutputFormat | undefined) ?? 'text');
  const failOn = (lastValue(parsed, '--fail-on') as Severity | undefined) ?? 'error';
  const macros = hasFlag(parsed, '--macros');
  if (hasFlag(parsed, '--jsonl') && (macros || parsed.options.has('--format') || hasFlag(parsed, '--json'))) throw new UsageError('--jsonl is its own input and output format: it takes neither --format, --json nor --macros');
  const files = expandFiles(parsed.positionals.length ? parsed.positionals : ['-']);
  if (macros && files.includes('-')) throw new UsageError('--macros reads export files: name them');

  // Packs named on the command line are checked fully; the built-in ones are tested by npm test.
  const packFiles = parsed.options.get('--pack') ?? [];
  const own = packFiles.map((f) => loadPack(f).pack);
  const builtins = !own.length || hasFlag(parsed, '--with-builtins') ? builtinPackFiles(env.root).map((f) => loadPack(f, false).pack) : [];
  const analyzer = new Analyzer([...builtins, ...own], { preferredPacks: own.map((p) => p.id) });
  const read = async (file: string) => (file === '-' ? env.stdin() : readText(file));

  if (hasFlag(parsed, '--jsonl')) {
    let failed = false;
    for (const file of files) {
      (await read(file)).split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        let item: unknown;
        try {
          item = JSON.parse(line);
        } catch {
          item = undefined;
        }
        const record = item as { id?: unknown; text?: unknown; customer?: unknown } | undefined;
        const customer = record && typeof record === 'object' ? customerOf(record.customer) : null;
        if (!record || typeof record !== 'object' || typeof record.text !== 'string' || customer === null) {
          failed = true;
          env.err(`cando: ${file === '-' ? '' : `${file}: `}line ${i + 1} is not {"id", "text", "customer"?}\n`);
          env.out(`${JSON.stringify({ id: record && typeof record === 'object' ? (record.id ?? null) : null, error: 'expected {"id", "text", "customer"?} (customer: the customer\'s message, or {"text", "name"})' })}\n`);
          return;
        }
        const findings = analyzer.analyze(record.text, { customer });
        if (findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) failed = true;
        // What the agent did well, as ids (architecture.md: a separate list, never findings), when there is any.
        const strengths = findStrengths(record.text, customer).map((st) => st.id);
        env.out(`${JSON.stringify({ id: record.id ?? null, findings, ...(strengths.length && { strengths }) })}\n`);
      });
    }
    return failed ? 1 : 0;
  }

  const found: LocatedFinding[] = [];
  for (const file of files) {
    const name = file === '-' ? '<stdin>' : file;
    const text = await read(file);
    if (macros) for (const reply of cannedReplies(file, text)) found.push(...locate(name, reply.text, analyzer.analyze(reply.text), reply.at, reply.macro));
    else found.push(...locate(name, text, analyzer.analyze(text)));
  }
  const colour = useColour(hasFlag(parsed, '--no-color') ? false : hasFlag(parsed, '--color') ? true : undefined, env.isTTY, env.env);
  env.out(formatFindings(found, format, colour));
  return found.some((f) => severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;
}

function packTest(args: string[], env: Required<CliEnvironment>): number {
  const parsed = parseArgs(args, { '--with-builtins': {}, '--with': { value: true } });
  if (parsed.positionals.length === 0) throw new UsageError('pack test needs a pack file');
  const others = [
    ...(hasFlag(parsed, '--with-builtins') ? builtinPackFiles(env.root).map((f) => ({ pack: loadPack(f, false).pack, builtin: true })) : []),
    ...(parsed.options.get('--with') ?? []).map((f) => ({ pack: loadPack(f).pack, builtin: false })),
  ];
  let failures = 0;
  for (const file of expandFiles(parsed.positionals)) {
    const result = compilePack(readText(file), { source: file });
    if (!result.ok) {
      failures++;
      env.err(`FAIL ${file}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}\n${result.errors.map((e) => `  ${describePackError(e)}`).join('\n')}\n`);
      continue;
    }
    const { pack, warnings } = result;
    const examples = pack.rules.reduce((n, r) => n + r.examples.flag.length + r.examples.pass.length, 0);
    for (const w of warnings) env.err(`  warning: ${describePackError(w)}\n`);
    if (others.length) {
      const report = exampleContest(pack, others);
      for (const s of report.shadowed) env.err(`  warning: ${s.ruleId}: its example “${s.example}” is not shown: ${s.by} (${s.byPack}) flags the same words and wins\n`);
      for (const o of report.overrides) env.out(`  note: ${o.ruleId} wins over built-in ${o.over} on “${o.example}”\n`);
    }
    env.out(`ok ${pack.id} ${pack.version}: ${pack.rules.length} rules, ${examples} examples pass\n`);
  }
  return failures ? 1 : 0;
}

function version(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[], environment: CliEnvironment): Promise<number> {
  const env: Required<CliEnvironment> = {
    stdin: readStdin,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    ...environment,
  };
  const [command, ...rest] = argv;
  // Options before `--` only: a file may be called --help.
  const options = rest.slice(0, rest.includes('--') ? rest.indexOf('--') : undefined);
  try {
    if (command === '--version' || command === '-V' || (command !== undefined && options.includes('--version'))) {
      env.out(`cando ${version(env.root)}\n`);
      return 0;
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      const topic = command === 'help' ? COMMAND_USAGE[rest[0]] : undefined;
      env.out(`${topic ?? USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === 'eval') return await evalCommand(rest, env);
    if (options.includes('--help') || options.includes('-h')) {
      if (!(command in COMMAND_USAGE)) throw new UsageError(`unknown command "${command}"`);
      env.out(`${COMMAND_USAGE[command]}\n`);
      return 0;
    }
    if (command === 'check') return await check(rest, env);
    if (command === 'pack' && rest[0] === 'test') return packTest(rest.slice(1), env);
    if (command === 'pack') throw new UsageError(`unknown pack command "${rest[0] ?? ''}" (did you mean pack test?)`);
    if (command === 'policy') return policyCommand(rest, env.root, env.out, env.err);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const usage = COMMAND_USAGE[command ?? ''] ?? USAGE;
    env.err(`cando: ${e.message}\n${e.message.includes('\n') ? '' : `\n${usage}\n`}`);
    return 2;
  }
}
