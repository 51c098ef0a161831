import type { Community } from "../domain/community.js";
import { fail, ok, type Result } from "../domain/errors.js";
import type { Mob, ParticipantView } from "../domain/mob.js";
import type { Tx } from "../ports/unit-of-work.js";
import { type Context, canOrganize, findMob } from "./context.js";
import type { UseCaseDeps } from "./use-case-kit.js";

/** A mob's participants, for the organizer's spreadsheet. */
export interface Exported {
  readonly kind: "exported";
  readonly mob: Mob;
  readonly community: Community;
  readonly participants: readonly ParticipantView[];
}

/** `/export <id>` (organizers): the participants, sent privately as a CSV file. */
export async function exportParticipants(
  tx: Tx,
  _deps: UseCaseDeps,
  ctx: Context,
  id: string,
): Promise<Result<Exported>> {
  const found = await findMob(tx, ctx, id);
  if (!found.ok) return found;
  const { mob, community } = found.value;
  if (!canOrganize(ctx, community, mob)) return fail("NOT_ORGANIZER");
  return ok({ kind: "exported", mob, community, participants: await tx.participants(mob.id) });
}
