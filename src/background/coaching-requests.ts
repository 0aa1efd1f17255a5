// Requests of the content scripts' coaching: analyze a draft, count an event, liveness.
import { analyzeDraft } from './analysis';
import { error, ok, type Handlers } from './handlers';
import { hasRule } from './packs';
import { senderOrigin } from './sites';
import { recordEvent } from './stats';
import { snapshot } from './store';

export const coachingHandlers: Handlers<'ping' | 'analyze' | 'stat'> = {
  ping: async () => ({ type: 'pong' }),
  async analyze(request, { sender }) {
    const { data, view } = await snapshot();
    const origin = senderOrigin(sender);
    if (origin !== null && data.pausedOrigins.includes(origin)) return { type: 'findings', findings: [], paused: true, lockedRules: [] };
    return { type: 'findings', findings: analyzeDraft(request.text, request.skip, request.customer), paused: false, lockedRules: view.lockedRules };
  },
  async stat(request) {
    // Only rules that exist are counted, so a page cannot fill storage with made-up ids.
    const { view } = await snapshot();
    if (!hasRule(view, request.ruleId)) return error('No such rule.');
    await recordEvent(request.ruleId, request.event);
    return ok;
  },
};
