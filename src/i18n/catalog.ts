import type { ErrorCode } from "../domain/errors.js";

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
    readonly counts: (going: number, maybe: number, capacity: number | null) => string;
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
    readonly startLine: string;
    readonly spendTitle: (shop: string) => string;
    readonly spendLine: (command: string) => string;
    readonly spendOther: string;
    readonly tallyTitle: (shop: string) => string;
    readonly tallyMobbers: string;
    readonly tallyTotal: string;
    readonly tallyAverage: string;
    readonly tallyVsGoal: (pct: number) => string;
    readonly tallyPledged: string;
    readonly tallyVsPledged: (pct: number) => string;
    readonly tallyVsTakings: (ratio: string) => string;
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
    readonly settingsLine: (zone: string, locale: string, currency: string, rule: string) => string;
    readonly welcome: string;
    readonly welcomeLine: string;
    readonly helpTitle: string;
    readonly help: readonly string[];
    readonly organizer: string;
    /** Label of the mob's end instant in `/mob <id>`. */
    readonly until: string;
    readonly takings: string;
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
  /** Links to the web side on chat posts (when PUBLIC_URL is set). */
  readonly links: {
    readonly page: string;
    readonly calendar: string;
  };
}
