// The background client's retries: a background that is starting (a stopped service worker, a
// Firefox event page unloaded when idle) fails sends for a while, then answers.
import { BackgroundClient } from '../../src/shared/client';
import { CONTENT_MESSAGES } from '../../src/shared/protocol';

const NOT_THERE = new Error('Could not establish connection. Receiving end does not exist.');

function fakeRuntime(failures: number) {
  const runtime = {
    id: 'cando',
    sends: 0,
    sendMessage: async () => {
      runtime.sends++;
      if (runtime.sends <= failures) throw NOT_THERE;
      return { type: 'pong' };
    },
    onMessage: { addListener() {}, removeListener() {} },
  };
  (globalThis as { chrome?: unknown }).chrome = { runtime };
  return runtime;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  delete (globalThis as { chrome?: unknown }).chrome;
});

async function sendPing(): Promise<unknown> {
  const answer = new BackgroundClient(CONTENT_MESSAGES).send({ type: 'ping' });
  await jest.runAllTimersAsync();
  return answer;
}

test('a background that fails the first sends while it starts answers the send that follows', async () => {
  const runtime = fakeRuntime(3);
  expect(await sendPing()).toEqual({ type: 'pong' });
  expect(runtime.sends).toBe(4);
});

test('a background that never answers gives a failure naming the error, after a few seconds of retries', async () => {
  const runtime = fakeRuntime(Infinity);
  const started = Date.now();
  expect(await sendPing()).toEqual({ type: 'error', message: NOT_THERE.message });
  expect(runtime.sends).toBe(5);
  expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
});

test('a runtime that is gone (the extension was updated) fails at once without retrying', async () => {
  const runtime = fakeRuntime(Infinity);
  runtime.id = undefined as unknown as string;
  expect(await sendPing()).toEqual({ type: 'error', message: expect.stringContaining('reload the page') });
  expect(runtime.sends).toBe(0);
});
