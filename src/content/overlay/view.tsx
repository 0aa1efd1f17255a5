// What the agent sees, rendered by Preact inside the overlay's shadow root: the underlines of one
// editor, clipped to the editor's visible box, and the suggestion card of the finding it opened.
import type { Finding, Rewrite } from '../../engine/types';
import { categoryStyle, LEGEND, OTHER, SEVERITY_LABEL } from '../../shared/categories';
import { previewOf, type CardGroup } from './cards';
import type { Box } from './layout';

export const SHORTCUT_LABEL = 'Alt+Enter';
/** The manifest's default key of the reply check (`check-reply`): the card points to it, it cannot open the popup itself. */
export const REPLY_CHECK_LABEL = 'Alt+Shift+K';

export interface Underline {
  finding: Finding;
  /** Boxes of the flagged text, relative to the clipping layer. */
  boxes: Box[];
}

export interface CardState {
  /** The findings the card covers and what it offers. */
  group: CardGroup;
  /** The one the agent opened it on: its colour. */
  finding: Finding;
  /** Viewport position, or null until the card has been measured. */
  position: { left: number; top: number } | null;
  /** Shown instead of applying when the draft changed under the card. */
  notice: string | null;
  busy: boolean;
  /** Where the agent was typing when the card opened: the card keeps clear of it. */
  caret: number | null;
  /** One finding of each rule the agent turned off from this card (it then offers Undo); empty until then. */
  turnedOff: Finding[];
  /** The whole explanation shows ("Why?"), not only its first sentence. */
  expanded: boolean;
}

export interface CardActions {
  apply(choice: Rewrite): void;
  dismiss(): void;
  turnOff(): void;
  undoTurnOff(): void;
  close(): void;
  /** Shows or hides the whole explanation. */
  toggle(): void;
}

/** A handler that runs only for the agent's own input: a page's script cannot press our buttons. */
function trusted<E extends Event>(handler: () => void) {
  return (event: E) => {
    if (event.isTrusted) handler();
  };
}

const styleOf = (finding: Finding) => categoryStyle(finding.category, finding.categoryStyle);
const colourVar = (finding: Finding) => ({ '--colour': styleOf(finding).colour });

export function Layer(props: { clip: Box; underlines: Underline[]; active: readonly Finding[] }) {
  const { clip } = props;
  return (
    <div class="layer" style={{ left: `${clip.left}px`, top: `${clip.top}px`, width: `${clip.right - clip.left}px`, height: `${clip.bottom - clip.top}px` }}>
      {props.underlines.flatMap(({ finding, boxes }) =>
        boxes.map((b, i) => (
          <div
            key={`${finding.ruleId}@${finding.start}:${i}`}
            class={`underline ${finding.severity}${props.active.includes(finding) ? ' active' : ''}`}
            data-rule-id={finding.ruleId}
            data-category={finding.category}
            data-severity={finding.severity}
            data-start={finding.start}
            style={{ ...colourVar(finding), left: `${b.left}px`, top: `${b.top}px`, width: `${b.right - b.left}px`, height: `${b.bottom - b.top}px` }}
          />
        )),
      )}
    </div>
  );
}

/** The first sentence of the explanation: the one-line why. */
const firstSentence = (text: string) => /^.*?[.!?](?=\s|$)/s.exec(text)?.[0] ?? text;

/** The card after "Turn off": what happened, Undo, and where the switch lives. */
function TurnedOff(props: { off: Finding[]; busy: boolean; actions: CardActions; id: string }) {
  return (
    <>
      <div class="head">
        <p class="message" id={`${props.id}-message`} role="status">
          Rule{props.off.length > 1 && 's'} turned off
        </p>
        <button type="button" class="close" aria-label="Close" title="Close (Esc)" onClick={trusted(props.actions.close)}>
          ×
        </button>
      </div>
      <p class="why" id={`${props.id}-why`}>
        Off on every ticket: {props.off.map((f) => `“${f.message}” `)}To turn back on later: CanDo’s toolbar button › Settings › Rules.
      </p>
      <div class="actions">
        <button type="button" class="action undo" disabled={props.busy} onClick={trusted(props.actions.undoTurnOff)}>
          Undo
        </button>
      </div>
    </>
  );
}

