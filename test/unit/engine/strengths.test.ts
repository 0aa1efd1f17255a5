// What the agent did well (the reply check's strengths): recognised in the agent's own words, with
// look-alikes that are not strengths ("sorry for any inconvenience", a promise with no time).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, findStrengths } from '../../../src/engine';
import { compileFile } from './support';

const ids = (draft: string, customer?: { text: string; name?: string }) => findStrengths(draft, customer).map((s) => s.id);

test('ownership needs the agent\'s own next step and a time', () => {
  expect(ids("I've escalated this and I'll update you by Friday.")).toContain('owns-next-step');
  expect(ids("I'll refund the $40 today.")).toContain('owns-next-step');
  expect(ids("I'll look into it and get back to you.")).not.toContain('owns-next-step');
  expect(ids('We will update you by Friday.')).not.toContain('owns-next-step');
});

test('a specific apology, not a boilerplate one', () => {
  expect(ids("I'm sorry your parcel arrived damaged.")).toContain('specific-apology');
  expect(ids('I apologise, we shipped the wrong size.')).toContain('specific-apology');
  expect(ids("We're sorry for any inconvenience this may have caused.")).not.toContain('specific-apology');
  expect(ids("I'm sorry you feel that way.")).not.toContain('specific-apology');
  expect(ids("I'm sorry, but that's our policy.")).not.toContain('specific-apology');
});

test('"what I can do" offers', () => {
  expect(ids('What I can do is send a replacement today.')).toContain('can-do-offer');
  expect(ids("I've refunded the shipping fee.")).toContain('can-do-offer');
  expect(ids('We cannot refund this.')).not.toContain('can-do-offer');
});

test("the customer's name and each question answered need the customer's message", () => {
  const customer = { text: 'Do you ship to Norway? And how much does shipping cost?', name: 'Ingrid Berg' };
  expect(ids('Hi Ingrid, we ship to Norway, and shipping costs 12 euros.', customer)).toEqual(expect.arrayContaining(['uses-name', 'answers-questions']));
  expect(ids('Hi Ingrid, yes, we ship to Norway!', customer)).not.toContain('answers-questions');
  expect(ids('Hi there, we ship to Norway, and shipping costs 12 euros.', customer)).not.toContain('uses-name');
  expect(ids('Hi Ingrid, we ship to Norway, and shipping costs 12 euros.')).toEqual([]);
});

test('"each question answered" agrees with the unanswered-question rule on every labeled context pair', () => {
  const analyzer = new Analyzer([compileFile('cando-context.json')]);
  const dir = join(__dirname, '..', 'eval', 'sets');
  const pairs = readdirSync(dir)
    .filter((f) => f.startsWith('replies-context-'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; customer: string; customerName?: string; text: string }));
  expect(pairs.length).toBeGreaterThan(400);
  const disagree = pairs.filter(({ customer, customerName, text }) => {
    const context = { text: customer, name: customerName };
    const leftOpen = analyzer.analyze(text, { customer: context }).some((f) => f.ruleId === 'cando-context/unanswered-question');
    return leftOpen && findStrengths(text, context).some((s) => s.id === 'answers-questions');
  });
  expect(disagree.map((p) => p.id)).toEqual([]);
});
