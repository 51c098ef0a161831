import type { Tx, UnitOfWork } from "../../src/ports/unit-of-work.js";

/** Every repository method of a unit of work (the compiler keeps this list exact). */
const METHODS = {
  addSecond: true,
  addWaiting: true,
  backlog: true,
  ballotCount: true,
  ballotOf: true,
  castBallot: true,
  chatsOf: true,
  chooseNomination: true,
  claimBatch: true,
  claimDue: true,
  releaseLeases: true,
  renewLeases: true,
  claimSpace: true,
  closeVote: true,
  communityOfSpace: true,
  countQueued: true,
  counts: true,
  dropNomination: true,
  dropPhoto: true,
  enqueue: true,
  fillNomination: true,
  findChat: true,
  findNomination: true,
  firstWaiting: true,
  getChat: true,
  getCommunity: true,
  getCommunityByPublicId: true,
  getLinkCode: true,
  getMember: true,
  getMob: true,
  getMobByPublicId: true,
  getNomination: true,
  getParticipant: true,
  getPhoto: true,
  getVote: true,
  insertSeries: true,
  getSeries: true,
  activeSeries: true,
  advanceSeries: true,
  stopSeries: true,
  openVoteOfSeries: true,
  hasAny: true,
  hasPending: true,
  hasUnsettled: true,
  insertChat: true,
  insertCommunity: true,
  insertLinkCode: true,
  insertMob: true,
  insertNomination: true,
  insertPhoto: true,
  insertShop: true,
  insertVote: true,
  lastActivityAt: true,
  listOpenMobs: true,
  listPastMobs: true,
  lockMob: true,
  markHandled: true,
  markSent: true,
  mergeCommunity: true,
  mobbedShops: true,
  moveChat: true,
  nextDueAt: true,
  openVotes: true,
  participants: true,
  pastMobs: true,
  pastTotals: true,
  photoBytes: true,
  photosOf: true,
  pledged: true,
  pruneHandled: true,
  pruneSettled: true,
  queuedNominations: true,
  removeParticipant: true,
  removeWaiting: true,
  requeueInFlight: true,
  retryAt: true,
  rowsFor: true,
  secondsOf: true,
  secret: true,
  sentRef: true,
  setCheckedIn: true,
  setDmChannel: true,
  setMerchantAnswer: true,
  setReachable: true,
  setRsvp: true,
  setShopTakings: true,
  setSpace: true,
  setSpent: true,
  setTakingsPublic: true,
  settle: true,
  updateChat: true,
  updateCommunity: true,
  updateMob: true,
  upsertMember: true,
  useLinkCode: true,
  voteOfMob: true,
  voteOptions: true,
  waitingPlace: true,
  withdrawPending: true,
  takeLeases: true,
  giveUpLeases: true,
  platformStates: true,
  pausePlatform: true,
  platformFailed: true,
  platformBack: true,
  rememberWithheld: true,
  takeWithheld: true,
  pruneWithheld: true,
} satisfies Record<keyof Tx, true>;

/**
 * The repositories of a unit of work, each call its own unit: what a test
 * reads or writes beside the core (`await h.store.getMob(1)`) commits at once,
 * and takes its turn like any other unit. Not for code under test: it would
 * split one unit into many. Anything but a repository method reads as
 * undefined (so the object is not a thenable, and prints plainly).
 */
export function autocommit(uow: UnitOfWork): Tx {
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy({} as Tx, {
    get(_, key) {
      if (typeof key !== "string" || !Object.hasOwn(METHODS, key)) return undefined;
      let method = methods.get(key);
      if (!method) {
        const name = key as keyof Tx;
        method = (...args: unknown[]) =>
          uow.run((tx) => (tx[name] as (...a: unknown[]) => Promise<unknown>).apply(tx, args));
        methods.set(key, method);
      }
      return method;
    },
  });
}
