// Every pack-validation error path: a suite of broken packs (broken/*.json, expectations in
// expected.json) must each be refused with an error naming the pack, the rule and the field; the
// CLI's `pack test` must exit non-zero with that message; and the documented JSON schema
// (rules/pack.schema.json) must agree with the hand-written validator on what is well-formed.
import Ajv from 'ajv';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compilePack, LIMITS, type PackError } from '../../../src/engine';
import { packSchema } from '../../../src/engine/schema';
import { validatePackShape } from '../../../src/engine/validate';

const root = join(__dirname, '..', '..', '..');
const brokenDir = join(__dirname, 'broken');
interface Expectation {
  /** schema: the JSON schema refuses it too; validator: beyond what a schema can say (unique ids); compile: well-formed, refused when compiled. */
  level: 'schema' | 'validator' | 'compile';
  pack: string;
  rule?: string;
  field?: string;
  message: string;
}
const expected: Record<string, Expectation> = JSON.parse(readFileSync(join(__dirname, 'expected.json'), 'utf8'));
const brokenFiles = readdirSync(brokenDir).filter((f) => f.endsWith('.json')).sort();
const goodPackFiles = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.json') && f !== 'pack.schema.json');

test('every broken pack has an expectation, and every expectation a pack', () => {
  expect(Object.keys(expected).sort()).toEqual(brokenFiles);
});

describe.each(brokenFiles)('broken pack %s', (file) => {
  const e = expected[file];
  const text = readFileSync(join(brokenDir, file), 'utf8');

  test('is refused with an error naming pack, rule and field', () => {
    const result = compilePack(text, { source: file });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const wanted = expect.objectContaining({
      pack: e.pack === 'FILE' ? file : e.pack,
      ...(e.rule && { rule: e.rule }),
      ...(e.field && { field: e.field }),
      message: expect.stringContaining(e.message),
    });
    expect(result.errors).toContainEqual(wanted);
  });

  test(`is judged by the schema and the shape validator as level "${e.level}" says`, () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return expect(e.level).toBe('schema'); // not JSON: nothing for a schema to check
    }
    expect(validateWithSchema(parsed)).toBe(e.level !== 'schema');
    expect(validatePackShape(parsed, file).ok).toBe(e.level === 'compile');
  });
});

test('the CLI refuses each broken pack with a readable message and a non-zero exit', async () => {
  const run = promisify(execFile);
  const check = async (file: string) => {
    const outcome = await run(process.execPath, [join(root, 'bin', 'cando.js'), 'pack', 'test', join(brokenDir, file)]).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect({ file, code: outcome.code }).toEqual({ file, code: 1 });
    expect(outcome.stderr).toContain(`FAIL ${join(brokenDir, file)}`);
    expect(outcome.stderr).toContain(expected[file].message);
  };
  // A few at a time: CI has two cores, and on a fresh clone each process may bundle the CLI first.
  for (let i = 0; i < brokenFiles.length; i += 4) await Promise.all(brokenFiles.slice(i, i + 4).map(check));
  // One process per broken pack: on a busy 2-core machine they took more than jest's 2 minutes.
}, 10 * 60_000);

test('rules/pack.schema.json is the schema built from the rule kinds and limits (npm run schema writes it)', () => {
  expect(JSON.parse(readFileSync(join(root, 'rules', 'pack.schema.json'), 'utf8'))).toEqual(packSchema());
});

test.each(goodPackFiles)('the schema and the validator accept rules/%s', (file) => {
  const parsed = JSON.parse(readFileSync(join(root, 'rules', file), 'utf8'));
  expect(validateWithSchema(parsed)).toBe(true);
  expect(validatePackShape(parsed, file)).toMatchObject({ ok: true });
});

describe('size caps', () => {
  const starter = JSON.parse(readFileSync(join(root, 'rules', 'starter.json'), 'utf8'));
  const errorsOf = (spec: unknown): PackError[] => {
    const r = compilePack(spec, { runExamples: false });
    return r.ok ? [] : r.errors;
  };

  test('a pack over the byte cap is refused before it is parsed', () => {
    const huge = JSON.stringify({ ...starter, description: 'x'.repeat(LIMITS.packBytes) });
    expect(errorsOf(huge)).toEqual([expect.objectContaining({ message: expect.stringContaining(`at most ${LIMITS.packBytes} bytes`) })]);
  });

  test('too many rules', () => {
    const rules = Array.from({ length: LIMITS.rules + 1 }, (_, i) => ({ id: `r${i}`, category: 'cant', phrases: ['x'], message: 'm', explanation: 'e', examples: { flag: ['x'], pass: ['y'] } }));
    expect(errorsOf({ ...starter, rules })).toContainEqual(expect.objectContaining({ field: 'rules', message: expect.stringContaining(`at most ${LIMITS.rules}`) }));
  });

  test('too many phrases and too many examples', () => {
    const rule = { ...starter.rules[2], phrases: Array.from({ length: LIMITS.phrases + 1 }, (_, i) => `phrase ${i}`), examples: { flag: Array(LIMITS.examplesPerKind + 1).fill('as I already said'), pass: ['fine'] } };
    const errors = errorsOf({ ...starter, rules: [rule] });
    expect(errors).toContainEqual(expect.objectContaining({ rule: 'as-i-said', field: 'phrases', message: expect.stringContaining(`more than ${LIMITS.phrases}`) }));
    expect(errors).toContainEqual(expect.objectContaining({ rule: 'as-i-said', field: 'examples.flag', message: expect.stringContaining(`more than ${LIMITS.examplesPerKind}`) }));
  });
});

test('"__proto__" and "constructor" keys pollute nothing', () => {
  const text = '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "id": "p", "name": "P", "version": "1.0.0", "language": "en", "rules": []}';
  const result = compilePack(text);
  expect(result.ok).toBe(false);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

let schemaValidator: ReturnType<Ajv['compile']> | undefined;
function validateWithSchema(data: unknown): boolean {
  schemaValidator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(root, 'rules', 'pack.schema.json'), 'utf8')));
  return schemaValidator(data) as boolean;
}

test('plain text may use < and & as prose; only tags and entities are markup', () => {
  const starter = JSON.parse(readFileSync(join(root, 'rules', 'starter.json'), 'utf8'));
  const rule = { ...starter.rules[2], message: 'Keep it < 2 lines & friendly, a < b.', suggestions: ['Q&A: to recap'] };
  expect(compilePack({ ...starter, rules: [rule] })).toMatchObject({ ok: true });
  for (const markup of ['<b>bold</b>', 'a</p>', '<!-- x -->', '&nbsp;', '&#60;']) {
    expect(compilePack({ ...starter, rules: [{ ...rule, message: markup }] })).toMatchObject({ ok: false });
  }
});
