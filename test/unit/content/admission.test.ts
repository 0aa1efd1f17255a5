// Admission sequences without a browser: which editors are dormant, waiting or coached as the page
// fills them, the agent scrolls and types, and the limit of coached editors is reached. The page
// (views, focus, drafts) and the clock are fakes the tests drive.
import { Admission, LOOK_INTERVAL_MS, MAX_LIVE_EDITORS, RECHECK_MS, type Clock } from '../../../src/content/admission';

interface Editor {
  name: string;
  draft: string;
  connected: boolean;
  editable: boolean;
  focused: boolean;
}

const editor = (name: string, draft = 'Sorry, we can’t.'): Editor => ({ name, draft, connected: true, editable: true, focused: false });

/** A clock whose timers run when the test moves time on. */
class FakeClock implements Clock {
  now = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  setTimeout(run: () => void, ms: number): unknown {
    this.timers.set(this.next, { at: this.now + ms, run });
    return this.next++;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
    }
    this.now = end;
  }
}

/** The page around an Admission: which editors the agent can see, what was probed, and what is coached. */
function setUp() {
  const clock = new FakeClock();
  const visible = new Set<Editor>();
  const followed = new Set<Editor>();
  const probes: Editor[][] = [];
  const rested: Editor[] = [];
  const controller = new AbortController();
  let wakes = 0;
  const admission: Admission<Editor, string, string> = new Admission<Editor, string, string>(
    {
      inView: (el) => visible.has(el),
      probingNow: false,
      probe: (els) => void probes.push([...els]),
      follow: (el) => void followed.add(el),
      unfollow: (el) => void followed.delete(el),
    },
    {
      isBlank: (el) => el.draft.trim() === '',
      isUsable: (el) => el.connected && el.editable,
      isConnected: (el) => el.connected,
      hasAgent: (el) => el.focused,
      rested: (el) => void rested.push(el),
    },
    clock,
    (el, adapter, signal) => {
      signal.addEventListener('abort', () => void stopped.push(el.name));
      return `${adapter}:${el.name}`;
    },
    () => void wakes++,
    controller.signal,
  );
  const stopped: string[] = [];
  const coached = () => [...admission.sessions()].map((s) => s.split(':')[1]).sort();
  /** The browser answers the pending probes with what is visible, then the admission starts whatever it can. */
  const answerProbes = () => {
    for (const el of probes.splice(0).flat()) admission.seen(el, visible.has(el));
    admission.looked();
    // The watcher's slices: one start each, until nothing is left to start or no place is free.
    for (let result = admission.startNext(); result === 'started' || result === 'skipped'; result = admission.startNext());
  };
  return { admission, clock, visible, followed, probes, rested, stopped, coached, answerProbes, controller, wakes: () => wakes };
}

test('an empty editor rests: nothing runs for it', () => {
  const page = setUp();
  const empty = editor('a', '  ');
  page.admission.found(empty, 'generic', false);
  page.clock.advance(RECHECK_MS * 2);
  expect(page.coached()).toEqual([]);
  expect(page.probes).toEqual([]);
  expect(page.admission.isDormant(empty)).toBe(true);
  expect(page.rested).toEqual([empty]);
});

test('the first editor found holding a draft is probed at once', () => {
  const page = setUp();
  const a = editor('a');
  page.admission.found(a, 'generic', false);
  expect(page.probes).toEqual([]);
  page.clock.advance(0);
  expect(page.probes).toEqual([[a]]);
  expect(page.coached()).toEqual([]);
});

test('a waiting editor starts once a probe sees it in view', () => {
  const page = setUp();
  const a = editor('a');
  page.visible.add(a);
  page.admission.found(a, 'generic', false);
  page.clock.advance(0);
  page.answerProbes();
  expect(page.coached()).toEqual(['a']);
  expect(page.followed.has(a)).toBe(true);
  expect(page.admission.isDormant(a)).toBe(false);
});

test('a waiting editor out of view is probed again every RECHECK_MS', () => {
  const page = setUp();
  const a = editor('a');
  page.admission.found(a, 'generic', false);
  page.clock.advance(0);
  page.answerProbes();
  expect(page.coached()).toEqual([]);
  page.clock.advance(RECHECK_MS - 1);
  expect(page.probes).toEqual([]);
  page.clock.advance(1);
  expect(page.probes).toEqual([[a]]);
});

test('scrolling coalesces into one look after LOOK_INTERVAL_MS', () => {
  const page = setUp();
  const a = editor('a');
  page.admission.found(a, 'generic', false);
  page.clock.advance(0);
  page.answerProbes();
  for (let i = 0; i < 5; i++) {
    page.admission.lookSoon();
    page.clock.advance(LOOK_INTERVAL_MS / 2);
  }
  expect(page.probes).toEqual([]);
  page.clock.advance(LOOK_INTERVAL_MS / 2);
  expect(page.probes).toEqual([[a]]);
});

test('an editor the agent is in when found starts at once, in view or not', () => {
  const page = setUp();
  const a = editor('a', '');
  page.admission.found(a, 'generic', true);
  expect(page.coached()).toEqual(['a']);
});

test('focusing a dormant editor starts it at once', () => {
  const page = setUp();
  const a = editor('a', '');
  page.admission.found(a, 'generic', false);
  page.admission.entered(a);
  expect(page.coached()).toEqual(['a']);
});

test('an editor that stopped being editable does not start when entered', () => {
  const page = setUp();
  const a = editor('a', '');
  page.admission.found(a, 'generic', false);
  a.editable = false;
  page.admission.entered(a);
  expect(page.coached()).toEqual([]);
});

