// When something will happen, in the many ways support replies say it: a day ("by Friday",
// "tomorrow", "first thing Monday"), a date ("on 12 March", "the 14th", "3/14"), a clock time
// ("before 2pm", "14:00"), a span ("within 4 hours", "in 3-5 working days", "in about an hour"), or
// the end of a period ("by end of play", "EOD"). Vague words ("soon", "shortly", "as soon as
// possible") are not times. Read by the context checks: a promise with a time, a "when" answered.

const WEEKDAY = String.raw`(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?`;
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const AMOUNT = String.raw`(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty-eight|twenty-four|(?:an?\s+)?(?:few|couple(?:\s+of)?))`;
const UNIT = String.raw`(?:mins?|minutes?|hrs?|hours?|days?|nights?|weeks?|wks?|months?|(?:business|working|calendar)\s+days?)`;

const TIME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    [
      String.raw`today|tonight|tomorrow|tmrw?|tmr`,
      String.raw`this\s+(?:morning|afternoon|evening|week|weekend|month)`,
      String.raw`(?:later|earlier)\s+(?:today|on|this\s+\w+)`,
      String.raw`next\s+(?:week|month|(?:business|working)\s+day|${WEEKDAY})`,
      WEEKDAY,
      String.raw`weekend`,
      String.raw`(?:end|close|start)\s+of\s+(?:the\s+)?(?:day|play|business|week|month|shift)`,
      String.raw`eod|cob|eop|eow`,
      String.raw`first\s+thing`,
      String.raw`lunch\s?time|midday|noon|midnight|overnight`,
      // "within 4 hours", "in about an hour", "over the next couple of days", "in 3-5 working days"
      String.raw`(?:within|in|over|under|after|for)\s+(?:the\s+)?(?:next\s+|coming\s+|about\s+|around\s+|roughly\s+|approximately\s+|less\s+than\s+|under\s+|another\s+)*${AMOUNT}(?:\s*(?:-|–|to|or)\s*${AMOUNT})?\s+${UNIT}`,
      String.raw`within\s+(?:the\s+)?(?:minutes|hours|hour|day|week)`,
      String.raw`${AMOUNT}(?:\s*(?:-|–|to)\s*\d+)?\s+(?:business|working)\s+days?`,
      String.raw`an?\s+hour\s+or\s+so`,
      String.raw`\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)`,
      String.raw`\d{1,2}:\d\d`,
      // Opening hours: "10 till 4", "9-5:30", "until 6"
      String.raw`\d{1,2}(?:[:.]\d\d)?\s*(?:-|–|to|till|til|until)\s*\d{1,2}(?:[:.]\d\d)?(?!\s*${UNIT})`,
      String.raw`(?:until|till|til)\s+\d{1,2}(?:[:.]\d\d)?`,
      String.raw`\d{1,2}(?:st|nd|rd|th)`,
      String.raw`\d{1,2}\s+(?:of\s+)?${MONTH}`,
      String.raw`${MONTH}\s+\d{1,2}`,
      String.raw`\d{1,2}/\d{1,2}(?:/\d{2,4})?`,
      String.raw`right\s+(?:away|now)|immediately|straight\s+away|at\s+once|now`,
      String.raw`christmas|easter|new\s+year`,
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}])`,
  'iu',
);

/** True when `text` says when, in any of the forms above. */
export const hasTime = (text: string): boolean => TIME.test(text);

const ALL_TIMES = new RegExp(TIME.source, 'giu');
/** The time expressions of `text`, lower-cased and with single spaces ("by Friday" → "friday"). */
export const timesIn = (text: string): string[] => [...text.matchAll(ALL_TIMES)].map((m) => m[0].toLowerCase().replace(/\s+/g, ' '));
