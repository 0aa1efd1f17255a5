// The one client of the background, for content scripts, the options page and the popup alike:
// every answer is checked with the protocol's response parser, a send that fails while a stopped
// background starts is tried again, and a caller may set a timeout. When the extension is
// reloaded or updated, an old content script stays in the page with a dead runtime: every call then
// fails. Instead of throwing into the help desk's page, the first failure marks the runtime dead and
// runs `onDead` (teardown).
import { parseResponse, type AnswerParsers, type Failure, type RequestOf, type RequestType, type ResponseFor, type TabMessage } from './protocol';

interface RuntimeApi {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown, sender: unknown, sendResponse: (r: unknown) => void) => boolean | undefined | Promise<unknown>): void;
    removeListener(listener: (...args: never[]) => unknown): void;
  };
}

// Firefox offers the promise-based `browser`; Chrome's MV3 `chrome.runtime` returns promises too.
const api = (): RuntimeApi | undefined => {
  const g = globalThis as { browser?: { runtime?: RuntimeApi }; chrome?: { runtime?: RuntimeApi } };
  return g.browser?.runtime ?? g.chrome?.runtime;
};

/**
 * A stopped MV3 service worker, or a Firefox event page unloaded when idle, is started by the next
 * message, but sends fail while it starts (Firefox rejects the message that wakes it with "Receiving
 * end does not exist", and on a busy machine the start takes seconds): a failed send is tried again
 * after each of these pauses.
 */
const RETRY_DELAYS_MS = [150, 400, 1000, 2000];

const failure = (message: string): Failure => ({ type: 'error', message });
const NO_ANSWER = failure('CanDo’s background did not answer.');
const GONE = failure('CanDo was updated or switched off: reload the page.');

/** A client for the requests in `contracts` (a content script's client carries only the content requests' answer parsers). */
export class BackgroundClient<K extends RequestType> {
  private dead = false;
  private readonly deadListeners: (() => void)[] = [];

  constructor(private readonly contracts: AnswerParsers<K>) {}

  get alive(): boolean {
    if (this.dead) return false;
    try {
      return Boolean(api()?.id);
    } catch {
      return false;
    }
  }

  onDead(listener: () => void): void {
    this.deadListeners.push(listener);
  }

  /**
   * Sends a request and checks the answer. Never rejects: no answer, none within `timeoutMs` (a
   * script left behind by an add-on update may get no answer at all, not even an error), or a
   * malformed one all come back as a Failure for the caller to show or ignore.
   */
  async send<T extends K>(request: RequestOf<T>, timeoutMs?: number): Promise<ResponseFor[T] | Failure> {
    let lastError = NO_ANSWER;
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (!this.alive) {
        this.die();
        return GONE;
      }
      try {
        const answer = api()!.sendMessage(request);
        const raw = timeoutMs === undefined ? await answer : await Promise.race([answer, new Promise<undefined>((resolve) => setTimeout(resolve, timeoutMs))]);
        return parseResponse(this.contracts, request, raw) ?? NO_ANSWER;
      } catch (e) {
        if (!this.alive) {
          this.die();
          return GONE;
        }
        lastError = failure(e instanceof Error ? e.message : String(e));
        if (attempt < RETRY_DELAYS_MS.length) await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
      }
    }
    return lastError;
  }

  /** Answers tab messages (already parsed) from the background or popup. */
  listen(handler: (message: TabMessage) => unknown, parse: (raw: unknown) => TabMessage | null): () => void {
    // sendResponse (not a returned promise) works in both Chrome and Firefox.
    const listener = (raw: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const message = parse(raw);
      if (!message || !this.alive) return undefined;
      const answer = handler(message);
      if (answer === undefined) return undefined;
      sendResponse(answer);
      return undefined;
    };
    api()?.onMessage.addListener(listener);
    return () => {
      try {
        api()?.onMessage.removeListener(listener);
      } catch {
        // The runtime is already gone, and its listeners with it.
      }
    };
  }

  private die(): void {
    if (this.dead) return;
    this.dead = true;
    for (const listener of this.deadListeners.splice(0)) listener();
  }
}
