// Hostile rule packs, beyond the engine's own validation suite: each is refused with an error that
// names the pack, rule and field, or neutralised, and none throws, hangs or pollutes prototypes.
import { Analyzer, compilePack, type CompileResult, type PackError } from '../../../src/engine';

const goodRule = () => ({
  id: 'cant',
  category: 'cant',
  phrases: ["we can't"],
  message: 'Say what you can do.',
  explanation: 'Lead with what you can do.',
  suggestions: ['we can'],
  examples: { flag: ["Sorry, we can't refund it."], pass: ['We can refund it.'] },
});
const goodPack = (rule: Record<string, unknown> = goodRule()) => ({ id: 'team', name: 'Team', version: '1.0.0', language: 'en', rules: [rule] });

function refused(result: CompileResult): PackError[] {
  if (result.ok) throw new Error('the hostile pack was accepted');
  for (const e of result.errors) {
    expect(typeof e.pack).toBe('string');
    expect(e.message.length).toBeGreaterThan(5);
  }
  return result.errors;
}
const compileJson = (json: string) => compilePack(json, { source: 'hostile.json' });

test('the good pack itself compiles (so each refusal below is about its one change)', () => {
  expect(compilePack(goodPack()).ok).toBe(true);
  expect(compileJson(JSON.stringify(goodPack())).ok).toBe(true);
});

describe('deep nesting', () => {
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  test.each([
    ['as the rules', (d: string) => `{"id":"team","name":"Team","version":"1.0.0","language":"en","rules":${d}}`],
    ['inside a rule', (d: string) => JSON.stringify(goodPack({ ...goodRule(), phrases: ['PLACEHOLDER'] })).replace('"PLACEHOLDER"', d)],
    ['as the description', (d: string) => JSON.stringify({ ...goodPack(), description: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', d)],
  ])('100,000 nested arrays %s: refused with a clear error', (_where, wrap) => {
    const errors = refused(compileJson(wrap(deep(100_000))));
    expect(errors.map((e) => e.message).join(' ')).toMatch(/must|not|is /);
  });

  test('an already-parsed object nested too deep to serialise: refused, not a stack overflow', () => {
    let nested: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) nested = { d: nested };
    const errors = refused(compilePack({ ...goodPack(), description: nested }));
    expect(errors[0].message).toMatch(/JSON|string|deep/i);
  });

  test('a cyclic object: refused', () => {
    const cyclic: Record<string, unknown> = goodPack();
    cyclic.self = cyclic;
    refused(compilePack(cyclic));
  });
});

describe('prototype pollution keys', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  test.each([
    ['the pack', (rule: string) => `{"__proto__":{"polluted":true},"id":"team","name":"Team","version":"1.0.0","language":"en","rules":[${rule}]}`],
    ['a rule', (rule: string) => `{"id":"team","name":"Team","version":"1.0.0","language":"en","rules":[${rule.replace('{', '{"__proto__":{"polluted":true},')}]}`],
    ['the examples', (rule: string) => `{"id":"team","name":"Team","version":"1.0.0","language":"en","rules":[${rule.replace('"examples":{', '"examples":{"__proto__":{"polluted":true},')}]}`],
    ['a rule (constructor)', (rule: string) => `{"id":"team","name":"Team","version":"1.0.0","language":"en","rules":[${rule.replace('{', '{"constructor":{"prototype":{"polluted":true}},')}]}`],
  ])('a "__proto__"/"constructor" key in %s is refused and names the field', (_where, build) => {
    const errors = refused(compileJson(build(JSON.stringify(goodRule()))));
    expect(errors.some((e) => /__proto__|constructor/.test(`${e.field} ${e.message}`))).toBe(true);
  });

  test('a "__proto__" key in transform args is refused or inert', () => {
    const rule = JSON.stringify({ ...goodRule(), suggestions: [{ transform: 'PLACEHOLDER' }] });
    const json = JSON.stringify(goodPack()).replace(/\{"id":"cant".*\}\]/, `${rule}]`).replace('{"transform":"PLACEHOLDER"}', '{"transform":"can-do","args":{"__proto__":{"polluted":"yes"}}}');
    const result = compileJson(json);
    if (result.ok) expect(JSON.stringify(result.pack)).not.toContain('polluted');
  });

  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'a suggestion naming the transform "%s" (an Object.prototype member) is refused as unknown',
    (name) => {
      const errors = refused(compilePack(goodPack({ ...goodRule(), suggestions: [{ transform: name }] })));
      expect(errors[0]).toMatchObject({ pack: 'team', rule: 'cant' });
      expect(errors[0].field).toMatch(/^suggestions\[0\]/);
      expect(errors[0].message).toMatch(/transform/);
    },
  );
});

