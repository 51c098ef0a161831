import type { ErrorCode } from "../domain/errors.js";
import type { RsvpCounts } from "../domain/mob.js";
import type { EligibilityItem } from "../domain/nomination.js";

type P = Readonly<Record<string, string | number>>;

/** One locale's sentences. Field names are already translated when passed in. */
export interface Catalog {
  readonly errors: Record<ErrorCode, (field: string, p: P) => string>;
  readonly fields: Record<string, string>;
  readonly t: {
    readonly bug: string;
    readonly ctaTitle: (shop: string) => string;
    readonly secretShop: string;
    readonly when: string;
    readonly pledge: string;
    readonly address: string;
    readonly meetingPoint: string;
    readonly addressSecret: string;
    readonly counts: (counts: RsvpCounts, capacity: number | null) => string;
    readonly goal: string;
    readonly join: string;
    readonly maybe: string;
    readonly leave: string;
    readonly cantMakeIt: string;
    readonly dmInvite: string;
    readonly draftTitle: (shop: string) => string;
    readonly created: (id: number) => string;
    readonly createdDraft: (id: number, confirmCommand: string) => string;
    readonly checkinCodeTitle: (id: number) => string;
    readonly checkinCodeLine: (code: string) => string;
    /** Under a check-in code sent with its QR picture. */
    readonly checkinQrLine: (id: number) => string;
    readonly checkinQrAlt: (id: number) => string;
    readonly secretShopPrivate: (shop: string) => string;
    /** In a group when a check-in code could not go privately: says so, never the code. */
    readonly codeNeedsPrivateChat: string;
    readonly codeNeedsPrivateChatButton: string;
    readonly checkinCodesTitle: (community: string) => string;
    readonly checkinCodesItem: (id: number, shop: string, code: string) => string;
    readonly checkinCodesLine: string;
    readonly reminderTitle: (shop: string) => string;
    readonly reminderLine: (relative: string) => string;
    readonly unreachableLine: string;
    readonly revealTitle: string;
    readonly revealLine: (shop: string) => string;
    readonly startTitle: (shop: string) => string;
    /** With an after-party set, the line invites to it; without one, it says nothing of it. */
    readonly startLine: (party: boolean) => string;
    readonly spendTitle: (shop: string) => string;
    readonly spendLine: (command: string) => string;
    readonly spendOther: string;
    readonly tallyTitle: (shop: string) => string;
    readonly tallyVoted: string;
    readonly tallyVotedLine: (forShop: number, total: number) => string;
    readonly tallyGoing: string;
    readonly tallyCame: string;
    readonly tallySpent: string;
    readonly tallySpentBy: (amount: string, people: number) => string;
    readonly tallyAverage: string;
    readonly tallyVsGoal: (pct: number) => string;
    readonly tallyPledged: string;
    readonly tallyVsPledged: (pct: number) => string;
    readonly tallyVsTakings: (ratio: string) => string;
    /** Spends under one usual day: their share of it, in percent. */
    readonly tallyShareOfTakings: (percent: number) => string;
    readonly tallyNone: string;
    readonly cancelledTitle: (shop: string) => string;
    readonly cancelledReason: string;
    readonly rescheduledTitle: (shop: string) => string;
    readonly mentionsTitle: string;
    readonly joined: (shop: string) => string;
    readonly joinedMaybe: (shop: string) => string;
    readonly alreadyJoined: string;
    readonly alreadyMaybe: string;
    readonly left: (shop: string) => string;
    readonly notJoined: string;
    readonly confirmed: (id: number) => string;
    readonly cancelled: (id: number) => string;
    readonly edited: (id: number) => string;
    readonly spentRecorded: (amount: string) => string;
    readonly spentUpdated: (amount: string) => string;
    readonly checkedIn: (shop: string) => string;
    readonly alreadyCheckedIn: string;
    readonly listTitle: string;
    readonly listEmpty: (createCommand: string) => string;
    readonly listItem: (id: number, shop: string) => string;
    readonly listDraft: string;
    readonly stateNames: Record<string, string>;
    readonly status: string;
    readonly settingsTitle: string;
    readonly settingsLine: (
      zone: string,
      locale: string,
      currency: string,
      rule: string,
      gate: boolean,
    ) => string;
    readonly welcome: string;
    readonly welcomeLine: string;
    readonly helpTitle: string;
    /** `/help`: the commands every typed-command chat has, then its platform's own lines. */
    readonly help: readonly string[];
    readonly helpTelegram: readonly string[];
    readonly helpConsole: readonly string[];
    readonly organizer: string;
    /** Label of the mob's end instant in `/mob <id>`. */
    readonly until: string;
    readonly takings: string;
  };
  /** After the mob: the after-party, photos, thanks, history, export. */
  readonly after: {
    readonly party: string;
    readonly photos: (n: number) => string;
    readonly photoAdded: (photo: number, id: number, mine: number, max: number) => string;
    readonly photoDropped: (photo: number, id: number) => string;
    readonly recapCaption: (shop: string) => string;
    readonly photoAlt: (photo: number) => string;
    readonly thanksTitle: (shop: string) => string;
    readonly thanksResults: (mobbers: number, total: string) => string;
    readonly thanksPosted: (id: number) => string;
    readonly thanksLink: (url: string) => string;
    readonly thanksNoLink: string;
    readonly historyTitle: string;
    readonly historyEmpty: string;
    readonly historyTotals: (mobs: number, mobbers: number, spent: string) => string;
    readonly historyItem: (date: string, shop: string, mobbers: number, total: string) => string;
    readonly exportSent: (id: number) => string;
    readonly exportTitle: (id: number, shop: string) => string;
    readonly exportLine: (rows: number) => string;
    /** Column names: name, platform, status, pledge, checked in, spent. */
    readonly exportColumns: (currency: string) => readonly string[];
    readonly exportStatus: Readonly<Record<"going" | "maybe", string>>;
    /** In a group when a file could not go privately: says so, and how to get it. */
    readonly fileNeedsPrivateChat: string;
    readonly fileNeedsPrivateChatButton: string;
  };
  /** Communities across chats: linking, unlinking, the chats of a community. */
  readonly chats: {
    readonly codeSent: string;
    readonly codeTitle: (code: string) => string;
    readonly codeLine: (typed: string, slash: string, minutes: number) => string;
    readonly linked: (community: string) => string;
    readonly list: (chats: string) => string;
    readonly unlinked: (community: string) => string;
    readonly platformNames: Record<string, string>;
  };
  /** Choosing the shop: nominations, the vote, the merchant's answer. */
  readonly choose: {
    readonly nominated: (id: number, shop: string) => string;
    readonly seconded: (shop: string, seconds: number) => string;
    readonly alreadySeconded: (shop: string) => string;
    readonly ownNomination: (shop: string) => string;
    readonly mobbedOn: (date: string) => string;
    readonly mobPlannedOn: (date: string) => string;
    readonly queueTitle: (count: number) => string;
    readonly queueEmpty: (nominateCommand: string) => string;
    readonly queueItem: (id: number, shop: string) => string;
    readonly seconds: (count: number) => string;
    /**
     * "nominated by you" for the reader's own; another's name as written, quoted
     * when it reads as the reader (someone named "you").
     */
    readonly nominatedBy: (name: string, self: boolean) => string;
    readonly why: string;
    readonly more: (count: number) => string;
    readonly checklistTitle: string;
    readonly checklist: Record<EligibilityItem, string>;
    readonly dropped: (id: number, shop: string) => string;
    readonly voteOpened: (id: number, closes: string) => string;
    readonly voteTitle: (date: string) => string;
    readonly voteCloses: string;
    readonly voteOption: (position: number, shop: string, votes: number) => string;
    /** A closed vote's line for the shop it chose. */
    readonly voteWinner: (line: string) => string;
    readonly voteHow: string;
    readonly votedTotal: (count: number) => string;
    readonly voteClosed: string;
    readonly voted: (shop: string) => string;
    readonly voteMoved: (shop: string, from: string) => string;
    readonly alreadyVoted: (shop: string) => string;
    readonly closedNow: (id: number) => string;
    readonly resultTitle: (shop: string) => string;
    readonly resultNoneTitle: string;
    readonly resultNone: string;
    readonly resultDraft: (mobId: number, date: string) => string;
    readonly resultTie: string;
    readonly merchant: string;
    readonly merchantNames: Record<string, string>;
    readonly merchantRecorded: (id: number, status: string) => string;
    readonly merchantBy: (who: string, when: string) => string;
    readonly merchantByLink: (when: string) => string;
    readonly merchantNextConfirm: (confirmCommand: string) => string;
    readonly publishOn: (id: number) => string;
    readonly publishOff: (id: number) => string;
    readonly takingsPrivate: string;
    readonly gateOn: string;
    readonly gateOff: string;
  };
  /** Series: mobs that come back by a rule, a new shop each time. */
  readonly series: {
    readonly created: (id: number, rule: string, next: string, voteOpens: string) => string;
    readonly listTitle: (count: number) => string;
    /** `/series <rule>` as typed, in this language. */
    readonly newCommand: string;
    readonly listEmpty: (command: string) => string;
    readonly listItem: (id: number, rule: string, next: string) => string;
    readonly skipped: (id: number, skipped: string, next: string) => string;
    readonly stopped: (id: number) => string;
    readonly noShopTitle: (date: string) => string;
    readonly noShop: Record<"empty_queue" | "no_votes" | "too_late", string>;
    readonly noShopWhat: (nominate: string, create: string) => string;
  };
  /** Links to the web side on chat posts (when PUBLIC_URL is set). */
  readonly links: {
    readonly page: string;
    readonly calendar: string;
    readonly merchantSent: string;
    readonly merchantTitle: (id: number) => string;
    readonly merchantLine: (until: string) => string;
    readonly merchantNoPublicUrl: string;
    readonly answeredTitle: (id: number, shop: string, answer: string) => string;
    readonly answeredNote: (note: string) => string;
  };
  /** What only organizers may see, kept from the chat where they typed the command. */
  readonly privacy: {
    /** Title of the private part of an organizer's `/mob <id>`. */
    readonly organizerTitle: (id: number) => string;
    /** Said where an organizer asked for a draft: drafts are the organizers' business. */
    readonly draftPrivately: (id: number) => string;
    /** Title of an organizer's drafts, listed privately on `/mobs`. */
    readonly draftsTitle: string;
    /** What a typed command shows: a secret shop (named), the usual takings, the merchant's note. */
    readonly showsSecretShop: (shop: string) => string;
    readonly showsTakings: string;
    readonly showsNote: string;
    /** To the organizer privately, in one sentence: their command is still there, delete it. */
    readonly stillVisible: (command: string, chat: string, what: string) => string;
    /** In the chat when they cannot be told privately: no private data. */
    readonly stillVisiblePublicly: string;
  };
  /** A full mob's waitlist: the place told, and the place given when one opens. */
  readonly waitlist: {
    readonly joined: (shop: string, place: number) => string;
    readonly already: (place: number) => string;
    readonly left: (shop: string) => string;
    readonly promotedTitle: (shop: string) => string;
    readonly promotedLine: string;
  };
}