/**
 * The card: the problems it covers, why, and the sentence before and after each choice (the words
 * it changes marked), so the agent sees the result before clicking. `text` is the draft now;
 * `switchable`, how many unlocked rules the problems it names have ("Turn off" switches them all off).
 */
export function Card(props: { state: CardState; text: string; legend: boolean; switchable: number; actions: CardActions; id: string }) {
  const { group, finding, position, notice, busy, expanded } = props.state;
  // The one-line why of the first problem; the rest, and the other problems' reasons, under "Why?".
  const explanation = group.findings.map((f) => f.explanation).join(' ');
  const why = firstSentence(explanation);
  const more = explanation.slice(why.length).trim();
  const previews = group.choices.map((c) => previewOf(props.text, c));
  const current = styleOf(finding);
  // The legend's "Other" entry names the pack's own category when the finding has one.
  const legend = LEGEND.includes(current) ? LEGEND : LEGEND.map((c) => (c === OTHER ? current : c));
  const style = { ...colourVar(finding), left: `${position?.left ?? 0}px`, top: `${position?.top ?? 0}px`, visibility: position ? 'visible' : 'hidden' };
  const alert = notice && (
    <p class="notice" role="alert">
      {notice}
    </p>
  );
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
      {props.state.turnedOff.length ? (
        <>
          <TurnedOff off={props.state.turnedOff} busy={busy} actions={props.actions} id={props.id} />
          {alert}
        </>
      ) : (
        <>
          <div class="head">
            <p class="message" id={`${props.id}-message`}>
              {[finding, ...group.findings.filter((f) => f !== finding)].map((f, i) => (
                <span key={i} class="problem">
                  {i > 0 && ' '}
                  {f.message}
                </span>
              ))}
            </p>
            <span class={`severity ${finding.severity}`}>{SEVERITY_LABEL[finding.severity]}</span>
            <button type="button" class="close" aria-label="Close" title="Close (Esc)" onClick={trusted(props.actions.close)}>
              ×
            </button>
          </div>
          <p class="why" id={`${props.id}-why`}>
            {why}{' '}
            {more && (
              <button type="button" class="toggle" aria-expanded={expanded} onClick={trusted(props.actions.toggle)}>
                {expanded ? 'Less' : 'Why?'}
              </button>
            )}
          </p>
          {expanded && more && <p class="explanation">{more}</p>}
          {previews.length > 0 && (
            <>
              <p class="before">
                {previews[0].before}
                <del>{previews[0].removed}</del>
                {previews[0].after}
              </p>
              <ul class="suggestions" aria-label="Suggestions">
                {previews.map((p, i) => (
                  <li key={p.inserted}>
                    <button
                      type="button"
                      class="suggestion"
                      disabled={busy}
                      onClick={trusted(() => props.actions.apply(group.choices[i]))}
                    >
                      {p.before}
                      <ins>{p.inserted}</ins>
                      {p.after}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {alert}
          <div class="actions">
            <button type="button" class="action dismiss" disabled={busy} onClick={trusted(props.actions.dismiss)}>
              Dismiss
            </button>
            {props.switchable > 0 && (
              <button type="button" class="action turn-off" disabled={busy} onClick={trusted(props.actions.turnOff)}>
                Turn off {props.switchable > 1 ? 'these rules' : 'this rule'}
              </button>
            )}
          </div>
          {props.legend && (
            <ul class="legend" aria-label="Underline colours">
              {legend.map((c) => (
                <li key={c.label} class={c === current ? 'current' : undefined}>
                  <span class="swatch" style={{ '--colour': c.colour }} aria-hidden="true" />
                  {c.label}
                </li>
              ))}
            </ul>
          )}
          <div class="shortcut">{SHORTCUT_LABEL} opens this card from the caret · {REPLY_CHECK_LABEL} checks the reply · Esc closes</div>
        </>
      )}
    </div>
  );
}
