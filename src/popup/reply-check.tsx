// The reply check: what the draft being written does well (strengths, never underlined) next to
// what is left to fix before sending (its findings, gaps from suggestions first).
import type { CheckItem, ReplyCheckResponse } from '../shared/protocol';

/** What a reply that lands well does, for a draft with no strength yet. */
const STRENGTH_HINT = "Replies land well when they own the next step with a time, apologise for something specific, say what you can do, use the customer's name and answer each question.";

/** Gaps and other errors first (they must not reach the customer), then in the draft's order. */
const bySeverity = (a: CheckItem, b: CheckItem) => Number(b.severity === 'error') - Number(a.severity === 'error');

export function ReplyCheck({ check }: { check: ReplyCheckResponse | null }) {
  if (!check) return <p class="muted" id="check-none">Click in the reply you want to check, then check again.</p>;
  if (check.paused) return <p class="muted" id="check-none">Coaching is paused on this site: resume it to check this reply.</p>;
  if (check.empty) return <p class="muted" id="check-none">This reply is empty: write it, then check it.</p>;
  const fixes = [...check.findings].sort(bySeverity);
  return (
    <>
      <h3>Done well</h3>
      {check.strengths.length ? (
        <ul class="strengths">
          {check.strengths.map((s) => (
            <li data-strength={s.id}>
              <strong>{s.label}</strong>
              {/* answers-questions carries a count, not words of the draft */}
              {s.id !== 'answers-questions' && <q>{s.text}</q>}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted" id="no-strengths">{STRENGTH_HINT}</p>
      )}
      <h3>Fix before sending</h3>
      {fixes.length ? (
        <ul class="fixes">
          {fixes.map((f) => (
            <li data-rule-id={f.ruleId} data-severity={f.severity}>
              {f.message} <q>{f.text}</q>
            </li>
          ))}
        </ul>
      ) : (
        <p id="ready">Nothing to fix: ready to send.</p>
      )}
    </>
  );
}