test('a dormant editor the page fills waits to be seen like any editor with a draft', () => {
  const page = setUp();
  const a = editor('a', '');
  page.visible.add(a);
  page.admission.found(a, 'generic', false);
  page.admission.mayBeFilled(a);
  expect(page.admission.isDormant(a)).toBe(true);
  a.draft = 'Loaded draft.';
  page.admission.mayBeFilled(a);
  expect(page.admission.isDormant(a)).toBe(false);
  page.clock.advance(0);
  page.answerProbes();
  expect(page.coached()).toEqual(['a']);
});

/** MAX_LIVE_EDITORS editors in view and coached, plus `extra` more with drafts, out of view. */
function fullPage(extra: number) {
  const page = setUp();
  const live = Array.from({ length: MAX_LIVE_EDITORS }, (_, i) => editor(`live${i}`));
  const more = Array.from({ length: extra }, (_, i) => editor(`more${i}`));
  for (const el of live) page.visible.add(el);
  for (const el of [...live, ...more]) page.admission.found(el, 'generic', false);
  page.clock.advance(0);
  page.answerProbes();
  return { ...page, live, more };
}

test('no more than MAX_LIVE_EDITORS editors are coached while all of them stay in view', () => {
  const page = fullPage(2);
  expect(page.coached()).toHaveLength(MAX_LIVE_EDITORS);
  page.visible.add(page.more[0]);
  page.admission.lookSoon();
  page.clock.advance(LOOK_INTERVAL_MS);
  page.answerProbes();
  expect(page.coached()).toEqual(page.live.map((e) => e.name).sort());
  expect(page.admission.startNext()).toBe('blocked');
});

test('a coached editor that leaves the view gives its place to one coming into view, the least recently seen first', () => {
  const page = fullPage(1);
  const [first, second] = page.live;
  page.visible.delete(first);
  page.visible.delete(second);
  page.admission.seen(second, false);
  page.admission.seen(first, false);
  page.visible.add(page.more[0]);
  page.admission.lookSoon();
  page.clock.advance(LOOK_INTERVAL_MS);
  page.answerProbes();
  expect(page.stopped).toEqual([first.name]);
  expect(page.coached()).toContain(page.more[0].name);
  expect(page.coached()).toContain(second.name);
});

/** The first two coached editors scroll out of view (the second one emptied) and give their places to two coming in. */
function twoGiveTheirPlaces() {
  const page = fullPage(2);
  const [first, second] = page.live;
  second.draft = '';
  for (const el of [first, second]) page.visible.delete(el);
  for (const el of page.more) page.visible.add(el);
  page.admission.lookSoon();
  page.clock.advance(LOOK_INTERVAL_MS);
  page.answerProbes();
  expect(page.stopped.sort()).toEqual([first.name, second.name]);
  return { ...page, first, second };
}

test('an editor holding a draft that gave its place waits again', () => {
  const page = twoGiveTheirPlaces();
  expect(page.admission.isDormant(page.first)).toBe(false);
  expect(page.admission.knows(page.first)).toBe(true);
});

test('an empty editor that gave its place rests', () => {
  const page = twoGiveTheirPlaces();
  expect(page.admission.isDormant(page.second)).toBe(true);
});

test('the editor the agent types in takes the place of the least recently seen one the agent is not in', () => {
  const page = fullPage(1);
  page.live[0].focused = true;
  page.admission.entered(page.more[0]);
  expect(page.stopped).toEqual([page.live[1].name]);
  expect(page.coached()).toContain(page.more[0].name);
});

test('seeing a coached editor again makes it the last to give its place', () => {
  const page = fullPage(1);
  page.admission.seen(page.live[0], true);
  page.admission.entered(page.more[0]);
  expect(page.stopped).toEqual([page.live[1].name]);
});

test('an editor the agent is in is never stopped to make room', () => {
  const page = fullPage(1);
  for (const el of page.live) el.focused = true;
  page.admission.entered(page.more[0]);
  expect(page.stopped).toEqual([]);
  expect(page.coached()).toHaveLength(MAX_LIVE_EDITORS + 1);
});

test('an editor that scrolled out of view before its turn does not start', () => {
  const page = setUp();
  const a = editor('a');
  page.visible.add(a);
  page.admission.found(a, 'generic', false);
  page.clock.advance(0);
  for (const el of page.probes.splice(0).flat()) page.admission.seen(el, true);
  page.admission.lookSoon();
  expect(page.admission.startNext()).toBe('none');
  expect(page.coached()).toEqual([]);
});

test('a coached editor that left the page is torn down', () => {
  const page = fullPage(0);
  page.live[0].connected = false;
  page.admission.dropGone();
  expect(page.stopped).toEqual([page.live[0].name]);
  expect(page.followed.has(page.live[0])).toBe(false);
});

test('a waiting editor that left the page is forgotten', () => {
  const page = fullPage(1);
  page.more[0].connected = false;
  page.admission.dropGone();
  expect(page.admission.knows(page.more[0])).toBe(false);
});

test('stopWhere stops only the editors it picks', () => {
  const page = fullPage(0);
  page.admission.stopWhere((el) => el.name === 'live3');
  expect(page.stopped).toEqual(['live3']);
});

test('aborting ends all coaching: no session, no waiting editor, no timer', () => {
  const page = fullPage(1);
  page.controller.abort();
  expect(page.stopped).toHaveLength(MAX_LIVE_EDITORS);
  expect(page.coached()).toEqual([]);
  expect(page.admission.knows(page.more[0])).toBe(false);
  page.clock.advance(RECHECK_MS * 2);
  expect(page.probes).toEqual([]);
});

test('a view answer with editors to start asks for a slice', () => {
  const page = setUp();
  const a = editor('a');
  page.admission.found(a, 'generic', false);
  page.admission.seen(a, true);
  expect(page.wakes()).toBe(1);
});