describe('regexes that are linear but huge', () => {
  const regexRule = (regex: string) => ({ ...goodRule(), phrases: undefined, regex, examples: { flag: ['xyz'], pass: ['abc'] } });

  test.each([
    ['nested counted repetition that expands past RE2s program limit', '((((x{10}){10}){10}){10})'],
    ['a 100,000-character alternation', Array.from({ length: 12_500 }, (_, i) => `w${i}`).join('|')],
    ['a counted repetition over RE2s maximum', 'x{1001}'],
    ['a character class with 50,000 ranges', `[${Array.from({ length: 50_000 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('')}]`],
  ])('%s: refused with a clear error, fast', (_what, regex) => {
    const started = performance.now();
    const errors = refused(compilePack(goodPack(regexRule(regex))));
    expect(errors[0]).toMatchObject({ pack: 'team', rule: 'cant' });
    expect(errors[0].field).toMatch(/regex/);
    // Not a timing assertion on the engine's speed: a refusal must not be a minutes-long compile.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  test.each([
    ['a backreference (not linear)', '(x)\\1'],
    ['a lookahead (not linear)', 'x(?=y)'],
    ['nested unbounded repetition', '(x+)+y'],
  ])('%s: refused, never run on the backtracking RegExp', (_what, regex) => {
    const errors = refused(compilePack(goodPack(regexRule(regex))));
    expect(errors[0].field).toMatch(/regex/);
  });
});

describe('unicode tricks in ids and categories', () => {
  test.each([
    ['a Cyrillic homoglyph', 'c\u0430nt'],
    ['a zero-width space', 'cant\u200b'],
    ['a right-to-left override', 'cant\u202e'],
    ['fullwidth letters', '\uff43\uff41\uff4e\uff54'],
    ['a combining mark', 'cant\u0301'],
    ['a dotless i lookalike', 'pol\u0131cy'],
  ])('a rule id with %s is refused', (_what, id) => {
    const errors = refused(compilePack(goodPack({ ...goodRule(), id })));
    expect(errors[0].field).toBe('id');
  });

  test.each([['a Cyrillic homoglyph', 'c\u0430nt'], ['a zero-width joiner', 'ca\u200dnt']])('a category with %s is refused', (_what, category) => {
    const errors = refused(compilePack(goodPack({ ...goodRule(), category })));
    expect(errors[0].field).toBe('category');
  });

  test('a pack id with a homoglyph (posing as a built-in pack) is refused', () => {
    const errors = refused(compilePack({ ...goodPack(), id: 'c\u0430ndo-cant' }));
    expect(errors[0].field).toBe('id');
  });
});

describe('suggestion and message text that tries to inject markup or control characters', () => {
  test.each([
    ['an HTML tag', 'we can <img src=x onerror=alert(1)>'],
    ['a script tag', '<script>steal()</script>'],
    ['an HTML entity', 'we can&nbsp;help'],
    ['a NUL', 'we can\u0000'],
    ['a bell and escape sequence', 'we can\u0007\u001b[31m'],
    ['a right-to-left override', 'we can \u202eevil'],
    ['a first-strong isolate', 'we can \u2068x\u2069'],
    ['a C1 control', 'we can\u0085'],
  ])('a suggestion with %s is refused', (_what, suggestion) => {
    const errors = refused(compilePack(goodPack({ ...goodRule(), suggestions: [suggestion] })));
    expect(errors[0]).toMatchObject({ pack: 'team', rule: 'cant' });
    expect(errors[0].field).toMatch(/^suggestions\[0\]/);
  });

  test.each([
    ['message', '<b>Stop</b> saying that'],
    ['message', 'Say what you can do.\u202e'],
    ['explanation', 'Why: <a href="https://evil.example">read</a>'],
    ['name', 'Team <svg onload=x>'],
  ])('a %s with markup or a control character is refused', (field, value) => {
    const spec = field === 'name' ? { ...goodPack(), name: value } : goodPack({ ...goodRule(), [field]: value });
    const errors = refused(compilePack(spec));
    expect(errors[0].field).toBe(field);
  });

  test('a suggestion with a newline (which would inject a hard line break into the draft) is refused', () => {
    const errors = refused(compilePack(goodPack({ ...goodRule(), suggestions: ['we can\nhelp'] })));
    expect(errors[0].field).toMatch(/^suggestions\[0\]/);
  });

  test('markup typed by the agent and carried through a capture stays inert text in the suggestion', () => {
    const rule = {
      ...goodRule(),
      phrases: undefined,
      regex: "we can't (\\S+)",
      suggestions: ['we can $1'],
      examples: { flag: ["we can't refund"], pass: ['we can refund'] },
    };
    const result = compilePack(goodPack(rule));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const text = "Sorry, we can't <img/src=x> today.";
    const [finding] = new Analyzer([result.pack]).analyze(text);
    // Plain strings, exactly the agent's own characters: the content script inserts them as typed text.
    expect(finding.suggestions).toEqual(['we can <img/src=x>']);
    expect(text.slice(finding.start, finding.end)).toBe(finding.text);
  });
});

test('a pack that is not JSON, or JSON of the wrong type, is refused without throwing', () => {
  for (const input of ['', 'null', '[]', '"pack"', '{"id":', '\u0000', 42, null, undefined, [], () => 1]) {
    expect(() => compilePack(input as unknown)).not.toThrow();
    refused(compilePack(input as unknown));
  }
});
