// What the agent did well in a draft, for the reply check: never underlined, never a finding.
// Each strength names the words that carry it, so the reply check can quote them.
import { customerName, customerQuestionsWithTopics, unansweredQuestions } from './context-checks';
import { customerSentences, hasCustomerMessage } from './context';
import { ownSentenceRanges } from './match';
import { STRENGTH_NAMES, type StrengthId } from './strength-ids';
import { hasTime } from './time-expressions';
import type { CustomerContext } from './types';

export { STRENGTH_IDS, STRENGTH_NAMES, type StrengthId } from './strength-ids';

export interface Strength {
  id: StrengthId;
  /** What the agent did well, in a few words. */
  label: string;
  /** The agent's words that show it (for answers-questions: the number of questions answered). */
  text: string;
}

const AP = "['\u2019]";
// "I'll refund it today", "I've escalated this and I'll update you by Friday": the agent's own next step, with a time.
const OWNS = new RegExp(`\\bI(?:${AP}ll|\\s+will|${AP}ve|\\s+have|\\s+am going to|${AP}m going to)\\s+(?!not\\b|never\\b)[^.!?\\n]*`, 'i');
// "I'm sorry your parcel arrived damaged", "I apologise, we shipped the wrong size": sorry for something named.
const SPECIFIC_APOLOGY = new RegExp(`\\b(?:I${AP}m|I am|we${AP}re|we are)\\s+(?:so\\s+|really\\s+|very\\s+|truly\\s+)?sorry\\s+(?!(?:for\\s+|about\\s+)?(?:any|the inconvenience|if|you feel|you(?:${AP}re| are) (?:upset|unhappy)|but)\\b)(?:(?:that|for|about)\\s+)?[^.!?\\n]{6,}|\\bI\\s+apologi[sz]e\\b[^.!?\\n]*\\bwe\\b[^.!?\\n]*`, 'i');
const CAN_DO = new RegExp(`\\b(?:what (?:I|we) can do|here${AP}s what (?:I|we) can|I can (?:offer|send|refund|replace|arrange|set up|give|add|move|upgrade|extend|waive)|I${AP}d be (?:happy|glad) to|I${AP}ve (?:refunded|sent|replaced|arranged|added|issued|credited|upgraded|extended|waived))\\b[^.!?\\n]*`, 'i');

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** The strengths of a draft answering `customer` (the name and questions need the customer's message). */
export function findStrengths(draft: string, customer?: CustomerContext): Strength[] {
  const sentences = ownSentenceRanges(draft).map((r) => draft.slice(r.start, r.end));
  const strengths: Strength[] = [];
  const first = (re: RegExp, test: (match: string) => boolean = () => true) => {
    for (const s of sentences) {
      const m = re.exec(s);
      if (m && test(m[0])) return m[0].trim();
    }
    return undefined;
  };
  const owns = first(OWNS, hasTime);
  if (owns) strengths.push({ id: 'owns-next-step', label: STRENGTH_NAMES['owns-next-step'], text: owns });
  const apology = first(SPECIFIC_APOLOGY);
  if (apology) strengths.push({ id: 'specific-apology', label: STRENGTH_NAMES['specific-apology'], text: apology });
  const offer = first(CAN_DO);
  if (offer) strengths.push({ id: 'can-do-offer', label: STRENGTH_NAMES['can-do-offer'], text: offer });
  if (!hasCustomerMessage(customer)) return strengths;
  const name = customerName(customer);
  const own = sentences.join('\n');
  const used = name?.split(/\s+/).find((part) => part.length > 1 && new RegExp(`(?<![\\p{L}])${fold(part).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(fold(own)));
  if (used) strengths.push({ id: 'uses-name', label: STRENGTH_NAMES['uses-name'], text: used });
  // The same questions, with the same topics, as the unanswered-question rule reads: the reply
  // check never calls a reply complete while that rule lists a question it leaves open.
  const questions = customerQuestionsWithTopics(customerSentences(customer.text));
  if (questions.length && unansweredQuestions(questions, own).length === 0) {
    strengths.push({ id: 'answers-questions', label: questions.length === 1 ? 'Answers the question' : `Answers all ${questions.length} questions`, text: String(questions.length) });
  }
  return strengths;
}
