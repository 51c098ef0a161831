import type { Catalog } from "../catalog.js";
import { MERCHANT_NAMES, STATE_NAMES } from "./names.js";

/** One sentence for each error code. */
export const errors: Catalog["errors"] = {
  MOB_NOT_FOUND: (_f, p) => `There is no mob #${p.id} here; ${p.list} lists this community's mobs.`,
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
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
