// Nothing lost, ever: seeded random editing sessions on each real editor with CanDo coaching it
// (typing, pasting, deleting, caret moves, soft and hard breaks, applying and dismissing
// suggestions, undo/redo of an apply, ticket switches). After every step the editor's own model
// must equal the reference model's prediction. A failing seed prints its minimal step list.
// Short by default (npm test); `npm run fuzz` runs it long (see scripts/fuzz.mjs).
import type { Page } from 'puppeteer-core';
import type { FixtureServer } from '../../scripts/fixture-server.mjs';
import { DRIVERS } from '../fuzz/drivers';
import { generateSession } from '../fuzz/model';
import { FuzzRunner } from '../fuzz/runner';
import type { ExtensionBrowser } from './support/browser';
import { startCoaching } from './support/coaching';

const SEED = Number(process.env.CANDO_FUZZ_SEED ?? 20261123);
const SESSIONS = Number(process.env.CANDO_FUZZ_SESSIONS ?? 3);
const STEPS = Number(process.env.CANDO_FUZZ_STEPS ?? 25);
const EDITORS = (process.env.CANDO_FUZZ_EDITORS ?? Object.keys(DRIVERS).join(',')).split(',');
const SHRINK_BUDGET = Number(process.env.CANDO_FUZZ_SHRINK ?? 25);

let ctx: ExtensionBrowser;
let server: FixtureServer;
let page: Page;
let errors: string[];
const volume = { sessions: 0, steps: 0 };

beforeAll(async () => {
  ({ server, ctx, page, errors } = await startCoaching());
});
afterAll(async () => {
  // The figure the README quotes comes from here.
  console.log(`fuzz (${ctx?.name}): ${volume.sessions} sessions, ${volume.steps} steps, seed ${SEED}`);
  await ctx?.close();
  await server?.close();
});

describe.each(EDITORS)('%s', (editor) => {
  const driver = DRIVERS[editor];
  test(`${SESSIONS} seeded sessions of ${STEPS} steps: the editor's model always equals the reference`, async () => {
    const runner = new FuzzRunner(page, server.url, driver);
    for (let i = 0; i < SESSIONS; i++) {
      const seed = SEED + i * 7919 + editor.length;
      const steps = generateSession(seed, {
        steps: STEPS,
        canSwitchTicket: driver.canSwitchTicket,
        softBreaks: driver.softBreak !== null,
        arrowKeys: !driver.inexactArrowKeys?.includes(ctx.name),
      });
      const failure = await runner.run(steps);
      volume.sessions++;
      volume.steps += failure ? failure.step + 1 : steps.length;
      if (failure) {
        const minimal = await runner.shrink(failure, SHRINK_BUDGET);
        const replay = await runner.run(minimal);
        throw new Error(
          `${driver.name} in ${ctx.name}, seed ${seed}: ${failure.message}\n` +
            `expected ${JSON.stringify(failure.expected)}\nactual   ${JSON.stringify(failure.actual)}\n` +
            `minimal steps (${minimal.length}, replayed: ${replay ? replay.message : 'passed on replay, flaky'}):\n${JSON.stringify(minimal, null, 1)}`,
        );
      }
    }
    console.log(`fuzz ${driver.name} (${ctx.name}): card steps ${JSON.stringify(runner.outcomes)}, caret keys pressed again after a line wrap: ${runner.wrapCrossings}`);
    // The sessions really applied suggestions through the card (the promise under test), not only typed.
    expect(runner.outcomes.applied).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
