// Statistics: counts per rule per UTC day, kept for 90 days.
import { countStatEvent as addEvent, migrateStats } from '../../../src/shared/settings';

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
