// What the agent sees, rendered by Preact inside the overlay's shadow root: the underlines of one
// editor, clipped to the editor's visible box, and the suggestion card of the finding it opened.
import { useState } from 'preact/hooks';
import type { Finding } from '../../engine/types';
import { categoryStyle, LEGEND } from '../../shared/categories';
import type { Box } from './layout';

export const SHORTCUT_LABEL = 'Alt+Enter';

export interface Underline {
  finding: Finding;
  /** Boxes of the flagged text, relative to the clipping layer. */
  boxes: Box[];
}

export interface CardState {
  finding: Finding;
  /** Viewport position, or null until the card has been measured. */
  position: { left: number; top: number } | null;
  /** Shown instead of applying when the draft changed under the card. */
  notice: string | null;
  busy: boolean;
  /** Where the agent was typing when the card opened: the card keeps clear of it. */
  caret: number | null;
}

export interface CardActions {
  apply(suggestion: string): void;
  dismiss(): void;
  turnOff(): void;
  close(): void;
}

/** A handler that runs only for the agent's own input: a page's script cannot press our buttons. */
function trusted<E extends Event>(handler: () => void) {
  return (event: E) => {
    if (event.isTrusted) handler();
  };
}

const colourVar = (category: string) => ({ '--colour': categoryStyle(category).colour });

export function Layer(props: { clip: Box; underlines: Underline[]; active: Finding | null }) {
  const { clip } = props;
  return (
    <div class="layer" style={{ left: `${clip.left}px`, top: `${clip.top}px`, width: `${clip.right - clip.left}px`, height: `${clip.bottom - clip.top}px` }}>
      {props.underlines.flatMap(({ finding, boxes }) =>
        boxes.map((b, i) => (
          <div
            key={`${finding.ruleId}@${finding.start}:${i}`}
            class={finding === props.active ? 'underline active' : 'underline'}
            data-rule-id={finding.ruleId}
            data-category={finding.category}
            data-start={finding.start}
            style={{ ...colourVar(finding.category), left: `${b.left}px`, top: `${b.top}px`, width: `${b.right - b.left}px`, height: `${b.bottom - b.top}px` }}
          />
        )),
      )}
    </div>
  );
}

/** The first sentence of the explanation: the one-line why. */
const firstSentence = (text: string) => /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;

export function Card(props: { state: CardState; locked: boolean; actions: CardActions; id: string }) {
  const { finding, position, notice, busy } = props.state;
  const [expanded, setExpanded] = useState(false);
  const why = firstSentence(finding.explanation);
  const more = finding.explanation.slice(why.length).trim();
  const current = categoryStyle(finding.category);
  const style = { ...colourVar(finding.category), left: `${position?.left ?? 0}px`, top: `${position?.top ?? 0}px`, visibility: position ? 'visible' : 'hidden' };
  return (
    <div
      class="card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${props.id}-message`}
      aria-describedby={`${props.id}-why`}
      data-rule-id={finding.ruleId}
      tabIndex={-1}
      style={style}
    >
      <div class="head">
        <p class="message" id={`${props.id}-message`}>
          {finding.message}
        </p>
        <button type="button" class="close" aria-label="Close" title="Close (Esc)" onClick={trusted(props.actions.close)}>
          ×
        </button>
      </div>
      <p class="why" id={`${props.id}-why`}>
        {why}{' '}
        {more && (
          <button type="button" class="toggle" aria-expanded={expanded} onClick={trusted(() => setExpanded(!expanded))}>
            {expanded ? 'Less' : 'Why?'}
          </button>
        )}
      </p>
      {expanded && more && <p class="explanation">{more}</p>}
      {finding.suggestions.length > 0 && (
        <ul class="suggestions" aria-label="Suggestions">
          {finding.suggestions.map((s) => (
            <li key={s}>
              <button
                type="button"
                class="suggestion"
                disabled={busy}
                aria-label={s ? `Replace “${finding.text}” with “${s}”` : `Remove “${finding.text}”`}
                onClick={trusted(() => props.actions.apply(s))}
              >
                {s || <em>Remove “{finding.text}”</em>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      <div class="actions">
        <button type="button" class="action dismiss" disabled={busy} onClick={trusted(props.actions.dismiss)}>
          Dismiss
        </button>
        {!props.locked && (
          <button type="button" class="action turn-off" disabled={busy} onClick={trusted(props.actions.turnOff)}>
            Turn off this rule
          </button>
        )}
      </div>
      <ul class="legend" aria-label="Underline colours">
        {LEGEND.map((c) => (
          <li key={c.label} class={c === current ? 'current' : undefined}>
            <span class="swatch" style={{ '--colour': c.colour }} aria-hidden="true" />
            {c.label}
          </li>
        ))}
      </ul>
      <div class="shortcut">{SHORTCUT_LABEL} opens this card from the caret · Esc closes</div>
    </div>
  );
}
