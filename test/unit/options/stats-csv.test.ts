// The statistics export: the rules' counts and the strengths' counts ("Done well") in one table,
// each row told apart by its kind, so a team lead's spreadsheet sees both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { statsCsv } from '../../../src/options/stats';
import { REPLY_CHECK_LABEL } from '../../../src/content/overlay/view';

test('the CSV carries a row per rule per day and a row per strength per day', () => {
  const days = { '2026-12-01': { 'cando-core/cant': [5, 2, 1, 0, 3] as [number, number, number, number, number] } };
  const strengths = { '2026-12-01': { 'uses-name': 4 }, '2026-12-02': { 'owns-next-step': 2, 'answers-questions': 1 } };
  const lines = statsCsv(days, strengths, (id) => (id === 'cando-core/cant' ? 'Say what you "can" do.' : '')).trimEnd().split('\n');
  expect(lines).toEqual([
    'date,kind,id,name,shown,opened,applied,dismissed,turned_off,replies',
    '2026-12-01,rule,"cando-core/cant","Say what you ""can"" do.",5,3,2,1,0,',
    '2026-12-01,strength,"uses-name","Uses the customer\'s name",,,,,,4',
    '2026-12-02,strength,"answers-questions","Answers the customer\'s questions",,,,,,1',
    '2026-12-02,strength,"owns-next-step","Owns the next step, with a time",,,,,,2',
  ]);
  // Every row has the header's number of fields (quoted commas aside).
  const fields = (line: string) => line.replace(/"(?:[^"]|"")*"/g, 'q').split(',').length;
  expect(new Set(lines.map(fields))).toEqual(new Set([10]));
});

test("the card's reply-check key is the manifest's default for the check-reply command", () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'manifest.json'), 'utf8')) as { commands: Record<string, { suggested_key: { default: string } }> };
  expect(manifest.commands['check-reply'].suggested_key.default).toBe(REPLY_CHECK_LABEL);
});
