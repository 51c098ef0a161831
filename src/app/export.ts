import type { Community } from "../domain/community.js";
import { ok } from "../domain/errors.js";
import type { Mob, ParticipantView } from "../domain/mob.js";
import { onMob } from "./use-case-kit.js";

/** A mob's participants, for the organizer's spreadsheet. */
export interface Exported {
  readonly kind: "exported";
  readonly mob: Mob;
  readonly community: Community;
  readonly participants: readonly ParticipantView[];
}

/** `/export <id>` (organizers): the participants, sent privately as a CSV file. */
export const exportParticipants = onMob<[], Exported>(
  { organizers: true },
  async (tx, _deps, _ctx, { mob, community }) => {
    return ok({ kind: "exported", mob, community, participants: await tx.participants(mob.id) });
  },
);
