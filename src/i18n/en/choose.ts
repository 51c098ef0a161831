import type { Catalog } from "../catalog.js";
import { MERCHANT_NAMES } from "./names.js";

/** Choosing the shop: nominations, the vote, the merchant's answer. */
export const choose: Catalog["choose"] = {
  nominated: (id, shop) => `${shop} is nominated (#${id}); others second it by nominating it too.`,
  seconded: (shop, seconds) => `Seconded! ${shop} now has ${secondsText(seconds)}.`,
  alreadySeconded: (shop) => `You already seconded ${shop}; nothing changed.`,
  ownNomination: (shop) => `You nominated ${shop} yourself; others second it by nominating it too.`,
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
};

function secondsText(n: number): string {
  return n === 0 ? "no second yet" : `${n} ${n === 1 ? "second" : "seconds"}`;
}

function votesText(n: number): string {
  return `${n} ${n === 1 ? "vote" : "votes"}`;
}
