// Context rules in the engine: what the customer's message turns on, where the finding goes, and the
// named checks (questions left open, the greeting's name, what the customer already tried).
import { Analyzer } from '../../../src/engine';
import { customerName, customerQuestions, unansweredQuestions } from '../../../src/engine/context-checks';
import { compileInline } from './support';

const whenRule = {
  id: 'when',
  category: 'context-when',
  customer: { regex: '\\p{L}' },
  regex: "\\bI'll look into it\\b[^.!?\\n]*",
  unless: ['today', 'tomorrow'],
  message: 'Say when.',
  explanation: 'A promise needs a time.',
  suggestions: [{ transform: 'add-when' }],
  examples: {
    flag: [{ customer: 'My invoice is wrong.', text: "I'll look into it." }],
    pass: [{ customer: 'My invoice is wrong.', text: "I'll look into it today." }],
  },
};

test('a context rule runs only with a customer message, and its suggestion adds a time', () => {
  const analyzer = new Analyzer([compileInline([whenRule])]);
  const draft = "Thanks! I'll look into it soon.";
  expect(analyzer.analyze(draft)).toEqual([]);
  const [finding] = analyzer.analyze(draft, { customer: { text: 'My invoice is wrong.' } });
  expect(finding).toMatchObject({ ruleId: 'test/when', category: 'context-when', text: "I'll look into it soon", suggestions: ["I'll look into it by [when]"] });
  expect(draft.slice(finding.start, finding.end)).toBe(finding.text);
});

test('the customer condition and its exceptions decide whether the rule runs; unlessDraft anywhere in the draft cancels it', () => {
  const rule = {
    ...whenRule,
    customer: { phrases: ['third time'], unless: ['not the third time'] },
    unlessDraft: ['sorry'],
    examples: { flag: [{ customer: 'The third time!', text: "I'll look into it." }], pass: [{ customer: 'Hello', text: "I'll look into it." }] },
  };
  const analyzer = new Analyzer([compileInline([rule])]);
  const draft = "I'll look into it.";
  expect(analyzer.analyze(draft, { customer: { text: 'This is the third time I ask.' } })).toHaveLength(1);
  expect(analyzer.analyze(draft, { customer: { text: 'It is not the third time, only the second.' } })).toEqual([]);
  expect(analyzer.analyze(draft, { customer: { text: 'Where is my refund?' } })).toEqual([]);
  expect(analyzer.analyze(`Sorry about this. ${draft}`, { customer: { text: 'This is the third time I ask.' } })).toEqual([]);
  // Quoted history in the customer's message is not what they wrote now.
  expect(analyzer.analyze(draft, { customer: { text: 'Thanks.\n> This is the third time I ask.' } })).toEqual([]);
});

test('at: opening skips the greeting and mentions; at: closing skips the sign-off', () => {
  const anywhere = { ...whenRule, regex: '[\\p{L}][^\\n]*', unless: undefined, suggestions: undefined };
  const opening = new Analyzer([compileInline([{ ...anywhere, at: 'opening', examples: { flag: [{ customer: 'Where is it?', text: 'Hi Sam,\nPlease wait.' }], pass: [{ customer: 'Where is it?', text: 'Hi Sam,' }] } }])]);
  const closing = new Analyzer([compileInline([{ ...anywhere, at: 'closing', examples: { flag: [{ customer: 'Where is it?', text: 'It ships today.\nThanks,\nSam' }], pass: [{ customer: 'Where is it?', text: 'Thanks,' }] } }])]);
  const customer = { text: 'Where is it?' };
  expect(opening.analyze('@acme Hi Maria, please wait a moment.', { customer }).map((f) => f.text)).toEqual(['please wait a moment.']);
  expect(opening.analyze('Dear Mrs Evans,\nCould you send the reference?', { customer }).map((f) => f.text)).toEqual(['Could you send the reference?']);
  expect(closing.analyze('It ships today.\nHave a lovely day!\nBest regards,\nSam', { customer }).map((f) => f.text)).toEqual(['Have a lovely day!']);
});

test('questions: venting and one-word questions expect no answer; an answer shares the topic, gives a number for "how much", or a yes', () => {
  expect(customerQuestions(['Are you kidding me??', 'Why?', 'Do you ship to Norway?', 'And how much does shipping cost?'])).toEqual(['Do you ship to Norway?', 'And how much does shipping cost?']);
  const questions = ['Do you ship to Norway?', 'And how much does shipping cost?'];
  expect(unansweredQuestions(questions, 'Yes, we ship to Norway!')).toEqual(['And how much does shipping cost?']);
  expect(unansweredQuestions(questions, 'We ship to Norway, and shipping costs 12 euros.')).toEqual([]);
  expect(unansweredQuestions(['Is the store open on Sunday?'], 'Yes, from 10 to 4.')).toEqual([]);
  expect(unansweredQuestions(['How do I export my contacts?'], 'Follow the steps here: https://example.com/export')).toEqual([]);
});

test("the customer's name: as the help desk shows it, else as they signed or introduced themselves", () => {
  expect(customerName({ text: 'Hi', name: 'Maria Lopez' })).toBe('Maria Lopez');
  expect(customerName({ text: 'Hi', name: 'maria@example.com' })).toBeUndefined();
  expect(customerName({ text: 'Where is my order?\n\nThanks,\nDaniel' })).toBe('Daniel');
  expect(customerName({ text: 'Where is my order?\n- Marcus' })).toBe('Marcus');
  expect(customerName({ text: 'Good evening, my name is Hannah and I ordered a lamp.' })).toBe('Hannah');
  expect(customerName({ text: 'Where is my order? Please help' })).toBeUndefined();
});

test('a context rule that throws on a draft is skipped there and reported, the other findings stay', () => {
  const errors: string[] = [];
  const pack = compileInline([whenRule]);
  const broken = { ...pack, rules: pack.rules.map((r) => ({ ...r, context: { ...r.context!, check: () => { throw new Error('boom'); } } })) };
  const analyzer = new Analyzer([broken], { onRuleError: (id) => errors.push(id) });
  expect(analyzer.analyze("I'll look into it.", { customer: { text: 'Hello there' } })).toEqual([]);
  expect(errors).toEqual(['test/when']);
});
