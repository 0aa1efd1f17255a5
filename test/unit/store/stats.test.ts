// Statistics: counts per rule, and per strength, per UTC day, kept for 90 days.
import { countStatEvent as addEvent, countStrength, migrateStats } from '../../../src/shared/settings';

const DAY = 86_400_000;
const now = Date.parse('2026-11-23T12:00:00Z');

test('events count per rule and day', () => {
  const stats = migrateStats(undefined);
  addEvent(stats, 'p/a', 'shown', now);
  addEvent(stats, 'p/a', 'shown', now);
  addEvent(stats, 'p/a', 'applied', now);
  addEvent(stats, 'p/b', 'dismissed', now);
  addEvent(stats, 'p/b', 'disabled', now - DAY);
  addEvent(stats, 'p/b', 'opened', now - DAY);
  expect(stats.days).toEqual({
    '2026-11-23': { 'p/a': [2, 1, 0, 0, 0], 'p/b': [0, 0, 1, 0, 0] },
    '2026-11-22': { 'p/b': [0, 0, 0, 1, 1] },
  });
});

test('days older than 90 are dropped when counting', () => {
  const stats = migrateStats(undefined);
  addEvent(stats, 'p/a', 'shown', now - 89 * DAY);
  addEvent(stats, 'p/a', 'shown', now - 90 * DAY);
  addEvent(stats, 'p/a', 'shown', now);
  expect(Object.keys(stats.days).sort()).toEqual(['2026-08-26', '2026-11-23']);
});

test('strengths count per day beside the rules, and age out with them', () => {
  const stats = migrateStats(undefined);
  countStrength(stats, 'uses-name', now - 90 * DAY);
  countStrength(stats, 'uses-name', now);
  countStrength(stats, 'uses-name', now);
  countStrength(stats, 'owns-next-step', now - DAY);
  addEvent(stats, 'p/a', 'shown', now);
  expect(stats.strengths).toEqual({ '2026-11-23': { 'uses-name': 2 }, '2026-11-22': { 'owns-next-step': 1 } });
  expect(stats.days).toEqual({ '2026-11-23': { 'p/a': [1, 0, 0, 0, 0] } });
});

test('stored strengths are read back with their malformed counts and days left out; statistics from before strengths read as none', () => {
  const stored = { days: {}, strengths: { '2026-11-01': { 'uses-name': 3, bad: -1, half: 1.5, text: 'Dana' }, someday: { 'uses-name': 1 } } };
  expect(migrateStats(stored).strengths).toEqual({ '2026-11-01': { 'uses-name': 3 } });
  expect(migrateStats({ days: { '2026-11-01': { 'p/r': [1, 2, 3, 4, 5] } } }).strengths).toEqual({});
});
