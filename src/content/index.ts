// Content script: finds the help desk's reply editors and coaches the draft in place.
// Runs in every frame of a help-desk tab; the top frame's script coaches its document, the open
// shadow roots in it and the same-origin iframes it can reach, so a frame's own script steps back
// when the top can reach it. When the extension is reloaded or updated, the new script (injected
// by the background into open tabs) takes over and the old one removes its UI quietly.
import { CONTENT_ANSWERS, parseTabMessage, type ReplyCheckResponse, type TabMessage, type TabStatusResponse } from '../shared/protocol';
import { adaptersFor } from './adapters';
import { EditorSession } from './editor-session';
import { MIRROR_TAG } from './field-rects';
import { mountOverlay } from './overlay';
import { isOverlayHost, removeLeftoverHosts } from './overlay/host';
import { BackgroundClient } from '../shared/client';
import { EditorWatcher, type OwnMarkup } from './watcher';

/** A new content script announces itself with this DOM event: older ones tear down. */
const TAKEOVER_EVENT = 'cando:content-takeover';
/** How long an older script waits for its extension to answer before it gives way to the new one. */
const TAKEOVER_PING_MS = 1500;
/** What CanDo itself puts in a page: the overlay host, and the mirror that measures text fields. */
const OWN_MARKUP: OwnMarkup = {
  isOurs: (node) => isOverlayHost(node) || node.nodeName === MIRROR_TAG.toUpperCase(),
  removeLeftovers: removeLeftoverHosts,
};

/** The running instance, in this isolated world, for a script injected again into the same world. */
const INSTANCE_KEY = '__candoContentScript';

interface Instance {
  alive(): boolean;
  stop(): void;
}

/** True when the top frame's script can reach this frame's document through same-origin parents. */
function reachableFromTop(): boolean {
  let w: Window = window;
  while (w !== w.parent) {
    try {
      void w.parent.document;
    } catch {
      return false;
    }
    w = w.parent;
  }
  return w !== window;
}

function main(): void {
  const global = globalThis as { [INSTANCE_KEY]?: Instance };
  const previous = global[INSTANCE_KEY];
  if (previous?.alive()) return;
  previous?.stop();
  if (reachableFromTop()) return;

  const controller = new AbortController();
  const { signal } = controller;
  const runtime = new BackgroundClient(CONTENT_ANSWERS);
  const stop = () => controller.abort();
  runtime.onDead(stop);
  global[INSTANCE_KEY] = { alive: () => runtime.alive && !signal.aborted, stop };

  // The newest script wins: an older one (dead after an update) stops and removes its UI. Any page
  // can dispatch this event too, so a script stops only when its own extension no longer answers.
  document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
  document.addEventListener(TAKEOVER_EVENT, () => {
    if (!runtime.alive) stop();
    else void runtime.send({ type: 'ping' }, TAKEOVER_PING_MS).then((answer) => answer.type === 'pong' || stop());
  }, { signal });

  let focused: EditorSession | null = null;
  const watcher = new EditorWatcher(
    adaptersFor(new URL(location.href)),
    (element, adapter, editorSignal) => {
      const session = new EditorSession(element, adapter, runtime, editorSignal);
      element.addEventListener('focusin', () => (focused = session), { signal: editorSignal });
      editorSignal.addEventListener('abort', () => {
        if (focused === session) focused = null;
      });
      mountOverlay(session, editorSignal);
      return session;
    },
    OWN_MARKUP,
    signal,
  );

  const status = (sessions: EditorSession[]): TabStatusResponse => ({
    type: 'tab-status',
    active: runtime.alive,
    paused: sessions.some((s) => s.isPaused),
    editors: sessions.length,
    focusedFindings: focused?.findings.length ?? 0,
  });
  /** The reply check of the draft the agent is writing: the focused editor's, or the only one's. */
  const replyCheck = (sessions: EditorSession[]): ReplyCheckResponse | undefined => {
    const session = focused ?? (sessions.length === 1 ? sessions[0] : undefined);
    return session && { type: 'reply-check', paused: session.isPaused, empty: session.read().text.trim() === '', findings: session.findings, strengths: session.strengths };
  };
  const onMessage = (message: TabMessage) => {
    const sessions = [...watcher.sessions()];
    switch (message.type) {
      case 'refresh':
        for (const session of sessions) session.refresh();
        return undefined;
      case 'tab-status':
        // Only one frame's answer reaches the popup: the top frame, or a frame that coaches editors.
        return window === window.top || sessions.length > 0 ? status(sessions) : undefined;
      case 'reply-check':
        // Only a frame with a draft to check answers.
        return replyCheck(sessions);
    }
  };
  signal.addEventListener('abort', runtime.listen(onMessage, parseTabMessage));
  watcher.watch(document);
}

main();
