import type { WebStrings } from "./catalog.js";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en: WebStrings = {
  htmlLang: "en",
  ogLocale: "en_GB",
  siteName: "Cashmob",
  whatIsTitle: "What is a cash mob?",
  whatIs:
    "A flash mob that shops: people meet at a set time and each spend a modest agreed sum in a small independent shop, to give it a great day. Then everyone celebrates nearby.",
  notFoundTitle: "Nothing here",
  notFound: "This page does not exist, or the mob is not public yet.",
  errorTitle: "Something went wrong",
  error: "Sorry, this page could not be shown. Please try again in a moment.",

  byCommunity: (community) => `A cash mob by ${community}`,
  secretShop: "Secret shop",
  secretShopNote: "The shop is revealed to the people going, shortly before the start.",
  states: {
    announced: "Coming up",
    live: "Happening now",
    ended: "Over",
    tallied: "Results",
    cancelled: "Cancelled",
  },
  when: "When",
  meetingPoint: "Meeting point",
  shop: "Shop",
  afterParty: "After-party",
  map: (place) => `Map of ${place}`,
  pledge: "Pledge",
  pledgeEach: (amount) => `${amount} each; spending more is welcome`,
  going: (n) => plural(n, "going", "going"),
  maybe: (n) => plural(n, "maybe", "maybe"),
  places: (n) => plural(n, "place", "places"),
  goalProgress: (pledged, goal) => `${pledged} pledged of a ${goal} goal`,
  joinTitle: "Join",
  joinOn: (platform) => (platform === "telegram" ? "Join on Telegram" : "Join on Discord"),
  joinNone: "Ask in the community's chat to join.",
  calendarTitle: "Add to calendar",
  icsFile: "Calendar file (.ics)",
  googleCalendar: "Google Calendar",
  cancelled: "This cash mob is cancelled.",
  cancelReason: "Reason",
  resultsSoon: "The mob is over; the results come soon.",
  resultsTitle: "Results",
  mobbers: "Mobbers",
  spent: "Spent",
  average: "Average",
  ofGoal: "of the goal",
  vsUsualDay: (ratio) => `${ratio} a usual day's takings`,
  eventSummary: (shop) => `Cash mob: ${shop}`,
  moreInfo: "More",

  communityTitle: (community) => `${community}: cash mobs`,
  upcomingTitle: "Coming up",
  pastTitle: "Past mobs",
  noUpcoming: "No mob is planned yet.",
  noPast: "No mob has happened yet.",
  totals: (mobs, mobbers, total) =>
    `${plural(mobs, "mob", "mobs")}, ${plural(mobbers, "mobber", "mobbers")}, ${total} spent in local shops`,
  subscribe: "Subscribe to the calendar",
  subscribeHint: "Every mob of this community, kept up to date in your calendar.",
  pastLine: (mobbers, total) => `${plural(mobbers, "mobber", "mobbers")}, ${total} spent`,

  merchantTitle: (shop) => `A cash mob for ${shop}`,
  merchantIntro: (community) =>
    `${community} would like to bring a cash mob to your shop. Would you welcome it?`,
  expected: "Expected",
  crowd: (n) => `about ${plural(n, "person", "people")}`,
  merchantPledge: (amount) => `each spends at least ${amount}`,
  answers: {
    agreed: "Yes, welcome!",
    other_date: "Yes, but on another date",
    declined: "No, thank you",
  },
  yourAnswer: "Your answer",
  answeredOn: (answer, at) => `You answered "${answer}" on ${at}.`,
  changeUntil: (at) => `You can change it until ${at}.`,
  noteLabel: "A note for the organizers (optional)",
  noteHint: "Another date that suits you, opening hours, anything useful.",
  takingsLabel: (currency) => `Your usual daily takings, in ${currency} (optional)`,
  takingsHint:
    "Only the organizers see it; the results compare the mob with a usual day. Never shown publicly.",
  send: "Send my answer",
  thanks: "Thank you! Your answer is recorded and the organizers are told.",
  formErrors: {
    ANSWER_MISSING: () => "Choose one of the three answers.",
    NOTE_TOO_LONG: ({ max }) => `The note is too long: ${max} characters at most.`,
    TAKINGS_INVALID: () => "The usual takings must be an amount like 850 or 850.50, or left empty.",
  },
  answerErrors: {
    MOB_NOT_FOUND: "This mob no longer exists.",
    ANSWER_CLOSED: "Answers are closed: the mob has started or was cancelled.",
  },
  linkProblems: {
    invalid: {
      title: "This link is not valid",
      text: "It may have been cut when copied. Ask the organizers for a new one.",
    },
    expired: {
      title: "This link has expired",
      text: "Ask the organizers for a new one if you still want to answer.",
    },
    closed: {
      title: "Answers are closed",
      text: "The mob has started, so the answer can no longer be changed.",
    },
    cancelled: {
      title: "This mob was cancelled",
      text: "There is nothing to answer any more. Thank you for your time.",
    },
    gone: { title: "This mob no longer exists", text: "Ask the organizers if in doubt." },
    stale_form: {
      title: "This form is out of date",
      text: "Nothing was recorded. Open the link again and send your answer.",
    },
    too_large: {
      title: "That was too much text",
      text: "Nothing was recorded. Keep the note short and send it again.",
    },
  },
};
