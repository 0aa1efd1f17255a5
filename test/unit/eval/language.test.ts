// The built-in packs on sentences written for this test, not taken from the corpus or from the
// packs' own examples: the many ways agents phrase each category, and the look-alikes coaches
// leave alone. A sentence passes when exactly the expected categories are flagged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, compilePack, type CompiledPack } from '../../../src/engine';
import { builtinPackFiles } from '../../../src/cli/index';

const root = join(__dirname, '..', '..', '..');

const SENTENCES: Array<[string, string[]]> = [
  // cant
  ["I'm not able to issue a refund for this order.", ['cant']],
  ["I am not able to see the invoice you mentioned.", []],
  ["We can’t ship to PO boxes.", ['cant']],
  ["We cannot offer a discount on this plan.", ['cant']],
  ["There is no way for us to recover deleted messages.", ['cant']],
  ["That's not something we offer at the moment.", ['cant']],
  ["I'm afraid I won't be able to change the booking.", ['cant']],
  ["We aren’t able to reopen closed tickets.", ['cant']],
  ["It's not possible to change your username.", ['cant', 'policy']],
  ["There's nothing more we can do on our side.", ['cant']],
  ["I can't wait to hear what you think of it!", []],
  ["If you can't log in, try the reset link.", []],
  ["There's nothing we can't fix, so don't worry.", []],
  ["We can’t thank you enough for the kind words.", []],
  ["What I can do is send you a prepaid label.", []],
  ["Let me see what I can do for you.", []],
  ["If we can't fix it today, I'll call you tomorrow.", []],
  ["Is it possible to get a refund?", []],
  // blame
  ["Sorry, that's not my department.", ['blame']],
  ["The courier lost it on the way.", ['blame']],
  ["Our system made an error when it billed you.", ['blame']],
  ["Mistakes were made on our side.", ['blame']],
  ["The warehouse sent the wrong size.", ['blame']],
  ["My coworker entered the wrong address.", ['blame']],
  ["The delivery driver damaged the box.", ['blame']],
  ["You'll have to contact UPS about the delay.", ['blame']],
  ["I've passed this to our billing team and I'll update you by Friday.", []],
  ["Our warehouse team packed your order this morning.", []],
  ["The courier will deliver it tomorrow.", []],
  ["I've asked our returns team to call you today.", []],
  // broken
  ["You must have typed the code wrong.", ['broken']],
  ["Did you even read the email we sent?", ['broken']],
  ["As I mentioned before, the sale ended on Sunday.", ['broken']],
  ["As I've already explained, we need a photo.", ['broken']],
  ["You should have checked the size chart.", ['broken']],
  ["Obviously the app needs an update.", ['broken']],
  ["It's really simple, just tap Settings.", ['broken']],
  ["Have you had a chance to restart the router?", []],
  ["Did you get a chance to try the new version?", []],
  ["You should have received a confirmation email.", []],
  ["You must have an account to order.", []],
  ["As mentioned in the article, the option is under Settings.", []],
  // apology
  ["Sorry for any inconvenience.", ['apology']],
  ["We apologize for any inconvenience caused.", ['apology']],
  ["I'm sorry you feel that way about the change.", ['apology']],
  ["We're sorry if you were disappointed.", ['apology']],
  ["I'm sorry, but the sale has ended.", ['apology']],
  ["Sorry to hear the package arrived damaged.", []],
  ["I'm sorry we sent the wrong colour; a new one ships today.", []],
  ["Sorry for the wait, I've checked your order.", []],
  ["I apologize: we charged you twice, and the refund is on its way.", []],
  // policy
  ["Per our policy, we can only refund within 14 days.", ['policy']],
  ["That is against our policy.", ['policy']],
  ["It's company policy, I'm afraid.", ['policy']],
  ["We don't make exceptions.", ['policy']],
  ["I'm not permitted to share that information.", ['policy']],
  ["Sorry, that's not possible.", ['apology', 'cant', 'policy']],
  ["Our policy lets you return items for 60 days.", []],
  ["You can read our privacy policy here.", []],
  ["I've made an exception for you this time.", []],
];

describe('built-in packs on unseen sentences', () => {
  const packs = builtinPackFiles(root).map((file) => {
    const result = compilePack(readFileSync(file, 'utf8'), { source: file });
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.rule}: ${e.message}`).join('\n'));
    return result.pack as CompiledPack;
  });
  const analyzer = new Analyzer(packs);

  it('are the five coaching packs', () => {
    expect(packs.map((p) => p.id).sort()).toEqual(['cando-apology', 'cando-blame', 'cando-broken', 'cando-cant', 'cando-policy']);
  });

  it.each(SENTENCES)('%s → %j', (text, expected) => {
    const flagged = [...new Set(analyzer.analyze(text).map((f) => f.category))].sort();
    expect(flagged).toEqual([...expected].sort());
  });

  it('offers at least one suggestion for every finding', () => {
    const bare = SENTENCES.flatMap(([text]) => analyzer.analyze(text).filter((f) => f.suggestions.length === 0).map((f) => `${f.ruleId}: ${text}`));
    expect(bare).toEqual([]);
  });
});
