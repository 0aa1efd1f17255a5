// The protocol as a contract at both ends: what the background accepts, what senders accept back.
import { draftToAnalyze, MAX_DRAFT_CHARS, packTooLarge, MAX_PACK_CHARS } from '../../src/shared/limits';
import { MESSAGES, parseReplyCheckResponse, parseRequest, parseResponse, parseTabMessage, type RequestType } from '../../src/shared/protocol';

const finding = (text: string, start: number, end: number) => ({
  ruleId: 'core/x', category: 'cant', severity: 'warning', start, end, text: text.slice(start, end), message: 'm', explanation: 'e', suggestions: ['s'],
});

test('a draft longer than the limit is cut to the limit', () => {
  const text = 'a'.repeat(MAX_DRAFT_CHARS + 10);
  expect(draftToAnalyze(text)).toHaveLength(MAX_DRAFT_CHARS);
  expect(draftToAnalyze('short')).toBe('short');
});

test('a draft cut at the limit never ends inside a surrogate pair', () => {
  const text = `${'a'.repeat(MAX_DRAFT_CHARS - 1)}😀 and more`;
  const cut = draftToAnalyze(text);
  expect(cut).toBe('a'.repeat(MAX_DRAFT_CHARS - 1));
  expect(/[\uD800-\uDBFF]$/.test(cut)).toBe(false);
});

test('a pack over the size limit gets the one refusal message, naming its size', () => {
  expect(packTooLarge(MAX_PACK_CHARS)).toBeNull();
  expect(packTooLarge(5.2e6)).toBe('The pack is 5.2 MB; CanDo accepts packs up to 1 MB.');
});

test.each([
  [{ type: 'analyze', text: 'hi', skip: [{ start: 0, end: 3 }] }, 'a skip range past the text'],
  [{ type: 'analyze', text: 'hi' }, 'no skip list'],
  [{ type: 'stat', ruleId: 'core/x', event: 'clicked' }, 'an unknown statistic'],
  [{ type: 'rule-set-enabled', ruleId: 'core/x' }, 'no on/off'],
  [{ type: 'pack-import', json: 'x'.repeat(MAX_PACK_CHARS + 1) }, 'a pack over the size limit'],
  [{ type: 'toString' }, 'an inherited property name as type'],
  [{ type: 'nope' }, 'an unknown type'],
  ['ping', 'a string'],
])('the background refuses %j (%s)', (raw, _why) => {
  expect(parseRequest(raw)).toBeNull();
});

test('a request is rebuilt from its checked fields only', () => {
  expect(parseRequest({ type: 'analyze', text: 'hi', skip: [{ start: 0, end: 1, extra: 1 }], version: 3 })).toEqual({ type: 'analyze', text: 'hi', skip: [{ start: 0, end: 1 }] });
  expect(parseRequest({ type: 'ping', payload: 'x' })).toEqual({ type: 'ping' });
});

test('only reading and coaching a draft is open to content scripts; every settings change needs an extension page', () => {
  const open = (Object.keys(MESSAGES) as RequestType[]).filter((t) => MESSAGES[t].from === 'any').sort();
  expect(open).toEqual(['analyze', 'ping', 'rule-set-enabled', 'stat', 'strength-stat']);
});

test('an analysis answer keeps only the findings whose offsets hold their words in the draft sent', () => {
  const text = "Sorry, we can't do that.";
  const good = finding(text, 10, 15);
  const shifted = { ...finding(text, 10, 15), start: 9, end: 14 };
  const past = { ...finding(text, 10, 15), end: 99 };
  const answer = parseResponse(MESSAGES, { type: 'analyze', text, skip: [] }, { type: 'findings', findings: [good, shifted, past, null], strengths: [], paused: false, lockedRules: [] });
  expect(answer).toEqual({ type: 'findings', findings: [good], strengths: [], paused: false, lockedRules: [] });
});

test('a reply check from the tab keeps only well-formed strengths and findings, with the fields the check shows', () => {
  const good = { id: 'can-do-offer', label: 'Says what you can do', text: 'I can send a replacement' };
  const strengths = [good, { ...good, id: 7 }, { ...good, label: '' }, { ...good, text: 3 }, null];
  const item = { ruleId: 'core/x', category: 'cant', severity: 'warning', message: 'm', text: "we can't" };
  const findings = [{ ...item, start: 0, end: 8, explanation: 'e', suggestions: ['s'] }, { ...item, message: 1 }, 'x'];
  const check = parseReplyCheckResponse({ type: 'reply-check', paused: false, empty: false, findings, strengths });
  expect(check).toEqual({ type: 'reply-check', paused: false, empty: false, findings: [item], strengths: [good] });
  expect(parseReplyCheckResponse({ type: 'reply-check', paused: false, empty: false, findings: 'x', strengths: [] })).toBeNull();
  expect(parseReplyCheckResponse({ type: 'reply-check', paused: 'no', empty: false, findings: [], strengths: [] })).toBeNull();
  expect(parseReplyCheckResponse({ type: 'tab-status', active: true, paused: false, editors: 1, focusedFindings: 0 })).toBeNull();
});

test('the tabs accept only the known messages, rebuilt from their type', () => {
  expect(parseTabMessage({ type: 'reply-check', extra: 1 })).toEqual({ type: 'reply-check' });
  expect(parseTabMessage({ type: 'refresh' })).toEqual({ type: 'refresh' });
  expect(parseTabMessage({ type: 'toString' })).toBeNull();
  expect(parseTabMessage('reply-check')).toBeNull();
});

test('a strength is counted by its id alone', () => {
  expect(parseRequest({ type: 'strength-stat', strength: 'uses-name', text: 'Hi Dana' })).toEqual({ type: 'strength-stat', strength: 'uses-name' });
  expect(parseRequest({ type: 'strength-stat', strength: 'x'.repeat(61) })).toBeNull();
});

test.each([
  [undefined, 'no answer'],
  [{ type: 'findings', findings: 'x', strengths: [], paused: false, lockedRules: [] }, 'findings not a list'],
  [{ type: 'findings', findings: [], strengths: 'x', paused: false, lockedRules: [] }, 'strengths not a list'],
  [{ type: 'findings', findings: [], strengths: [], paused: 'no', lockedRules: [] }, 'paused not a boolean'],
  [{ type: 'pong' }, 'the answer to another request'],
])('an analysis answer %j is refused (%s)', (raw, _why) => {
  expect(parseResponse(MESSAGES, { type: 'analyze', text: 'x', skip: [] }, raw)).toBeNull();
});

test('a refusal from the background reaches the sender as the failure it is', () => {
  expect(parseResponse(MESSAGES, { type: 'options-state' }, { type: 'error', message: 'no' })).toEqual({ type: 'error', message: 'no' });
  expect(parseResponse(MESSAGES, { type: 'pack-import', json: '{}' }, { type: 'refused', errors: [{ pack: 'p', message: 'bad' }] })).toEqual({
    type: 'refused',
    errors: [{ pack: 'p', message: 'bad' }],
  });
});

test('an options state missing a field is refused', () => {
  const state = { type: 'options-state', packs: [], rules: [], subscriptions: [], problems: [], allowImport: true, managed: false, refreshMinutes: 360, sites: { builtin: [], custom: [], paused: [] } };
  expect(parseResponse(MESSAGES, { type: 'options-state' }, state)).toEqual(state);
  expect(parseResponse(MESSAGES, { type: 'options-state' }, { ...state, sites: { builtin: [] } })).toBeNull();
});
