// Statistics: local counts per rule (shown, applied, dismissed, switched off) for the last 90 days,
// a small chart per category, and a CSV export. Nothing here is sent anywhere.
import { useEffect, useState } from 'preact/hooks';
import type { OptionsState, StatsResponse } from '../shared/protocol';
import { dayKey, STATS_DAYS } from '../shared/settings';
import { categoryStyle } from '../shared/categories';
import { download, send } from './api';

const EVENTS = ['shown', 'applied', 'dismissed', 'switched off'] as const;
type Days = StatsResponse['days'];

/** The last 90 UTC days, oldest first. */
function dayRange(now: number): string[] {
  return Array.from({ length: STATS_DAYS }, (_, i) => dayKey(now - (STATS_DAYS - 1 - i) * 86_400_000));
}

export function statsCsv(days: Days): string {
  const lines = ['date,rule,shown,applied,dismissed,switched_off'];
  for (const day of Object.keys(days).sort()) {
    for (const [rule, counts] of Object.entries(days[day]).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push([day, `"${rule.replace(/"/g, '""')}"`, ...counts].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** Bars of findings shown per day (darker: applied) for one category, oldest day left. */
function CategoryChart({ category, perDay }: { category: string; perDay: { day: string; shown: number; applied: number }[] }) {
  const max = Math.max(1, ...perDay.map((d) => d.shown));
  const barWidth = 4;
  const height = 48;
  const colour = categoryStyle(category).colour;
  return (
    <figure class="chart" data-category={category}>
      <figcaption>
        <strong>{category}</strong>: {perDay.reduce((n, d) => n + d.shown, 0)} shown, {perDay.reduce((n, d) => n + d.applied, 0)} applied
      </figcaption>
      <svg width={perDay.length * barWidth} height={height + 14} role="img" aria-label={`${category} findings per day, last ${STATS_DAYS} days; peak ${max}`}>
        {perDay.map((d, i) => (
          <g>
            <title>{`${d.day}: ${d.shown} shown, ${d.applied} applied`}</title>
            <rect x={i * barWidth} y={height - (d.shown / max) * height} width={barWidth - 1} height={(d.shown / max) * height} fill={colour} opacity="0.35" />
            <rect x={i * barWidth} y={height - (d.applied / max) * height} width={barWidth - 1} height={(d.applied / max) * height} fill={colour} />
          </g>
        ))}
        <line x1="0" x2={perDay.length * barWidth} y1={height + 0.5} y2={height + 0.5} stroke="#98a2b3" />
        <text x="0" y={height + 12} font-size="10" fill="#667085">{perDay[0]?.day}</text>
        <text x={perDay.length * barWidth} y={height + 12} font-size="10" fill="#667085" text-anchor="end">today</text>
      </svg>
    </figure>
  );
}

/** One rule's counts day by day, newest first. */
function PerDay({ rule, days }: { rule: string; days: Days }) {
  const rows = Object.keys(days)
    .filter((d) => days[d][rule])
    .sort()
    .reverse();
  return (
    <details class="per-day">
      <summary>
        <code>{rule}</code>
      </summary>
      <table>
        <tbody>
          {rows.map((d) => (
            <tr>
              <td>{d}</td>
              {days[d][rule].map((n) => (
                <td>{n}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function StatsTab({ state }: { state: OptionsState }) {
  const [days, setDays] = useState<Days | null>(null);
  useEffect(() => {
    void send({ type: 'stats' }).then((r) => {
      if (r.type === 'stats') setDays(r.days);
    });
  }, [state]);
  if (!days) return <p>Loading…</p>;

  const categoryOf = new Map(state.rules.map((r) => [r.ruleId, r.category]));
  const totals = new Map<string, number[]>();
  for (const rules of Object.values(days)) {
    for (const [rule, counts] of Object.entries(rules)) {
      const t = totals.get(rule) ?? [0, 0, 0, 0];
      counts.forEach((n, i) => (t[i] += n));
      totals.set(rule, t);
    }
  }
  const range = dayRange(Date.now());
  const categories = [...new Set([...totals.keys()].map((r) => categoryOf.get(r) ?? 'removed rules'))].sort();

  return (
    <div>
      <p class="muted">Counted on this computer only: no draft text, no tickets, nothing sent anywhere. Last {STATS_DAYS} days.</p>
      <button type="button" id="export-csv" onClick={() => download('cando-statistics.csv', 'text/csv', statsCsv(days))}>
        Export CSV
      </button>
      <div class="charts">
        {categories.map((category) => (
          <CategoryChart
            category={category}
            perDay={range.map((day) => {
              const rules = Object.entries(days[day] ?? {}).filter(([r]) => (categoryOf.get(r) ?? 'removed rules') === category);
              return { day, shown: rules.reduce((n, [, c]) => n + c[0], 0), applied: rules.reduce((n, [, c]) => n + c[1], 0) };
            })}
          />
        ))}
      </div>
      <table class="stats">
        <thead>
          <tr>
            <th>Rule</th>
            {EVENTS.map((e) => (
              <th>{e}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...totals].sort(([a], [b]) => a.localeCompare(b)).map(([rule, counts]) => (
            <tr data-rule={rule}>
              <td>
                <PerDay rule={rule} days={days} />
              </td>
              {counts.map((n, i) => (
                <td class={EVENTS[i].replace(' ', '-')}>{n}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {totals.size === 0 ? <p>No findings counted yet.</p> : null}
    </div>
  );
}
