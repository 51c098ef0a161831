import type { Catalog } from "./catalog.js";

const STATE_NAMES: Record<string, string> = {
  draft: "a draft",
  announced: "announced",
  live: "live",
  ended: "over",
  tallied: "tallied",
  cancelled: "cancelled",
};

const MERCHANT_NAMES: Record<string, string> = {
  not_asked: "not asked",
  asked: "asked",
  agreed: "agreed",
  declined: "declined",
  other_date: "would rather have another date",
};

export const en: Catalog = {
  fields: {
    when: "the date",
    pledge: "the pledge",
    amount: "the amount",
    goal: "the goal",
    takings: "the usual daily takings",
    shop: "the shop name",
    address: "the address",
    meetingPoint: "the meeting point",
    party: "the after-party",
    message: "the message",
    photo: "the photo number",
    reason: "the reason",
    code: "the check-in code",
    duration: "the duration",
    rule: "the rule",
    capacity: "the capacity",
    currency: "the currency",
    secret: "secret",
    draft: "draft",
    id: "the mob id",
    why: "the reason to mob it",
    closes: "the closing time",
    status: "the merchant's answer",
    vote: "the vote number",
    series: "the series number",
    voteLead: "when the vote opens",
    nomination: "the nomination number",
    gate: "the merchant gate",
    note: "the note",
    publish: "publish",
  },
  errors: {
    MOB_NOT_FOUND: (_f, p) =>
      `There is no mob #${p.id} here; ${p.list} lists this community's mobs.`,
    DATE_UNPARSEABLE: () =>
      "I can't read that date; write it like 2026-12-05 18:00 (your community's time zone), tomorrow 18:00, or in 2h.",
    DATE_IN_PAST: () => "That time is already past; pick a time in the future.",
    DATE_TOO_FAR: () => "That is more than a year away; announce mobs at most a year ahead.",
    DATE_NONEXISTENT: (_f, p) =>
      `That time does not exist in ${p.zone} (the clocks jump forward then); pick another time.`,
    AMOUNT_INVALID: (f) => `I can't read ${f}; write a number like 15 or 12.50.`,
    AMOUNT_NOT_POSITIVE: (f) => `${cap(f)} must be more than zero.`,
    AMOUNT_TOO_LARGE: (f, p) => `${cap(f)} looks too large; the most accepted is ${p.max}.`,
    TEXT_EMPTY: (f) => `${cap(f)} is empty; please write something.`,
    TEXT_TOO_LONG: (f, p) =>
      `${cap(f)} is too long (${p.length} characters); keep it under ${p.max}.`,
    DURATION_INVALID: () => "The duration must be between 15m and 2d, written like 90m or 2h.",
    SERIES_RULE_UNPARSEABLE: () =>
      "I can't read that rule; write it like every 2 weeks saturday 18:00 or monthly first saturday 15:00.",
    SERIES_INTERVAL_INVALID: () =>
      "A series repeats every 1 to 52 weeks, or monthly; write it like every 2 weeks saturday 18:00.",
    SERIES_WEEKDAY_INVALID: () =>
      "Say which day of the week, like saturday or sat: every week saturday 18:00.",
    SERIES_ORDINAL_INVALID: () =>
      "Say which one of the month: first, second, third, fourth or last, like monthly last friday 18:00.",
    SERIES_TIME_INVALID: () =>
      "Say the time like 18:00 or 18h30 (24-hour clock, in your community's time zone).",
    SERIES_VOTE_LEAD_INVALID: () =>
      "The vote opens between 2h and 60d before each mob; write it like vote=7d or vote=3d12h.",
    SERIES_NOT_FOUND: (_f, p) => `There is no series #${p.id} here; /series lists them.`,
    SERIES_STOPPED: (_f, p) => `Series #${p.id} is already stopped.`,
    CAPACITY_INVALID: () => "The capacity must be a whole number from 1 to 10000.",
    CURRENCY_INVALID: () =>
      "That is not a currency code I know; use an ISO 4217 code, such as EUR, USD, GBP, CHF or JPY.",
    TIMEZONE_INVALID: () =>
      "The time zone must be an IANA name like Europe/Paris or America/New_York.",
    LOCALE_INVALID: () => "The language must be en or fr.",
    BOOLEAN_INVALID: (f) => `${cap(f)} must be yes or no.`,
    NOT_ORGANIZER: () =>
      "Only organizers can do that (group admins on Telegram, Manage Events on Discord).",
    NEEDS_COMMUNITY: () => "Use this command in the group or server, not in a private chat.",
    MOB_NOT_DRAFT: (_f, p) => `Mob #${p.id} is already announced; only a draft can be confirmed.`,
    MOB_NOT_OPEN: (_f, p) => `Mob #${p.id} is not open: it is ${p.state}.`,
    MOB_ALREADY_STARTED: (_f, p) => `Mob #${p.id} has already started; that can no longer change.`,
    MOB_NOT_STARTED: (_f, p) =>
      `Mob #${p.id} has not started yet; report what you spent after it begins.`,
    MOB_FINISHED: (_f, p) => `Mob #${p.id} is over (${p.state}).`,
    MOB_TALLIED: (_f, p) => `Mob #${p.id} has already been tallied; spends can no longer change.`,
    CHECKIN_CLOSED: (_f, p) =>
      `Check-in for mob #${p.id} is open from one hour before the start until the tally.`,
    CHECKIN_CODE_WRONG: () =>
      "That check-in code is not right; ask the organizer at the meeting point.",
    NOT_PARTICIPANT: (_f, p) => `You are not in mob #${p.id}.`,
    NOTHING_TO_CHANGE: () => "Nothing to change: give at least one field to edit.",
    ID_INVALID: (_f, p) => `A mob id is a number, like 12; ${p.list} lists them.`,
    USAGE: (_f, p) => `Usage: ${p.usage}`,
    UNKNOWN_COMMAND: (_f, p) => `I don't know that command; ${p.help} lists what I can do.`,
    UNKNOWN_ACTION: () => "That button is no longer valid.",
    LINK_CODE_INVALID: (_f, p) =>
      `That is not a link code I gave; in the other chat an organizer types ${p.link} to get one.`,
    LINK_CODE_EXPIRED: (_f, p) =>
      `That link code has expired (codes last 15 minutes); ask for a new one with ${p.link} in the other chat.`,
    LINK_CODE_USED: (_f, p) =>
      `That link code was already used; ask for a new one with ${p.link} in the other chat.`,
    LINK_SAME_COMMUNITY: () => "This chat is already part of that community; nothing changed.",
    UNLINK_LAST_CHAT: () =>
      "This is the community's only chat, so there is nothing to unlink it from.",
    UNLINK_NOT_A_CHAT: (_f, p) =>
      `This channel is not one of the community's chats; ${p.link} here links it.`,
    NUMBER_INVALID: (f) => `${cap(f)} is a whole number, like 3.`,
    NOMINATION_NOT_FOUND: (_f, p) =>
      `There is no nomination #${p.id} here; ${p.nominations} lists the queue.`,
    NOMINATION_NOT_QUEUED: (_f, p) =>
      `Nomination #${p.id} is no longer in the queue (${p.state === "chosen" ? "a vote chose it" : "it was dropped"}).`,
    NOMINATION_DROPPED: (_f, p) =>
      `An organizer marked ${p.shop} ineligible${p.reason ? ` (${p.reason})` : ""}; only an organizer can nominate it again.`,
    VOTE_NOT_FOUND: (_f, p) => `There is no vote #${p.id} here.`,
    VOTE_NO_NOMINATIONS: (_f, p) =>
      `There is no shop in the queue to vote on; members put one forward with ${p.nominate}.`,
    VOTE_ALREADY_OPEN: (_f, p) =>
      `Vote #${p.id} is still open (it closes ${p.closes}); close it with ${p.command} before opening another.`,
    VOTE_CLOSED: (_f, p) => `Vote #${p.id} is closed; votes can no longer change.`,
    VOTE_NOT_MEMBER: () =>
      "This vote belongs to another community; vote in one of that community's chats.",
    VOTE_NOT_AN_OPTION: (_f, p) =>
      `That shop is not on vote #${p.id} any more; pick another one on the vote post.`,
    VOTE_NO_SUCH_OPTION: (_f, p) =>
      `That is not one of vote #${p.id}'s shops; pick one on the vote post.`,
    VOTE_TOO_LATE: () =>
      "That mob is too soon for a vote: a vote closes at least an hour before the mob; pick a later time.",
    VOTE_CLOSES_TOO_LATE: () =>
      "The vote must close at least an hour before the mob, so the merchant can be asked; pick an earlier closing time.",
    MERCHANT_STATUS_INVALID: () => "The merchant's answer is asked, agreed or declined.",
    MERCHANT_LINK_OFF: () =>
      "The web side is off (HTTP_PORT=off), so there is no merchant page to link to; record the answer with /merchant.",
    MERCHANT_TOO_LATE: (_f, p) =>
      `Mob #${p.id} is ${STATE_NAMES[String(p.state)] ?? p.state}; the merchant's answer can no longer change.`,
    MERCHANT_NOT_AGREED: (_f, p) =>
      `The merchant of mob #${p.id} has not agreed yet (${MERCHANT_NAMES[String(p.status)] ?? p.status}) and this community announces a mob only once they have; record their yes with ${p.command}.`,
    GATE_NEEDS_DRAFT: () =>
      "This community announces a mob only once the merchant agreed: create it as a draft (draft), record their answer, then confirm it.",
    MOB_NOT_OVER: (_f, p) => `Mob #${p.id} is not over yet; thank the merchant once it has ended.`,
    PHOTO_MISSING: (_f, p) => `Send the photo itself: ${p.how}.`,
    PHOTO_TOO_LARGE: (_f, p) => `That photo is too large; send one of at most ${p.max}.`,
    PHOTO_NOT_AN_IMAGE: () =>
      "That file is not a photo I can take; send a JPEG, PNG or WebP picture.",
    PHOTO_DIMENSIONS: () =>
      "That picture is too big or too narrow (at most 10,000 pixels wide and high together, 20 times longer than wide); send another.",
    PHOTO_UNREADABLE: () => "I couldn't fetch that photo; please send it again.",
    PHOTO_CLOSED: (_f, p) =>
      `Photos for mob #${p.id} are taken from its start until the tally; this is not the time.`,
    PHOTO_MEMBER_LIMIT: (_f, p) =>
      `You have already sent ${p.max} photos for mob #${p.id}, the most one person can.`,
    PHOTO_MOB_LIMIT: (_f, p) => `Mob #${p.id}'s album is full (${p.max} photos).`,
    PHOTO_DUPLICATE: (_f, p) => `That photo is already in mob #${p.id}'s album.`,
    PHOTO_NOT_FOUND: (_f, p) => `Mob #${p.id} has no photo #${p.photo}.`,
  },
  t: {
    bug: "Sorry, something went wrong on my side; nothing was changed. Please try again.",
    ctaTitle: (shop) => `Cash mob: ${shop}`,
    secretShop: "a secret shop",
    when: "When",
    pledge: "Pledge",
    address: "Address",
    meetingPoint: "Meeting point",
    addressSecret: "revealed shortly before the start",
    tallyVoted: "Voted",
    tallyVotedLine: (forShop, total) =>
      `${forShop} for this shop (of ${total} ${total === 1 ? "ballot" : "ballots"})`,
    tallyGoing: "Going",
    tallyCame: "Came",
    tallySpent: "Spent",
    tallySpentBy: (amount, people) =>
      `${amount} by ${people} ${people === 1 ? "person" : "people"}`,
    counts: ({ going, maybe, waiting }, capacity) =>
      `${going} going${capacity ? ` of ${capacity}` : ""} · ${maybe} maybe${waiting > 0 ? ` · ${waiting} waiting` : ""}`,
    goal: "Goal",
    join: "Join",
    maybe: "Maybe",
    leave: "Leave",
    cantMakeIt: "Can't make it",
    dmInvite: "Get reminders in private",
    draftTitle: (shop) => `Draft: ${shop}`,
    created: (id) => `Mob #${id} is announced.`,
    createdDraft: (id, confirm) =>
      `Mob #${id} is saved as a draft; once the merchant agrees, ${confirm} announces it.`,
    checkinCodeTitle: (id) => `Check-in code for mob #${id}`,
    checkinCodeLine: (code) => `Give this code to mobbers at the shop: ${code}`,
    checkinQrLine: (id) => `Mobbers may also scan the QR code to check in at mob #${id}.`,
    checkinQrAlt: (id) => `QR code to check in at mob #${id}`,
    secretShopPrivate: (shop) => `The secret shop (organizers only, until the reveal): ${shop}`,
    codeNeedsPrivateChat:
      "I can't send you the check-in code until you open a private chat with me: tap the button, then Start, and it comes there.",
    codeNeedsPrivateChatButton: "Get the check-in code in private",
    checkinCodesTitle: (community) => `Your check-in codes for ${community}`,
    checkinCodesItem: (id, shop, code) => `#${id} ${shop}: ${code}`,
    checkinCodesLine: "Give each mob's code to mobbers at the shop.",
    reminderTitle: (shop) => `Reminder: cash mob at ${shop}`,
    reminderLine: (relative) => `Starts ${relative}.`,
    unreachableLine: "I couldn't reach these mobbers privately:",
    revealTitle: "The secret shop is revealed!",
    revealLine: (shop) => `We're mobbing ${shop}.`,
    startTitle: (shop) => `We're on: cash mob at ${shop}!`,
    startLine: (party) =>
      party
        ? "Come along, spend what you pledged (more is welcome), and enjoy the after-party."
        : "Come along and spend what you pledged (more is welcome).",
    spendTitle: (shop) => `Thanks for mobbing ${shop}!`,
    spendLine: (command) => `How much did you spend? Tap an amount or type ${command}.`,
    spendOther: "Other amount",
    tallyTitle: (shop) => `Tally: cash mob at ${shop}`,
    tallyAverage: "Average",
    tallyVsGoal: (pct) => `${pct}% of the goal`,
    tallyPledged: "Pledged",
    tallyVsPledged: (pct) => `${pct}% delivered`,
    tallyVsTakings: (ratio) => `${ratio} the shop's usual daily takings`,
    tallyShareOfTakings: (pct) => `${pct}% of the shop's usual daily takings`,
    tallyNone: "No spend reported yet.",
    cancelledTitle: (shop) => `Cancelled: cash mob at ${shop}`,
    cancelledReason: "Reason",
    rescheduledTitle: (shop) => `New time: cash mob at ${shop}`,
    mentionsTitle: "I couldn't DM you, so here it is:",
    joined: (shop) => `You're in! See you at ${shop}.`,
    joinedMaybe: (shop) => `Marked as maybe for ${shop}.`,
    alreadyJoined: "You're already going.",
    alreadyMaybe: "You're already a maybe.",
    left: (shop) => `You left the mob at ${shop}.`,
    notJoined: "You weren't in this mob; nothing changed.",
    confirmed: (id) => `The merchant agreed: mob #${id} is announced.`,
    cancelled: (id) => `Mob #${id} is cancelled; participants are told.`,
    edited: (id) => `Mob #${id} is updated.`,
    spentRecorded: (amount) => `Thanks! ${amount} recorded.`,
    spentUpdated: (amount) => `Updated: ${amount} recorded.`,
    checkedIn: (shop) => `Checked in at ${shop}. Happy mobbing!`,
    alreadyCheckedIn: "You're already checked in.",
    listTitle: "Upcoming cash mobs",
    listEmpty: (create) => `No upcoming mobs. Organizers create one with ${create}.`,
    listItem: (id, shop) => `#${id} ${shop}`,
    listDraft: "draft",
    stateNames: {
      draft: "a draft",
      announced: "announced",
      live: "live",
      ended: "ended",
      tallied: "tallied",
      cancelled: "cancelled",
    },
    status: "Status",
    settingsTitle: "Community settings",
    settingsLine: (zone, locale, currency, rule, gate) =>
      `Time zone ${zone} · language ${locale} · currency ${currency} · organizers: ${rule} · merchant gate: ${gate ? "on" : "off"}`,
    welcome: "Hi! I'm Cashmob.",
    welcomeLine: "I'll send you reminders for the mobs you join here.",
    helpTitle: "Cashmob commands",
    help: [
      "/newmob <shop> | <when> [| <pledge> [| <address>]] [| key=value …] — create a mob (organizers); keys: meet, party (the after-party), secret, capacity, duration, goal, takings, currency, draft",
      "/mobs — upcoming mobs",
      "/mob <id> — details",
      "/join <id> [pledge] · /maybe <id> · /leave <id> — RSVP (a pledge says how much you mean to spend); a full mob puts a Join on its waitlist",
      "/confirm <id> — the merchant agreed: announce a draft (organizers)",
      "/editmob <id> | key=value … — change when, pledge, address, meet, party, capacity, duration, goal, takings (organizers)",
      "/cancelmob <id> [reason] — cancel (organizers)",
      "/spent <id> <amount> — report what you spent",
      "/checkin <id> <code> — check in at the shop",
      "/tally <id> — the results",
      "/settings [timezone <zone>] [language en|fr] [currency <code>] [organizers admins|anyone] — community settings (organizers); the language is this chat's",
      "/link — a code to link this chat with another (Discord or Telegram) into one community · /link <code> — join the code's community · /unlink — leave it (organizers)",
      "/nominate <shop> [| <address>] [| <why>] — put a shop forward (the same shop again seconds it) · /nominations — the queue",
      "/dropshop <n> [reason] — mark a nomination ineligible (organizers)",
      "/vote <when the mob happens> [| closes=<when>] — open a vote on the queue (organizers) · /closevote <vote> — close it now",
      "/series <rule> [| <pledge>] [| meet=… | party=… | capacity=… | duration=… | goal=… | vote=7d] — a mob that comes back, like every 2 weeks saturday 18:00 or monthly first saturday 15:00; each time a vote among the queued shops opens vote= before (organizers) · /series — the series and their next date · /series skip <id> — skip the next one · /series stop <id> — end it (organizers)",
      "/merchant <id> asked|agreed|declined [note] · /merchant <id> publish yes|no — the merchant's answer, and whether the tally may compare with their usual takings (organizers)",
      "/settings gate on|off — with the gate on, a mob is announced only once the merchant agreed",
      "/merchantlink <id> — a private link the merchant answers from, sent to you privately (organizers; needs the web side)",
      "/dropphoto <id> <n> — remove photo n from the mob's album (organizers, or who sent it)",
      "/thanks <id> [message] — thank the merchant in every chat, with the card (organizers)",
      "/history — the shops this community has mobbed, and its totals",
      "/export <id> — the participants as a spreadsheet file, privately (organizers)",
    ],
    helpTelegram: [
      "/photo <id> — as the caption of a photo sent to me in private, from the start until the tally (or reply with a photo to my spend question)",
      "/start — in a private chat with me, so I can send you reminders; /start mob_<id> (a mob's link) also joins it",
    ],
    helpConsole: [
      "/photo <id> <file> — add the photo in that file to the mob's album, from the start until the tally",
      "/as <name> — act as another member (you are the organizer)",
      "/press <button id> — press a button, e.g. /press mob:1:join",
      "/room <name> — move to another local chat, e.g. to try /link",
    ],
    organizer: "Organizer",
    until: "Until",
    takings: "Usual daily takings",
  },
  after: {
    party: "After-party",
    photos: (n) => `${n} photo${n === 1 ? "" : "s"} in the album`,
    photoAdded: (photo, id, mine, max) =>
      `Photo #${photo} is in mob #${id}'s album (${mine} of your ${max}).`,
    photoDropped: (photo, id) => `Photo #${photo} is out of mob #${id}'s album.`,
    recapCaption: (shop) => `Photos from the cash mob at ${shop}`,
    photoAlt: (photo) => `Photo #${photo}`,
    thanksTitle: (shop) => `Thank you, ${shop}!`,
    thanksResults: (mobbers, total) =>
      `${mobbers} of us came, and ${total} was spent in your shop.`,
    thanksPosted: (id) => `Your thanks for mob #${id} is posted in every chat.`,
    thanksLink: (url) => `Pass the mob's page on to the shop: ${url}`,
    thanksNoLink:
      "The mob's page has no public address yet (PUBLIC_URL is not set), so there is no link to pass on.",
    historyTitle: "Shops we've mobbed",
    historyEmpty: "No mob has happened here yet.",
    historyTotals: (mobs, mobbers, spent) =>
      `${mobs} mob${mobs === 1 ? "" : "s"}, ${mobbers} mobber${mobbers === 1 ? "" : "s"}, ${spent} spent in local shops.`,
    historyItem: (date, shop, mobbers, total) => `${date} · ${shop} · ${mobbers} came · ${total}`,
    exportSent: (id) => `I've sent you mob #${id}'s participants privately, as a file.`,
    exportTitle: (id, shop) => `Participants of mob #${id} (${shop})`,
    exportLine: (rows) =>
      `${rows} participant${rows === 1 ? "" : "s"}, as CSV (opens in any spreadsheet).`,
    exportColumns: (currency) => [
      "name",
      "platform",
      "status",
      `pledge (${currency})`,
      "checked in",
      `spent (${currency})`,
    ],
    exportStatus: { going: "going", maybe: "maybe" },
    fileNeedsPrivateChat:
      "I can't send you the file until you open a private chat with me: tap the button, then Start, and ask again.",
    fileNeedsPrivateChatButton: "Open a private chat",
  },
  chats: {
    codeSent: "I've sent you a link code privately.",
    codeTitle: (code) => `Link code: ${code}`,
    codeLine: (typed, slash, minutes) =>
      `In the chat to link, an organizer types ${typed} (Telegram) or ${slash} (Discord) within ${minutes} minutes. The code works once.`,
    linked: (community) => `Linked! This chat is now part of ${community}.`,
    list: (chats) => `Chats: ${chats}`,
    unlinked: (community) => `This chat has left ${community}; it is now a community of its own.`,
    platformNames: { discord: "Discord", telegram: "Telegram", console: "console" },
  },
  choose: {
    nominated: (id, shop) =>
      `${shop} is nominated (#${id}); others second it by nominating it too.`,
    seconded: (shop, seconds) => `Seconded! ${shop} now has ${secondsText(seconds)}.`,
    alreadySeconded: (shop) => `You already seconded ${shop}; nothing changed.`,
    ownNomination: (shop) =>
      `You nominated ${shop} yourself; others second it by nominating it too.`,
    mobbedOn: (date) => `mobbed on ${date}`,
    mobPlannedOn: (date) => `a mob is planned there on ${date}`,
    queueTitle: (n) => `Shops in the queue (${n})`,
    queueEmpty: (command) => `No shop in the queue yet; ${command} puts one forward.`,
    queueItem: (id, shop) => `#${id} ${shop}`,
    seconds: secondsText,
    nominatedBy: (name, self) =>
      self
        ? "nominated by you"
        : `nominated by ${/^(you|me|myself|yourself)$/i.test(name.trim()) ? `“${name}”` : name}`,
    why: "Why",
    more: (n) => `… and ${n} more.`,
    checklistTitle: "Before a vote, organizers check that the shop is:",
    checklist: {
      independent: "independent and locally owned",
      fewLocations: "at most a few locations",
      roomForCrowd: "room and staff for a crowd",
      carryHome: "selling goods people can carry home",
    },
    dropped: (id, shop) => `Nomination #${id} (${shop}) is marked ineligible; it left the queue.`,
    voteOpened: (id, closes) =>
      `Vote #${id} is open until ${closes}; the vote is posted in every chat.`,
    voteTitle: (date) => `Vote: where do we mob on ${date}?`,
    voteCloses: "Voting closes",
    voteOption: (position, shop, votes) => `${position}. ${shop}: ${votesText(votes)}`,
    voteWinner: (line) => `${line} ✓ chosen`,
    voteHow: "One vote each, from any of our chats; you can change it until the vote closes.",
    votedTotal: (n) => `${n} ${n === 1 ? "member" : "members"} voted.`,
    voteClosed: "The vote is closed.",
    voted: (shop) => `You voted for ${shop}.`,
    voteMoved: (shop, from) => `You moved your vote to ${shop} (from ${from}).`,
    alreadyVoted: (shop) => `You already voted for ${shop}.`,
    closedNow: (id) => `Vote #${id} is closed; the result is posted in every chat.`,
    resultTitle: (shop) => `The vote chose ${shop}!`,
    resultNoneTitle: "The vote closed without a winner",
    resultNone: "Nobody voted, so the shops stay in the queue for the next vote.",
    resultDraft: (id, date) =>
      `Mob #${id} on ${date} is a draft: the organizers ask the merchant before it is announced.`,
    resultTie: "Tied on votes: the most seconded shop (then the earliest nominated) wins.",
    merchant: "Merchant",
    merchantNames: MERCHANT_NAMES,
    merchantRecorded: (id, status) => `Mob #${id}: the merchant's answer is recorded (${status}).`,
    merchantBy: (who, when) => `recorded by ${who}, ${when}`,
    merchantByLink: (when) => `answered through their link, ${when}`,
    merchantNextConfirm: (command) => `Announce it with ${command}.`,
    publishOn: (id) =>
      `Mob #${id}: the merchant agreed to publish the comparison with their usual takings in the tally.`,
    publishOff: (id) => `Mob #${id}: the merchant's usual takings stay with the organizers.`,
    takingsPrivate: "Only organizers see this; the public tally shows it once the merchant agrees.",
    gateOn: "Merchant gate on: a mob is announced only once the merchant agreed.",
    gateOff: "Merchant gate off: organizers announce mobs when they see fit.",
  },
  series: {
    created: (id, rule, next, opens) =>
      `Series #${id} is on: ${rule}. Next: ${next}; its vote among the queued shops opens ${opens}.`,
    listTitle: (n) => `Series (${n})`,
    newCommand: "/series <rule>",
    listEmpty: (command) => `No series yet; ${command} starts one.`,
    listItem: (id, rule, next) => `#${id} ${rule}; next: ${next}`,
    skipped: (id, skipped, next) =>
      `Series #${id}: the mob of ${skipped} is skipped; the next one is ${next}.`,
    stopped: (id) => `Series #${id} is stopped; mobs already made stay as they are.`,
    noShopTitle: (date) => `No shop yet for the mob of ${date}`,
    noShop: {
      empty_queue: "The queue was empty when its vote was to open, so there is no vote for it.",
      no_votes: "Nobody voted, so the vote chose no shop.",
      too_late: "It was too late for a vote when I got to it.",
    },
    noShopWhat: (nominate, create) =>
      `Create this one yourself with ${create} if you like, and have members nominate shops with ${nominate} for the next one.`,
  },
  links: {
    page: "Mob page",
    calendar: "Add to calendar",
    merchantSent: "I've sent you the merchant's link privately.",
    merchantTitle: (id) => `Merchant link for mob #${id}`,
    merchantLine: (until) =>
      `Pass it to the shop: they see the proposal and answer yes, another date or no (with a note and, for you only, their usual daily takings). It works until ${until}.`,
    merchantNoPublicUrl:
      "Set PUBLIC_URL to the address people reach the bot's web side at, so this is a full link.",
    answeredTitle: (id, shop, answer) => `Mob #${id}: the merchant of ${shop} answered: ${answer}`,
    answeredNote: (note) => `Their note: ${note}`,
  },
  privacy: {
    organizerTitle: (id) => `Mob #${id}, for organizers only`,
    draftPrivately: (id) =>
      `Mob #${id} is a draft, for organizers only: I'm answering you privately.`,
    draftsTitle: "Drafts, for organizers only",
    showsSecretShop: (shop) => `the secret shop (${shop})`,
    showsTakings: "the shop's usual daily takings",
    showsNote: "the merchant's note",
    stillVisible: (command, chat, what) =>
      `Your ${command} in ${chat} still shows ${what} to everyone there: please delete it (make me an admin allowed to delete messages, and I'll do it next time).`,
    stillVisiblePublicly:
      "Organizers: please delete the command above, it shows what only organizers should see (make me an admin allowed to delete messages, and I'll do it next time).",
  },
  waitlist: {
    joined: (shop, place) =>
      `The mob at ${shop} is full: you are number ${place} on the waitlist. I'll let you know when a place opens up for you.`,
    already: (place) => `You're already on the waitlist: number ${place}.`,
    left: (shop) => `You left the waitlist for ${shop}.`,
    promotedTitle: (shop) => `A place opened up: you're going to ${shop}!`,
    promotedLine:
      "Can't make it after all? Press Leave, and the next person on the waitlist gets your place.",
  },
};

function secondsText(n: number): string {
  return n === 0 ? "no second yet" : `${n} ${n === 1 ? "second" : "seconds"}`;
}

function votesText(n: number): string {
  return `${n} ${n === 1 ? "vote" : "votes"}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
