// Statistics: local counts per rule for the last 90 days (underlines shown, cards opened, applied,
// dismissed, turned off), a chart per category from the first counted day, and a CSV export; and
// what the agent's drafts did well (strengths per draft). Nothing here is sent anywhere.
import { useEffect, useState } from 'preact/hooks';
import { STRENGTH_IDS, STRENGTH_NAMES, type StrengthId } from '../engine/strength-ids';
import type { OptionsState, RuleInfo, StatsResponse } from '../shared/protocol';
import { dayKey, STATS_DAYS, type StatCounts } from '../shared/settings';
import { download, send } from './api';
import { CategoryTag, categoryStyles } from './shared';

type Days = StatsResponse['days'];
type StrengthDays = StatsResponse['strengths'];
/** The short span of the strengths table, beside the whole window. */
const RECENT_DAYS = 7;
/** The table's columns, each with its place in the stored counts. */
const COLUMNS = [
  { key: 'shown', title: 'Underlines shown', at: 0 },
  { key: 'opened', title: 'Cards opened', at: 4 },
  { key: 'applied', title: 'Applied', at: 1 },
  { key: 'dismissed', title: 'Dismissed', at: 2 },
  { key: 'turned-off', title: 'Turned off', at: 3 },
] as const;
const DAY_MS = 86_400_000;
/** A chart shows at least a week, so a first day's counts are one bar of several, not the whole chart. */
const MIN_CHART_DAYS = 7;
const CHART_WIDTH = 280;

/** UTC days from the first counted one (at least a week back, at most STATS_DAYS) to today, oldest first. */
function chartDays(days: Days, now: number): string[] {
  const today = dayKey(now);
  const first = Object.keys(days).sort()[0] ?? today;
  const span = Math.round((Date.parse(today) - Date.parse(first)) / DAY_MS) + 1;
  const length = Math.min(STATS_DAYS, Math.max(MIN_CHART_DAYS, span));
  return Array.from({ length }, (_, i) => dayKey(now - (length - 1 - i) * DAY_MS));
}

/**
 * The statistics as one CSV table: a row per rule per day (the counts of the rules table), then a
 * row per strength per day (replies that showed it, as in "Done well"), told apart by `kind`.
 */
