// Requests of the content scripts' coaching: analyze a draft, count an event or a strength, liveness.
import { STRENGTH_IDS, type StrengthId } from '../engine';
import { analyzeDraft } from './analysis';
import { error, ok, type Handlers } from './handlers';
import { hasRule } from './packs';
import { senderOrigin } from './sites';
import { recordEvent, recordStrength } from './stats';
import { snapshot } from './store';

export const coachingHandlers: Handlers<'ping' | 'analyze' | 'stat' | 'strength-stat'> = {
  ping: async () => ({ type: 'pong' }),
  async analyze(request, { sender }) {
    const { data, view } = await snapshot();
    const origin = senderOrigin(sender);
    if (origin !== null && data.pausedOrigins.includes(origin)) return { type: 'findings', findings: [], strengths: [], paused: true, lockedRules: [] };
    const { findings, strengths } = analyzeDraft(request.text, request.skip, request.customer);
    return { type: 'findings', findings, strengths, paused: false, lockedRules: view.lockedRules };
  },
  async stat(request) {
    // Only rules that exist are counted, so a page cannot fill storage with made-up ids.
    const { view } = await snapshot();
    if (!hasRule(view, request.ruleId)) return error('No such rule.');
    await recordEvent(request.ruleId, request.event);
    return ok;
  },
  async 'strength-stat'(request) {
    // Only the engine's own strengths are counted, for the same reason.
    if (!STRENGTH_IDS.includes(request.strength as StrengthId)) return error('No such strength.');
    await recordStrength(request.strength);
    return ok;
  },
};
