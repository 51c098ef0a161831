import { createHash } from "node:crypto";
import type { Community } from "../domain/community.js";
import { fail, ok } from "../domain/errors.js";
import type { Mob } from "../domain/mob.js";
import { checkPhoto, PHOTO_LIMITS, type PhotoUpload, photosOpen } from "../domain/photo.js";
import { canOrganize } from "./context.js";
import { onMob } from "./use-case-kit.js";

/** A photo joined the album (`number`), the sender's `mine`-th of at most `max`; or left it. */
export type PhotoOutcome =
  | {
      readonly kind: "photo_added";
      readonly mob: Mob;
      readonly community: Community;
      readonly number: number;
      readonly mine: number;
      readonly max: number;
    }
  | {
      readonly kind: "photo_dropped";
      readonly mob: Mob;
      readonly community: Community;
      readonly number: number;
    };

/**
 * A participant's photo for the mob's album, from the start until the tally:
 * a real picture (by its bytes), of a size both platforms can post, within
 * what one person and one mob may send. Kept without its metadata.
 */
export const addPhoto = onMob<[upload: PhotoUpload | null], PhotoOutcome>(
  { locked: true },
  async (tx, deps, ctx, { mob, community }, upload) => {
    if (upload === null)
      // The sentence says how to send one on the actor's platform.
      return fail("PHOTO_MISSING", undefined, { id: mob.id });
    if (!photosOpen(mob, deps.settings.tallyDelayMs, ctx.now))
      return fail("PHOTO_CLOSED", undefined, { id: mob.id });
    if (!(await tx.getParticipant(mob.id, ctx.member.id)))
      return fail("NOT_PARTICIPANT", undefined, { id: mob.id });
    const photo = checkPhoto(upload);
    if (!photo.ok) return photo;
    const album = await tx.photosOf(mob.id);
    const mine = album.filter((p) => p.memberId === ctx.member.id).length;
    if (mine >= PHOTO_LIMITS.perMember)
      return fail("PHOTO_MEMBER_LIMIT", undefined, { id: mob.id, max: PHOTO_LIMITS.perMember });
    if (album.length >= PHOTO_LIMITS.perMob)
      return fail("PHOTO_MOB_LIMIT", undefined, { id: mob.id, max: PHOTO_LIMITS.perMob });
    const added = await tx.insertPhoto({
      mobId: mob.id,
      memberId: ctx.member.id,
      type: photo.value.type,
      width: photo.value.width,
      height: photo.value.height,
      bytes: photo.value.bytes,
      sha256: createHash("sha256").update(photo.value.bytes).digest("hex"),
      now: ctx.now,
    });
    if (!added) return fail("PHOTO_DUPLICATE", undefined, { id: mob.id });
    return ok({
      kind: "photo_added",
      mob,
      community,
      number: added.number,
      mine: mine + 1,
      max: PHOTO_LIMITS.perMember,
    });
  },
);

/** Takes photo `n` out of the album: organizers may, and so may whoever sent it. */
export const dropPhoto = onMob<[photoText: string], PhotoOutcome>(
  {},
  async (tx, _deps, ctx, { mob, community }, photoText) => {
    const number = /^\d{1,6}$/.test(photoText.trim()) ? Number(photoText.trim()) : 0;
    const photo = number > 0 ? await tx.getPhoto(mob.id, number) : null;
    if (!photo)
      return fail("PHOTO_NOT_FOUND", "photo", { id: mob.id, photo: photoText.trim().slice(0, 12) });
    if (photo.memberId !== ctx.member.id && !canOrganize(ctx, community, mob))
      return fail("NOT_ORGANIZER");
    await tx.dropPhoto(mob.id, number, ctx.now);
    return ok({ kind: "photo_dropped", mob, community, number });
  },
);
