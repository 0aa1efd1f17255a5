// `cando` as linters behave (eslint, vale): file:line:col lines, colour only on a terminal and never
// with NO_COLOR, --format text|json|jsonl, --fail-on with exit 1, exit 2 for usage errors, --help
// and --version on every command, globs and several files, positions in bad JSON, "did you mean",
// and help-desk macro exports. Spawned for real (node bin/cando.js), as a CI script runs it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CANDO_BIN, runCando, type CliRun } from '../../support/cando-cli';

const root = join(__dirname, '..', '..', '..');
const bin = CANDO_BIN;
const work = mkdtempSync(join(tmpdir(), 'cando-conventions-'));

function cando(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return runCando(args, { cwd: work, stdin: opts.stdin, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined, ...opts.env } });
}

/** Runs cando with stdout on a real terminal (a pseudo-terminal from util-linux `script`). */
function onTerminal(args: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} ${args}`, '/dev/null'], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env },
    encoding: 'utf8',
  });
}

const ESC = '\x1b[';
const pack = (id: string, severity: string, phrase: string) => ({
  id,
  name: `Pack ${id}`,
  version: '1.0.0',
  language: 'en',
  rules: [
    {
      id: 'rule',
      category: 'blame',
      severity,
      phrases: [phrase],
      message: `Avoid “${phrase}”.`,
      explanation: 'Because.',
      suggestions: ['instead'],
      examples: { flag: [`Well ${phrase} again.`], pass: ['All good.'] },
    },
  ],
});

beforeAll(() => {
  writeFileSync(join(work, 'errors.json'), JSON.stringify(pack('strict', 'error', 'the other team')));
  writeFileSync(join(work, 'infos.json'), JSON.stringify(pack('gentle', 'info', 'the other team')));
  mkdirSync(join(work, 'replies', 'eu'), { recursive: true });
  writeFileSync(join(work, 'replies', 'a.txt'), 'Thanks!\nThe other team broke it.\n');
  writeFileSync(join(work, 'replies', 'eu', 'b.txt'), 'Sorry, the other team did that.\n');
  writeFileSync(join(work, 'replies', 'eu', 'skip.md'), 'The other team.\n');
  writeFileSync(join(work, 'clean.txt'), 'Thanks for your patience.\n');
});

describe('output', () => {
  test('text: file:line:col  severity  message  ruleId, for each file of a glob, in order', async () => {
    const { code, stdout } = await cando(['check', '--pack', 'errors.json', 'replies/**/*.txt', 'clean.txt']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^replies\/a\.txt:2:1 +error +Avoid “the other team”\. \(“The other team”; rewrite: “Instead broke it\.”\) +strict\/rule$/);
    expect(lines[1]).toMatch(/^replies\/eu\/b\.txt:1:8 +error +.* +strict\/rule$/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('2 findings (2 error)');
    expect(code).toBe(1);
  });

  test('json and jsonl: findings with file, line, column, end and offsets; stdin is <stdin>', async () => {
    const json = await cando(['check', '--format', 'json', '--pack', 'infos.json', 'replies/a.txt', '-'], { stdin: 'ok.\n  the other team' });
    const findings = JSON.parse(json.stdout);
    expect(findings).toEqual([
      expect.objectContaining({ file: 'replies/a.txt', line: 2, column: 1, endLine: 2, endColumn: 15, start: 8, end: 22, text: 'The other team', severity: 'info', ruleId: 'gentle/rule' }),
      expect.objectContaining({ file: '<stdin>', line: 2, column: 3, endLine: 2, endColumn: 17, start: 6, end: 20 }),
    ]);
    const jsonl = await cando(['check', '--format=jsonl', '--pack', 'infos.json', 'replies/a.txt', '-'], { stdin: 'ok.\n  the other team' });
    expect(jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(findings);
  });

  test('the --jsonl batch contract is unchanged: {"id","text"} lines in, {"id","findings"} lines out', async () => {
    const { code, stdout } = await cando(['check', '--jsonl', '--pack', 'infos.json'], { stdin: `${JSON.stringify({ id: 7, text: 'Ask the other team.' })}\n` });
    expect(code).toBe(0);
    const [line] = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(line).toEqual({ id: 7, findings: [expect.objectContaining({ ruleId: 'gentle/rule', start: 4, end: 18 })] });
  });
});

describe('colour', () => {
  test('on a terminal the text output is coloured', () => {
    expect(onTerminal('check --pack infos.json replies/a.txt')).toContain(`${ESC}36minfo`);
  });
  test('NO_COLOR turns colour off on a terminal, and so does --no-color', () => {
    const plain = onTerminal('check --pack infos.json replies/a.txt', { NO_COLOR: '1' });
    expect(plain).toContain('replies/a.txt:2:1');
    expect(plain).not.toContain(ESC);
    expect(onTerminal('check --no-color --pack infos.json replies/a.txt')).not.toContain(ESC);
  });
  test('piped output has no colour unless FORCE_COLOR or --color asks; NO_COLOR wins over FORCE_COLOR', async () => {
    expect((await cando(['check', '--pack', 'errors.json', 'replies/a.txt'])).stdout).not.toContain(ESC);
    expect((await cando(['check', '--pack', 'errors.json', 'replies/a.txt'], { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await cando(['check', '--pack', 'errors.json', 'replies/a.txt'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await cando(['check', '--color', '--pack', 'errors.json', 'replies/a.txt'])).stdout).toContain(ESC);
  });
});

describe('exit status', () => {
  test('--fail-on: 1 when a finding is at least that severe, else 0 (default: error)', async () => {
    const run = async (packFile: string, ...failOn: string[]) => (await cando(['check', '--pack', packFile, ...failOn, 'replies/a.txt'])).code;
    expect(await run('infos.json')).toBe(0);
    expect(await run('errors.json')).toBe(1);
    expect(await run('infos.json', '--fail-on', 'info')).toBe(1);
    expect(await run('infos.json', '--fail-on', 'warning')).toBe(0);
    expect(await run('errors.json', '--fail-on', 'error')).toBe(1);
    expect((await cando(['check', '--pack', 'errors.json', '--fail-on', 'info', 'clean.txt'])).code).toBe(0);
  });

  test('usage errors exit 2, with "did you mean" for a misspelt option or value', async () => {
    const format = await cando(['check', '--fromat', 'json', 'clean.txt']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown option --fromat; did you mean --format?');
    const failOn = await cando(['check', '--fail-on', 'warn', 'clean.txt']);
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toContain('did you mean warning?');
    expect((await cando(['check', 'replies/*.pdf'])).stderr).toContain('no files match replies/*.pdf');
    expect((await cando(['check', 'replies'])).code).toBe(2);
  });
});

test('--help and --version work on every command', async () => {
  const { version } = JSON.parse(execFileSync('cat', [join(root, 'package.json')], { encoding: 'utf8' }));
  for (const command of [[], ['check'], ['pack', 'test'], ['policy'], ['eval']]) {
    const help = await cando([...command, '--help']);
    expect({ command, code: help.code }).toEqual({ command, code: 0 });
    expect(help.stdout).toMatch(/^Usage: cando/);
    const v = await cando([...command, '--version']);
    expect({ command, code: v.code, out: v.stdout }).toEqual({ command, code: 0, out: `cando ${version}\n` });
  }
  expect((await cando(['check', '-h'])).stdout).toContain('--fail-on');
});

describe('pack test', () => {
  test('bad JSON is reported with its line and column', async () => {
    writeFileSync(join(work, 'broken.json'), '{\n  "id": "x",\n  "name": "X"\n  "rules": []\n}\n');
    const { code, stderr } = await cando(['pack', 'test', 'broken.json']);
    expect(code).toBe(1);
    expect(stderr).toContain('line 4, column 3');
  });

  test('a misspelt field gets "did you mean"', async () => {
    const typo = pack('typo', 'info', 'nope') as unknown as { rules: Record<string, unknown>[] };
    typo.rules[0].sugestions = typo.rules[0].suggestions;
    delete typo.rules[0].suggestions;
    writeFileSync(join(work, 'typo.json'), JSON.stringify(typo));
    const { code, stderr } = await cando(['pack', 'test', 'typo.json']);
    expect(code).toBe(1);
    expect(stderr).toContain('unknown field "sugestions"; did you mean "suggestions"?');
  });

  test('--with-builtins names the built-in rule a pack’s rule is shown instead of; --with warns when another pack takes an example', async () => {
    const lead = { ...pack('lead', 'warning', 'per my last email'), rules: [{ ...pack('lead', 'warning', 'per my last email').rules[0], examples: { flag: ['Per my last email, restart it.'], pass: ['Restart it.'] } }] };
    writeFileSync(join(work, 'lead.json'), JSON.stringify(lead));
    const builtins = await cando(['pack', 'test', '--with-builtins', 'lead.json']);
    expect(builtins.code).toBe(0);
    expect(builtins.stdout).toContain('note: lead/rule wins over built-in cando-broken/already-told on “Per my last email, restart it.”');
    const rival = { ...lead, id: 'rival', name: 'Rival team', rules: [{ ...lead.rules[0], severity: 'error' }] };
    writeFileSync(join(work, 'rival.json'), JSON.stringify(rival));
    const shadowed = await cando(['pack', 'test', '--with', 'rival.json', 'lead.json']);
    expect(shadowed.stderr).toContain('warning: lead/rule: its example “Per my last email, restart it.” is not shown: rival/rule (Rival team)');
  });
});

describe('check --macros', () => {
  // The shapes of the help desks' APIs: Zendesk GET /api/v2/macros (actions with comment_value or
  // comment_value_html; older macros store [channel, text]) and Freshdesk
  // GET /api/v2/canned_response_folders/{id}/responses (content and content_html).
  const zendesk = {
    macros: [
      { id: 360001, title: 'Close: solved', active: true, actions: [{ field: 'status', value: 'solved' }, { field: 'comment_value', value: 'Hi,\nthe other team fixed it.' }] },
      { id: 360002, title: 'Escalate', actions: [{ field: 'comment_value_html', value: '<p>Hello,</p><p>I asked &amp; <b>the other team</b> will look.</p>' }] },
      { id: 360003, title: 'Legacy', actions: [{ field: 'comment_value', value: ['channel:all', 'Sadly the other team is away.'] }] },
      { id: 360004, title: 'Tag only', actions: [{ field: 'set_tags', value: 'vip' }] },
    ],
    next_page: null,
    count: 4,
  };
  const freshdesk = [
    { id: 5001, title: 'Refund', folder_id: 9, content: 'We asked the other team.', content_html: '<div>We asked the other team.</div>', attachments: [] },
    { id: 5002, title: 'Hello', folder_id: 9, content_html: '<div>Thanks!<br>The other team says hi.</div>' },
  ];

  test('a Zendesk macros export: each canned reply linted, positions in the export file', async () => {
    const source = JSON.stringify(zendesk, null, 2);
    writeFileSync(join(work, 'macros.json'), source);
    const { code, stdout } = await cando(['check', '--macros', '--format', 'json', '--pack', 'errors.json', 'macros.json']);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as { line: number; column: number; text: string; macro: { id: number; title: string } }[];
    expect(findings.map((f) => [f.macro.id, f.macro.title, f.text])).toEqual([
      [360001, 'Close: solved', 'the other team'],
      [360002, 'Escalate', 'the other team'],
      [360003, 'Legacy', 'the other team'],
    ]);
    // Each position is where those words are in the file a person would open.
    const lines = source.split('\n');
    for (const f of findings) expect(lines[f.line - 1].slice(f.column - 1, f.column - 1 + f.text.length)).toBe(f.text);
  });

  test('a Freshdesk canned-responses export, in text form naming each canned response', async () => {
    writeFileSync(join(work, 'canned.json'), JSON.stringify(freshdesk));
    const { code, stdout } = await cando(['check', '--macros', '--pack', 'infos.json', 'canned.json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^canned\.json:1:\d+ +info +canned response “Refund”: Avoid/m);
    expect(stdout).toMatch(/canned response “Hello”: Avoid “the other team”\. \(“The other team”/);
  });

  test('a file that is no export, or no JSON, is a usage error with the position', async () => {
    writeFileSync(join(work, 'notes.json'), '{"notes": 1}');
    expect((await cando(['check', '--macros', 'notes.json'])).stderr).toContain('neither a Zendesk macros export');
    writeFileSync(join(work, 'cut.json'), '{"macros": [\n  {"id": 1,');
    const cut = await cando(['check', '--macros', 'cut.json']);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('line 2, column 12: the text ends too soon');
  });
});
