/**
 * The mob use cases, one family per file; each runs on the `tx` of the unit of
 * work its caller opened (the handler: one unit per command).
 */
export { settings } from "./community-settings.js";
export { confirmMob, createMob } from "./mob-create.js";
export { cancelMob, editMob } from "./mob-edit.js";
export { listMobs, markTallied, showMob, showTally, tallyExtras } from "./mob-views.js";
export { checkIn, reportSpend, rsvp } from "./rsvp.js";
export {
  defaultPledgeMinor,
  newCheckinCode,
  shopShown,
  traits,
  type UseCaseDeps,
} from "./use-case-kit.js";