export function statsCsv(days: Days, strengths: StrengthDays, messageOf: (ruleId: string) => string): string {
  const counts = COLUMNS.map((c) => c.key.replace('-', '_'));
  const lines = [['date', 'kind', 'id', 'name', ...counts, 'replies'].join(',')];
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const byId = <T,>(entries: Record<string, T>) => Object.entries(entries).sort(([a], [b]) => a.localeCompare(b));
  for (const day of Object.keys(days).sort()) {
    for (const [rule, ruleCounts] of byId(days[day])) lines.push([day, 'rule', quote(rule), quote(messageOf(rule)), ...COLUMNS.map((c) => ruleCounts[c.at]), ''].join(','));
  }
  for (const day of Object.keys(strengths).sort()) {
    for (const [id, replies] of byId(strengths[day])) {
      const name = STRENGTH_NAMES[id as StrengthId] ?? id;
      lines.push([day, 'strength', quote(id), quote(name), ...counts.map(() => ''), replies].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** Bars of underlines shown per day (solid: applied) for one category, oldest day left. */
function CategoryChart({ label, colour, category, perDay }: { label: string; colour: string; category: string; perDay: { day: string; shown: number; applied: number }[] }) {
  const max = Math.max(1, ...perDay.map((d) => d.shown));
  const step = CHART_WIDTH / perDay.length;
  const bar = Math.max(2, step * 0.7);
  const height = 56;
  const total = (k: 'shown' | 'applied') => perDay.reduce((n, d) => n + d[k], 0);
  return (
    <figure class="chart" data-category={category}>
      <figcaption>
        <strong>{label}</strong>: {total('shown')} shown, {total('applied')} applied
      </figcaption>
      <svg width={CHART_WIDTH} height={height + 16} role="img" aria-label={`${label}: underlines shown per day over the last ${perDay.length} days; peak ${max}`}>
        {perDay.map((d, i) => (
          <g>
            <title>{`${d.day}: ${d.shown} shown, ${d.applied} applied`}</title>
            <rect x={i * step} y={height - (d.shown / max) * height} width={bar} height={(d.shown / max) * height} fill={colour} opacity="0.35" rx="1" />
            <rect x={i * step} y={height - (d.applied / max) * height} width={bar} height={(d.applied / max) * height} fill={colour} rx="1" />
          </g>
        ))}
        <line x1="0" x2={CHART_WIDTH} y1={height + 0.5} y2={height + 0.5} stroke="#d0d5dd" />
        <text x="0" y={height + 13} font-size="10" fill="#667085">{perDay[0]?.day}</text>
        <text x={CHART_WIDTH} y={height + 13} font-size="10" fill="#667085" text-anchor="end">today</text>
        <text x={CHART_WIDTH} y="9" font-size="10" fill="#667085" text-anchor="end">{max}</text>
      </svg>
    </figure>
  );
}

/** How many replies showed each strength, in the last week and the whole window. */
function StrengthsTable({ strengths }: { strengths: StrengthDays }) {
  const recent = dayKey(Date.now() - (RECENT_DAYS - 1) * DAY_MS);
  const count = (id: string, since: string) => Object.entries(strengths).reduce((n, [day, byId]) => n + (day >= since ? (byId[id] ?? 0) : 0), 0);
  return (
    <section class="strengths" aria-labelledby="strengths-title">
      <h3 id="strengths-title">Done well</h3>
      <p class="muted">Replies that showed each strength, counted once per reply (strengths are never underlined).</p>
      <table class="stats">
        <thead>
          <tr>
            <th>Strength</th>
            <th class="count">Last {RECENT_DAYS} days</th>
            <th class="count">Last {STATS_DAYS} days</th>
          </tr>
        </thead>
        <tbody>
          {STRENGTH_IDS.map((id) => (
            <tr data-strength={id}>
              <td>{STRENGTH_NAMES[id]}</td>
              <td class="count recent">{count(id, recent)}</td>
              <td class="count total">{count(id, '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One rule's counts day by day, newest first. */
function PerDay({ rule, days }: { rule: string; days: Days }) {
  const rows = Object.keys(days)
    .filter((d) => days[d][rule])
    .sort()
    .reverse();
  return (
    <table class="per-day">
      <thead>
        <tr>
          <th>Day (UTC)</th>
          {COLUMNS.map((c) => (
            <th>{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr>
            <td>{d}</td>
            {COLUMNS.map((c) => (
              <td>{days[d][rule][c.at]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RuleName({ ruleId, info, days }: { ruleId: string; info: RuleInfo | undefined; days: Days }) {
  return (
    <details class="rule-name">
      <summary>
        {info ? info.message : <em>A rule no longer installed</em>} <span class="muted">{ruleId}</span>
      </summary>
      <PerDay rule={ruleId} days={days} />
    </details>
  );
}

export function StatsTab({ state }: { state: OptionsState }) {
  const [stats, setStats] = useState<StatsResponse | null>(null);
  useEffect(() => {
    void send({ type: 'stats' }).then((r) => {
      if (r.type === 'stats') setStats(r);
    });
  }, [state]);
  if (!stats) return <p>Loading…</p>;
  const { days } = stats;

  const rules = new Map(state.rules.map((r) => [r.ruleId, r]));
  const styleOf = categoryStyles(state);
  const categoryOf = (ruleId: string) => rules.get(ruleId)?.category ?? 'removed';
  const labelOf = (category: string) => (category === 'removed' ? { label: 'Rules no longer installed', colour: '#98a2b3' } : styleOf(category));
  const totals = new Map<string, StatCounts>();
  for (const byRule of Object.values(days)) {
    for (const [rule, counts] of Object.entries(byRule)) {
      const t = totals.get(rule) ?? [0, 0, 0, 0, 0];
      counts.forEach((n, i) => (t[i] += n));
      totals.set(rule, t);
    }
  }
  const range = chartDays(days, Date.now());
  const categories = [...new Set([...totals.keys()].map(categoryOf))].sort((a, b) => labelOf(a).label.localeCompare(labelOf(b).label));
  // Most shown first: the rules that come up most are the ones worth a look.
  const rows = [...totals].sort(([a, x], [b, y]) => y[0] - x[0] || a.localeCompare(b));

  return (
    <div>
      <div class="tab-actions">
        <p class="muted">Counted on this computer only: no draft text, no tickets, nothing sent anywhere. Last {STATS_DAYS} days.</p>
        <button type="button" id="export-csv" onClick={() => download('cando-statistics.csv', 'text/csv', statsCsv(days, stats.strengths, (id) => rules.get(id)?.message ?? ''))}>
          Export CSV
        </button>
      </div>
      <div class="charts">
        {categories.map((category) => (
          <CategoryChart
            category={category}
            {...labelOf(category)}
            perDay={range.map((day) => {
              const counts = Object.entries(days[day] ?? {}).filter(([r]) => categoryOf(r) === category);
              return { day, shown: counts.reduce((n, [, c]) => n + c[0], 0), applied: counts.reduce((n, [, c]) => n + c[1], 0) };
            })}
          />
        ))}
      </div>
      <table class="stats">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Category</th>
            {COLUMNS.map((c) => (
              <th class="count">{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([rule, counts]) => (
            <tr data-rule={rule}>
              <td>
                <RuleName ruleId={rule} info={rules.get(rule)} days={days} />
              </td>
              <td>
                <CategoryTag style={labelOf(categoryOf(rule))} id={categoryOf(rule)} />
              </td>
              {COLUMNS.map((c) => (
                <td class={`count ${c.key}`}>{counts[c.at]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {totals.size === 0 ? <p>No findings counted yet.</p> : null}
      <StrengthsTable strengths={stats.strengths} />
    </div>
  );
}
