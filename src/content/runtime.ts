// The content script's line to the background. When the extension is reloaded or updated the old
// content script stays in the page with a dead runtime: every call then fails. Instead of throwing
// into the help desk's page, the first failure marks the runtime dead and runs `onDead` (teardown).
import type { Request, ResponseFor, TabMessage } from '../shared/protocol';

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

/** A stopped MV3 service worker is started again by the next message; while it starts, a send can fail once. */
const RETRY_DELAY_MS = 150;

export class Runtime {
  private dead = false;
  private readonly deadListeners: (() => void)[] = [];

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
   * Sends a request; resolves null (never rejects) when no answer came, or none within `timeoutMs`
   * (a script left behind by an add-on update may get no answer at all, not even an error).
   */
  async send<R extends Request>(request: R, timeoutMs?: number): Promise<ResponseFor[R['type']] | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.alive) {
        this.die();
        return null;
      }
      try {
        const answer = api()!.sendMessage(request) as Promise<ResponseFor[R['type']]>;
        if (timeoutMs === undefined) return await answer;
        return await Promise.race([answer, new Promise<null>((resolve) => setTimeout(resolve, timeoutMs, null))]);
      } catch {
        if (!this.alive) {
          this.die();
          return null;
        }
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
      }
    }
    return null;
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
