// Context rules in the engine: what the customer's message turns on, where the finding goes, and the
// named checks (questions left open, the greeting's name, what the customer already tried).
import { Analyzer } from '../../../src/engine';
import { customerName, customerQuestionsWithTopics, stem, unansweredQuestions } from '../../../src/engine/context-checks';
import { hasTime } from '../../../src/engine/time-expressions';
import { compileFile, compileInline } from './support';

const customerQuestions = (sentences: string[]) => customerQuestionsWithTopics(sentences).map((q) => q.text);

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

describe('the built-in context pack', () => {
  const analyzer = new Analyzer([compileFile('cando-context.json')]);
  const rulesFor = (customer: string, draft: string, name?: string) => analyzer.analyze(draft, { customer: { text: customer, name } }).map((f) => f.ruleId);

  test('time expressions: a day, a date, a clock time, a span or the end of a period says when; "soon" does not', () => {
    for (const timed of ['by Friday', 'first thing Monday', 'on 12 March', 'the 14th', 'by 3/14', 'before 2pm', 'at 14:00', 'within 4 hours', 'in 3-5 working days', 'in about an hour', 'over the next couple of days', 'by end of play', 'before EOD', 'tmrw', 'later today', 'next week'])
      expect([timed, hasTime(`I'll call you ${timed}.`)]).toEqual([timed, true]);
    for (const vague of ['soon', 'shortly', 'as soon as possible', 'in due course', 'at some point', 'when I can', 'in a moment or two at most'])
      expect([vague, hasTime(`I'll call you ${vague}.`)]).toEqual([vague, false]);
    // Words that contain a time word are not times: "monitor", "Sunderland", "nowhere".
    expect(hasTime('I will monitor the Sunderland depot, nowhere else.')).toBe(false);
  });

  test('a promise without a time is flagged; with one, or with a time in its own clause, it is not', () => {
    const customer = 'My invoice shows the wrong VAT number.';
    expect(rulesFor(customer, "Hi Sam,\nI'll look into it and get back to you.")).toContain('cando-context/promise-without-time');
    expect(rulesFor(customer, "Hi Sam,\nI'll look into it and get back to you by Friday.")).not.toContain('cando-context/promise-without-time');
    expect(rulesFor(customer, "Hi Sam,\nTomorrow morning, I'll look into it and get back to you.")).not.toContain('cando-context/promise-without-time');
  });

  test('questions with their topics: "what should I do now?" asks about the problem described before it', () => {
    const [question] = customerQuestionsWithTopics(['My parcel was left at the wrong address.', 'What should I do now?']);
    expect(question.text).toBe('What should I do now?');
    expect([...question.topics]).toEqual(expect.arrayContaining([stem('parcel'), stem('address')]));
    expect(unansweredQuestions([question], 'Please ask the neighbour at that address for the parcel first.')).toEqual([]);
    expect(unansweredQuestions([question], 'Thanks for shopping with us!')).toEqual(['What should I do now?']);
    // A question without its question mark, and two questions in one sentence.
    expect(customerQuestions(['can u tell me the status of my refund', 'Do you deliver to Belfast, and how much is postage?'])).toEqual([
      'can u tell me the status of my refund',
      'Do you deliver to Belfast',
      'how much is postage?',
    ]);
    // The unanswered-question rule lists each open question on its card.
    const [finding] = analyzer.analyze('Hi Ana,\nWe deliver to Belfast.', { customer: { text: 'Do you deliver to Belfast, and how much is postage?' } });
    expect(finding).toMatchObject({ ruleId: 'cando-context/unanswered-question' });
    expect(finding.message).toContain('\u201Chow much is postage?\u201D');
  });

  test('repeat contact: flagged when the reply neither acknowledges it nor owns the next step', () => {
    for (const customer of ['This is the third time I am writing about my refund.', 'I emailed you twice last week and nobody replied.', 'Still no refund after two weeks.', 'Further to my call on Monday, the engineer never came.', 'As I said in my last message, the code does not work.'])
      expect([customer, rulesFor(customer, 'Hi Sam,\nPlease send us your order number.')]).toEqual([customer, expect.arrayContaining(['cando-context/repeat-contact'])]);
    const third = 'This is the third time I am writing about my refund.';
    expect(rulesFor(third, "Hi Sam,\nI'm sorry you've had to write again. I've issued the refund today.")).not.toContain('cando-context/repeat-contact');
    expect(rulesFor(third, "Hi Sam,\nI've escalated this and I'll make sure it is paid today.")).not.toContain('cando-context/repeat-contact');
    // "Try again" and "thanks again" are not a repeat contact.
    expect(rulesFor('I tried again and it still fails. Thanks again!', 'Please send us a screenshot of the error.')).not.toContain('cando-context/repeat-contact');
  });

  test('greeting name: a greeting that names someone else is flagged, with the customer\'s name in the suggestion', () => {
    const [finding] = analyzer.analyze('Hi Maria,\nYour refund is on its way.', { customer: { text: 'Where is my refund?', name: 'Joanna Smith' } }).filter((f) => f.ruleId === 'cando-context/greets-someone-else');
    expect(finding?.suggestions[0]).toMatch(/^Hi Joanna\b/);
    const [formal] = analyzer.analyze('Dear Ms. Jones,\nYour refund is on its way.', { customer: { text: 'Where is my refund?', name: 'Joanna Smith' } }).filter((f) => f.ruleId === 'cando-context/greets-someone-else');
    expect(formal?.suggestions[0]).toMatch(/^Dear Ms\. Smith\b/);
    for (const greeting of ['Hi Jo,', 'Hi Joanna,', 'Dear Ms Smith,', 'Hi there,', 'Hello again,'])
      expect([greeting, rulesFor('Where is my refund?', `${greeting}\nYour refund is on its way.`, 'Joanna Smith')]).toEqual([greeting, expect.not.arrayContaining(['cando-context/greets-someone-else'])]);
    // Without a name on the page or a signature, there is nothing to compare.
    expect(rulesFor('Where is my refund?', 'Hi Maria,\nYour refund is on its way.')).not.toContain('cando-context/greets-someone-else');
  });

  test('already tried: a request to repeat a step the customer took, in other words, is flagged; one that builds on it is not', () => {
    const customer = "I've turned the router off and on again and cleared my browser cache, still nothing.";
    expect(rulesFor(customer, 'Hi Lee,\nCould you please restart the router and let me know?')).toContain('cando-context/already-tried');
    expect(rulesFor(customer, 'Hi Lee,\nHave you tried clearing the cache?')).toContain('cando-context/already-tried');
    expect(rulesFor(customer, 'Hi Lee,\nCould you try a different browser?')).not.toContain('cando-context/already-tried');
    expect(rulesFor(customer, "Hi Lee,\nSince a restart didn't help, please try the reset button on the back.")).not.toContain('cando-context/already-tried');
  });

  test('no context finding at all when the page shows no customer message', () => {
    const draft = "Hi Maria,\nPlease restart the router. I'll look into it.";
    for (const customer of [undefined, { text: '' }, { text: '   \n ' }, { text: '@acme https://example.com/x' }]) expect(analyzer.analyze(draft, { customer })).toEqual([]);
  });
});
